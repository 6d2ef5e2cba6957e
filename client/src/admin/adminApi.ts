/** The admin REST API (`/api/v1/admin/*`, the rejected events, the holiday calendar and the procedures), typed with the shared contract. */
import {
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
  type AdminToken,
  type AdminUser,
  type AuditEntry,
  type CreateUserRequest,
  type IssuedToken,
  type IssueTokenRequest,
  type UpdateUserRequest,
} from '../../../shared/admin.js';
import { errorBodySchema } from '../../../shared/api.js';
import type { Holiday, Procedure } from '../../../shared/catalog.js';
import type { RejectedEvent } from '../../../shared/events.js';

/** How the page authenticates: the same shape as the dashboard's `Credential` (lib/api.ts). */
export type AdminCredential = { kind: 'token'; token: string } | { kind: 'session' };

export class AdminApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'AdminApiError';
  }
}

export class AdminApi {
  constructor(private readonly credential: AdminCredential) {}

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.request(method, `/api/v1/admin${path}`, body);
  }

  private async request<T>(method: string, url: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', [CSRF_HEADER]: CSRF_HEADER_VALUE };
    if (this.credential.kind === 'token') headers.Authorization = `Bearer ${this.credential.token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = errorBodySchema.safeParse(json);
      throw error.success ? new AdminApiError(response.status, error.data.error.code, error.data.error.message) : new AdminApiError(response.status, 'http_error', `HTTP ${response.status}`);
    }
    return json as T;
  }

  async users(): Promise<AdminUser[]> {
    return (await this.call<{ users: AdminUser[] }>('GET', '/users')).users;
  }
  createUser(input: CreateUserRequest): Promise<AdminUser> {
    return this.call('POST', '/users', input);
  }
  updateUser(id: string, changes: UpdateUserRequest): Promise<AdminUser> {
    return this.call('PATCH', `/users/${encodeURIComponent(id)}`, changes);
  }
  async tokens(): Promise<AdminToken[]> {
    return (await this.call<{ tokens: AdminToken[] }>('GET', '/tokens')).tokens;
  }
  issue(input: IssueTokenRequest): Promise<IssuedToken> {
    return this.call('POST', '/tokens', input);
  }
  revoke(id: string): Promise<AdminToken> {
    return this.call('POST', `/tokens/${encodeURIComponent(id)}/revoke`);
  }
  async audit(limit = 200): Promise<AuditEntry[]> {
    return (await this.call<{ entries: AuditEntry[] }>('GET', `/audit?limit=${limit}`)).entries;
  }
  /** Rejected events, newest first; `before` pages back from the last one shown (its `seq`). */
  async rejected(limit: number, before?: number): Promise<RejectedEvent[]> {
    const query = new URLSearchParams({ limit: String(limit), ...(before === undefined ? {} : { before: String(before) }) });
    return (await this.request<{ rejected: RejectedEvent[] }>('GET', `/api/v1/events/rejected?${query.toString()}`)).rejected;
  }
  holidays(): Promise<Holiday[]> {
    return this.request('GET', '/api/v1/holidays');
  }
  /** Replaces one year's holidays (an empty list empties it). */
  putHolidays(year: number, holidays: readonly Holiday[]): Promise<{ year: number; holidays: number }> {
    return this.request('PUT', `/api/v1/holidays/${year}`, holidays);
  }
  procedures(): Promise<Procedure[]> {
    return this.request('GET', '/api/v1/procedures');
  }
  /** Adds or changes procedures by code; the others stay. */
  putProcedures(procedures: readonly Procedure[]): Promise<{ upserted: number; procedures: number }> {
    return this.request('PUT', '/api/v1/procedures', procedures);
  }
}

/** What the page shows of a failed call: the server's message (`AdminApiError`), or the error as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "HN-HK, HN-BD" → ['HN-HK', 'HN-BD']; empty → null. */
export function parseUnitList(text: string): string[] | null {
  const units = text.split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
  return units.length > 0 ? units : null;
}
