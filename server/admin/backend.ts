/**
 * Where the CLI's commands are carried out: straight on the database, or, when a server already holds the
 * embedded database (PGlite takes one process at a time), through that server's admin REST API.
 */
import type { Kysely } from 'kysely';
import { playlistToString, type AdminToken, type AdminUser, type AuditEntry, type IssuedToken } from '../../shared/admin.js';
import { errorBodySchema } from '../../shared/api.js';
import { cliActor, listAudit } from '../auth/audit.js';
import type { Database } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { createUser, issue, listTokens, listUsers, revoke, updateUser, type AdminContext, type CreateUser, type IssueToken, type UpdateUser } from './admin.service.js';

export interface AdminBackend {
  createUser(input: CreateUser): Promise<AdminUser>;
  updateUser(id: string, changes: UpdateUser): Promise<AdminUser>;
  listUsers(): Promise<AdminUser[]>;
  issue(input: IssueToken): Promise<IssuedToken>;
  revoke(id: string): Promise<AdminToken>;
  listTokens(): Promise<AdminToken[]>;
  listAudit(limit: number): Promise<AuditEntry[]>;
}

export function databaseBackend(db: Kysely<Database>, now: () => Date = () => new Date()): AdminBackend {
  const ctx: AdminContext = { db, now, actor: cliActor() };
  return {
    createUser: (input) => createUser(ctx, input),
    updateUser: (id, changes) => updateUser(ctx, id, changes),
    listUsers: () => listUsers(db),
    issue: (input) => issue(ctx, input),
    revoke: (id) => revoke(ctx, id),
    listTokens: () => listTokens(db),
    listAudit: (limit) => listAudit(db, { limit }),
  };
}

/** The admin API of a running server, with an admin bearer token (ADMIN_TOKEN or the embedded one's file). */
export function httpBackend(baseUrl: string, adminToken: string): AdminBackend {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = errorBodySchema.safeParse(json);
      throw error.success ? new AppError(response.status, error.data.error.code, error.data.error.message) : new AppError(response.status, 'http_error', `the server answered ${response.status}`);
    }
    return json as T;
  };
  // The playlist goes back to its query-string form: the server validates it again.
  const wire = (input: IssueToken) => (input.kind === 'display' ? { ...input, playlist: playlistToString(input.playlist) } : input);
  return {
    createUser: (input) => call('POST', '/users', input),
    updateUser: (id, changes) => call('PATCH', `/users/${encodeURIComponent(id)}`, changes),
    listUsers: async () => (await call<{ users: AdminUser[] }>('GET', '/users')).users,
    issue: (input) => call('POST', '/tokens', wire(input)),
    revoke: (id) => call('POST', `/tokens/${encodeURIComponent(id)}/revoke`),
    listTokens: async () => (await call<{ tokens: AdminToken[] }>('GET', '/tokens')).tokens,
    listAudit: async (limit) => (await call<{ entries: AuditEntry[] }>('GET', `/audit?limit=${limit}`)).entries,
  };
}
