import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { displayPlaylistSchema } from '../../shared/admin.js';
import type { Me, Role } from '../../shared/api.js';
import type { Database } from '../db/database.js';

/**
 * Who is calling, resolved from a bearer token or a session cookie: exactly what `GET /api/v1/me` answers.
 * Its `id` is the token's id, or the user's id for a session: what revocation and `disconnectPrincipal` name.
 */
export type Principal = Me;

/** Tokens are random 256-bit secrets, so a fast hash is enough to store them safely. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newTokenSecret(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export interface IssueTokenInput {
  name: string;
  role: Role;
  units?: string[] | null;
  expiresAt?: Date | null;
  /** Display tokens: the playlist in its query-string form. */
  playlist?: string | null;
  /** Who issued it (a principal id), for the admin page. */
  createdBy?: string | null;
}

/** Creates a token and answers its secret, which is shown this once and stored only hashed. */
export async function issueToken(db: Kysely<Database>, input: IssueTokenInput): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = newTokenSecret(input.role === 'ingest' ? 'mck' : 'mct');
  await db
    .insertInto('api_tokens')
    .values({
      id,
      name: input.name,
      role: input.role,
      token_hash: hashToken(token),
      units: input.units ? JSON.stringify(input.units) : null,
      expires_at: input.expiresAt ?? null,
      playlist: input.playlist ?? null,
      created_by: input.createdBy ?? null,
    })
    .execute();
  return { id, token };
}

export async function revokeToken(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(hashToken(a));
  const right = Buffer.from(hashToken(b));
  return timingSafeEqual(left, right);
}

export interface TokenResolver {
  adminToken: string | undefined;
  db: Kysely<Database>;
  now: () => Date;
}

/** The principal a bearer token stands for, or null when the token is unknown, revoked or expired. */
export async function resolveToken(r: TokenResolver, token: string): Promise<Principal | null> {
  if (r.adminToken && sameSecret(token, r.adminToken)) {
    return { id: ADMIN_TOKEN_PRINCIPAL_ID, name: 'ADMIN_TOKEN', role: 'admin', units: null, authenticatedBy: 'token' };
  }
  const row = await r.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'units', 'expires_at', 'revoked_at', 'playlist', 'last_used_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const now = r.now();
  if (row.expires_at !== null && new Date(row.expires_at).getTime() <= now.getTime()) return null;
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
    // Best effort and off the request's path: "last used" is for the admin page, not worth failing a request over.
    r.db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute().catch(() => undefined);
  }
  const units = row.units === null ? null : (row.units as unknown as string[]);
  const playlist = row.playlist === null ? null : (displayPlaylistSchema.safeParse(row.playlist).data ?? null);
  return { id: row.id, name: row.name, role: row.role as Role, units, authenticatedBy: 'token', ...(row.role === 'display' ? { playlist } : {}) };
}

export const ADMIN_TOKEN_PRINCIPAL_ID = 'admin-token';
/** `last_used_at` is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 5 * 60_000;
