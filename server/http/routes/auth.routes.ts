/** Browser sign-in and sign-out: `POST /api/v1/auth/login`, `POST /api/v1/auth/logout`. Mounted before authentication. */
import express, { Router, type Request } from 'express';
import type { Kysely } from 'kysely';
import { CSRF_HEADER, loginRequestSchema } from '../../../shared/admin.js';
import type { Me, Role } from '../../../shared/api.js';
import { audit } from '../../auth/audit.js';
import { verifyPassword } from '../../auth/passwords.js';
import { isSameOrigin } from '../../auth/principal.js';
import { SESSION_COOKIE, clearSessionCookieHeader, cookieValue, createSession, revokeSession, sessionCookieHeader } from '../../auth/sessions.js';
import { findUser, findUserByUsername, updateUser } from '../../auth/users.repository.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../errors.js';
import { parseOr400 } from '../middleware.js';
import { loginRateLimits } from '../security.js';

export interface AuthRouterDeps {
  db: Kysely<Database>;
  now: () => Date;
  /** Failed sign-ins allowed per minute per address and username. */
  loginRatePerMinute: number;
  /** Closes the live sockets of a user who signed out (their other browsers reconnect on their own session). */
  onRevoked?: (principalId: string) => void;
}

/** Sign-in and sign-out are state changes a cross-site page must not trigger (login CSRF). */
function requireBrowserGuard(req: Request): void {
  if (!req.get(CSRF_HEADER)) throw new AppError(403, 'csrf', `send the ${CSRF_HEADER} header`);
  if (!isSameOrigin(req.headers)) throw new AppError(403, 'csrf', 'cross-site request refused');
}

export function authRouter(deps: AuthRouterDeps): Router {
  const router = Router();
  const { db, now } = deps;

  router.post('/auth/login', express.json({ limit: '8kb' }), ...loginRateLimits(deps.loginRatePerMinute), async (req, res) => {
    requireBrowserGuard(req);
    const { username, password } = parseOr400(loginRequestSchema, req.body, 'login');
    const user = await findUserByUsername(db, username);
    const usable = user !== undefined && user.disabled_at === null;
    const ok = await verifyPassword(usable ? user.password_hash : null, password);
    if (!ok || !usable) {
      await audit(db, {
        action: 'login.failed',
        actor: { id: user?.id ?? null, name: username },
        target: `user:${username}`,
        ip: req.ip ?? null,
        details: { reason: user === undefined ? 'unknown_user' : !usable ? 'disabled' : 'wrong_password' },
      });
      // One answer for every cause: the response does not tell which usernames exist.
      throw new AppError(401, 'invalid_credentials', 'wrong username or password');
    }
    const at = now();
    const session = await createSession(db, user.id, at, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });
    await updateUser(db, user.id, { lastLoginAt: at });
    await audit(db, { action: 'login.succeeded', actor: { id: user.id, name: user.display_name }, target: `user:${user.username}`, ip: req.ip ?? null });
    res.setHeader('Set-Cookie', sessionCookieHeader(session.secret, session.expiresAt, at, req.secure));
    res.setHeader('Cache-Control', 'no-store');
    const units = user.units === null ? null : (user.units as unknown as string[]);
    const me: Me = { id: user.id, name: user.display_name, role: user.role as Role, units, authenticatedBy: 'session' };
    res.json(me);
  });

  // Works with an expired or unknown session too: signing out always leaves the browser signed out.
  router.post('/auth/logout', async (req, res) => {
    requireBrowserGuard(req);
    const secret = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (secret) {
      const userId = await revokeSession(db, secret, now());
      if (userId) {
        const user = await findUser(db, userId);
        await audit(db, { action: 'logout', actor: { id: userId, name: user?.display_name ?? null }, target: `user:${user?.username ?? userId}`, ip: req.ip ?? null });
        deps.onRevoked?.(userId);
      }
    }
    res.setHeader('Set-Cookie', clearSessionCookieHeader(req.secure));
    res.status(204).end();
  });
  return router;
}
