/**
 * Administration: users, display tokens, ingest keys, revocation. One place for the rules, used by the admin
 * REST routes and by the CLI alike; every change lands in the audit log.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  displayPlaylistSchema,
  playlistToString,
  type AdminToken,
  type AdminUser,
  type createUserRequestSchema,
  type IssuedToken,
  type issueTokenRequestSchema,
  type updateUserRequestSchema,
} from '../../shared/admin.js';
import type { Role } from '../../shared/api.js';
import { audit, type Actor } from '../auth/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { revokeUserSessions } from '../auth/sessions.js';
import { issueToken, revokeToken as revokeTokenRow } from '../auth/tokens.js';
import { countActiveAdmins, findUser, findUserByUsername, insertUser, presentUser, updateUser as updateUserRow, listUsers as listUserRows } from '../auth/users.repository.js';
import type { ApiTokenRow, Database } from '../db/database.js';
import { AppError, notFound } from '../http/errors.js';
import { isoOrNull } from '../db/timestamps.js';

export interface AdminContext {
  db: Kysely<Database>;
  now: () => Date;
  actor: Actor;
  ip?: string | null;
  /** Called with the principal id whose credentials just stopped working, to close its live sockets. */
  onRevoked?: (principalId: string) => void;
}

export type CreateUser = z.output<typeof createUserRequestSchema>;
export type UpdateUser = z.output<typeof updateUserRequestSchema>;
export type IssueToken = z.output<typeof issueTokenRequestSchema>;

/** Unit codes must name units of the catalog: a typo would silently grant nothing. */
async function checkUnits(db: Kysely<Database>, units: string[] | null | undefined): Promise<void> {
  if (!units || units.length === 0) return;
  const known = new Set((await db.selectFrom('units').select('code').where('code', 'in', units).execute()).map((r) => r.code));
  const unknown = units.filter((u) => !known.has(u));
  if (unknown.length > 0) throw new AppError(400, 'unknown_units', `unknown unit codes: ${unknown.join(', ')}`, { unknown });
}

function unitsFor(role: string, units: string[] | null | undefined): string[] | null {
  if (role !== 'unit_head') return null;
  if (!units || units.length === 0) throw new AppError(400, 'units_required', 'a unit_head needs at least one unit (--units HN-HK,HN-BD)');
  return [...new Set(units)];
}

export async function createUser(ctx: AdminContext, input: CreateUser): Promise<AdminUser> {
  const units = unitsFor(input.role, input.units);
  await checkUnits(ctx.db, units);
  if (await findUserByUsername(ctx.db, input.username)) throw new AppError(409, 'username_taken', `the username '${input.username}' is taken`);
  const row = await insertUser(ctx.db, {
    username: input.username,
    displayName: input.displayName ?? input.username,
    passwordHash: await hashPassword(input.password),
    role: input.role,
    units,
  });
  await audit(ctx.db, { action: 'user.created', actor: ctx.actor, target: `user:${row.username}`, ip: ctx.ip, details: { role: row.role, units } });
  return presentUser(row);
}

export async function updateUser(ctx: AdminContext, id: string, changes: UpdateUser): Promise<AdminUser> {
  const before = await findUser(ctx.db, id);
  if (!before) throw notFound(`user '${id}'`);
  if (changes.disabled === true && ctx.actor.id === before.id) throw new AppError(400, 'cannot_disable_self', 'you cannot disable your own account');
  // Without an active administrator, only the CLI (or ADMIN_TOKEN, when set) could manage users again.
  const endsAnAdmin = before.role === 'admin' && before.disabled_at === null && (changes.disabled === true || (changes.role !== undefined && changes.role !== 'admin'));
  if (endsAnAdmin && (await countActiveAdmins(ctx.db)) <= 1) {
    throw new AppError(409, 'last_admin', 'this is the last active administrator: make another user an administrator first');
  }
  const role = changes.role ?? before.role;
  const units = changes.units !== undefined || changes.role !== undefined
    ? unitsFor(role, changes.units !== undefined ? changes.units : (before.units as unknown as string[] | null))
    : undefined;
  await checkUnits(ctx.db, units);
  const now = ctx.now();
  const row = await updateUserRow(ctx.db, id, {
    ...(changes.disabled !== undefined ? { disabledAt: changes.disabled ? (before.disabled_at ?? now) : null } : {}),
    ...(units !== undefined ? { units } : {}),
    ...(changes.role !== undefined ? { role: changes.role } : {}),
    ...(changes.password !== undefined ? { passwordHash: await hashPassword(changes.password) } : {}),
  });
  if (!row) throw notFound(`user '${id}'`);

  const target = `user:${row.username}`;
  const base = { actor: ctx.actor, target, ip: ctx.ip };
  if (changes.disabled === true && before.disabled_at === null) await audit(ctx.db, { ...base, action: 'user.disabled' });
  if (changes.disabled === false && before.disabled_at !== null) await audit(ctx.db, { ...base, action: 'user.enabled' });
  if (changes.role !== undefined && changes.role !== before.role) await audit(ctx.db, { ...base, action: 'user.role_changed', details: { from: before.role, to: changes.role } });
  if (changes.units !== undefined) await audit(ctx.db, { ...base, action: 'user.units_assigned', details: { units } });
  if (changes.password !== undefined) await audit(ctx.db, { ...base, action: 'user.password_changed' });

  // Whatever narrows or ends what a user may do ends their sessions and live sockets now, not at expiry.
  const narrowed = changes.disabled === true || changes.password !== undefined || (changes.role !== undefined && changes.role !== before.role) || changes.units !== undefined;
  if (narrowed) {
    await revokeUserSessions(ctx.db, id, now);
    ctx.onRevoked?.(id);
  }
  return presentUser(row);
}

export async function listUsers(db: Kysely<Database>): Promise<AdminUser[]> {
  return (await listUserRows(db)).map(presentUser);
}


export function presentToken(row: ApiTokenRow): AdminToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    units: row.units === null ? null : (row.units as unknown as string[]),
    playlist: row.playlist === null ? null : (displayPlaylistSchema.safeParse(row.playlist).data ?? null),
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    expiresAt: isoOrNull(row.expires_at),
    revokedAt: isoOrNull(row.revoked_at),
    lastUsedAt: isoOrNull(row.last_used_at),
  };
}

export async function listTokens(db: Kysely<Database>): Promise<AdminToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').execute();
  return rows.map(presentToken);
}

async function findToken(db: Kysely<Database>, id: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Issues a display token or an ingest key; the secret is in the answer and nowhere else. */
export async function issue(ctx: AdminContext, input: IssueToken): Promise<IssuedToken> {
  const units = input.kind === 'ingest' ? (input.units ? [...new Set(input.units)] : null) : null;
  await checkUnits(ctx.db, units);
  const { id, token } = await issueToken(ctx.db, {
    name: input.name,
    role: input.kind,
    units,
    playlist: input.kind === 'display' ? playlistToString(input.playlist) : null,
    createdBy: ctx.actor.name,
  });
  const row = await findToken(ctx.db, id);
  if (!row) throw new Error(`token ${id} vanished after insert`);
  await audit(ctx.db, { action: 'token.issued', actor: ctx.actor, target: `token:${id}`, ip: ctx.ip, details: { name: input.name, role: input.kind, units } });
  return { token: presentToken(row), secret: token };
}

export async function revoke(ctx: AdminContext, id: string): Promise<AdminToken> {
  const existing = await findToken(ctx.db, id);
  if (!existing) {
    const hint = (await findUser(ctx.db, id)) ? ' (that is a user: disable it instead)' : '';
    throw notFound(`token '${id}'${hint}`);
  }
  const revokedNow = await revokeTokenRow(ctx.db, id, ctx.now());
  if (revokedNow) await audit(ctx.db, { action: 'token.revoked', actor: ctx.actor, target: `token:${id}`, ip: ctx.ip, details: { name: existing.name, role: existing.role } });
  ctx.onRevoked?.(id);
  const row = await findToken(ctx.db, id);
  return presentToken(row ?? existing);
}
