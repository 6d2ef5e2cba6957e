import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../shared/api.js';
import type { Database } from '../db/database.js';

/** Who is calling: resolved from a bearer token (or, later, a session). */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  /** Units a unit_head may see in detail, or an ingest key may write; null = all. */
  units: string[] | null;
}

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
  if (r.adminToken && sameSecret(token, r.adminToken)) return { id: 'admin-token', name: 'ADMIN_TOKEN', role: 'admin', units: null };
  const row = await r.db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'role', 'units', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  if (row.expires_at !== null && new Date(row.expires_at).getTime() <= r.now().getTime()) return null;
  const units = row.units === null ? null : (row.units as unknown as string[]);
  return { id: row.id, name: row.name, role: row.role as Role, units };
}
