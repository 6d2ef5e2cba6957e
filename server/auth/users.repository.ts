/** People who sign in: plain typed queries, no HTTP. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AdminUser, UserRole } from '../../shared/admin.js';
import type { Database, UserRow } from '../db/database.js';
import { isoOrNull } from '../db/timestamps.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: UserRole;
  units: string[] | null;
}

export async function insertUser(db: Db, user: NewUser): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({
      id: randomUUID(),
      username: user.username,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      role: user.role,
      units: user.units === null ? null : JSON.stringify(user.units),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
}

export function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Db): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy('username').execute();
}

export interface UserChanges {
  disabledAt?: Date | null;
  units?: string[] | null;
  role?: UserRole;
  passwordHash?: string;
  lastLoginAt?: Date;
}

export async function updateUser(db: Db, id: string, changes: UserChanges): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({
      ...(changes.disabledAt !== undefined ? { disabled_at: changes.disabledAt } : {}),
      ...(changes.units !== undefined ? { units: changes.units === null ? null : JSON.stringify(changes.units) } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
      ...(changes.lastLoginAt !== undefined ? { last_login_at: changes.lastLoginAt } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export function countActiveAdmins(db: Db): Promise<number> {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}


export function presentUser(row: UserRow): AdminUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as UserRole,
    units: row.units === null ? null : (row.units as unknown as string[]),
    createdAt: new Date(row.created_at).toISOString(),
    disabledAt: isoOrNull(row.disabled_at),
    lastLoginAt: isoOrNull(row.last_login_at),
  };
}
