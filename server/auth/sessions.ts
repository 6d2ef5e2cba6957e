/**
 * Browser sessions. The cookie holds a random 256-bit secret; the database keeps only its sha256, so a leaked
 * database copy cannot be replayed. Sessions slide (idle timeout) within an absolute lifetime.
 */
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/api.js';
import type { Database } from '../db/database.js';
import { hashToken, newTokenSecret, type Principal } from './tokens.js';

export const SESSION_COOKIE = 'mcl_session';
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3600_000;
/** The sliding expiry is written at most this often, not on every request. */
const SLIDE_RESOLUTION_MS = 60_000;

export interface SessionMeta {
  ip?: string | null;
  userAgent?: string | null;
}

/** Opens a session for a user; answers the cookie secret (shown to the browser only) and its absolute expiry. */
export async function createSession(db: Kysely<Database>, userId: string, now: Date, meta: SessionMeta = {}): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newTokenSecret('mcs');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(secret),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      idle_expires_at: new Date(now.getTime() + SESSION_IDLE_MS),
      absolute_expires_at: expiresAt,
      ip: meta.ip?.slice(0, 100) ?? null,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { secret, expiresAt };
}

/** The signed-in user behind a session secret, or null when unknown, revoked, expired or the user is disabled. */
export async function resolveSession(db: Kysely<Database>, secret: string, now: Date): Promise<Principal | null> {
  const idHash = hashToken(secret);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.last_seen_at', 'sessions.idle_expires_at', 'sessions.absolute_expires_at', 'sessions.revoked_at',
      'users.id as user_id', 'users.display_name', 'users.role', 'users.units', 'users.disabled_at',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null || row.disabled_at !== null) return null;
  const t = now.getTime();
  const absolute = new Date(row.absolute_expires_at).getTime();
  if (t >= new Date(row.idle_expires_at).getTime() || t >= absolute) return null;
  if (t - new Date(row.last_seen_at).getTime() >= SLIDE_RESOLUTION_MS) {
    await db
      .updateTable('sessions')
      .set({ last_seen_at: now, idle_expires_at: new Date(Math.min(absolute, t + SESSION_IDLE_MS)) })
      .where('id_hash', '=', idHash)
      .execute();
  }
  const units = row.units === null ? null : (row.units as unknown as string[]);
  return { id: row.user_id, name: row.display_name, role: row.role as Role, units, authenticatedBy: 'session' };
}

/** Ends one session (sign-out); answers the user it belonged to, if it was live. */
export async function revokeSession(db: Kysely<Database>, secret: string, now: Date): Promise<string | null> {
  const row = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id_hash', '=', hashToken(secret))
    .where('revoked_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}

/** Ends every session of a user (disabled, role changed, password reset). */
export async function revokeUserSessions(db: Kysely<Database>, userId: string, now: Date): Promise<number> {
  const result = await db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Drops sessions past their absolute expiry (kept a day for the record); answers how many (server/db/housekeeping.ts). */
export async function deleteExpiredSessions(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('absolute_expires_at', '<', new Date(now.getTime() - 24 * 3600_000)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The value of one cookie in a `Cookie` header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw) || null;
    } catch {
      return null;
    }
  }
  return null;
}

/** The Set-Cookie header of a session; `Secure` when the request came over HTTPS. */
export function sessionCookieHeader(secret: string, expiresAt: Date, now: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return [`${SESSION_COOKIE}=${secret}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAge}`, ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearSessionCookieHeader(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', ...(secure ? ['Secure'] : [])].join('; ');
}
