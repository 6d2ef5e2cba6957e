/** The REST side of the contract, typed with the shared schemas; every call carries the bearer token. */
import type { Procedure, Unit, UnitKind } from '../../../shared/catalog.js';
import type { Me, PublicConfig } from '../../../shared/api.js';
import { errorBodySchema } from '../../../shared/api.js';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../../shared/admin.js';
import {
  procedureSnapshotSchema, procedureUnitsSnapshotSchema, snapshotSchema, unitSnapshotSchema,
  type ProcedureSnapshot, type ProcedureUnitsSnapshot, type Snapshot, type UnitSnapshot,
} from '../../../shared/snapshot.js';

export class UnauthorizedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string>;

/** The server's answer that what was asked for does not exist (a unit or procedure code it has no such thing for). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/** How the browser proves who it is: a bearer token (links, wall displays) or the session cookie of a sign-in. */
export type Credential = { kind: 'token'; token: string } | { kind: 'session' };

const BROWSER_GUARD = { [CSRF_HEADER]: CSRF_HEADER_VALUE };

export class Api {
  constructor(private readonly credential: Credential, private readonly onUnauthorized: () => void) {}

  private async get(path: string, query?: Query, signal?: AbortSignal): Promise<unknown> {
    const search = query ? `?${new URLSearchParams(query).toString()}` : '';
    const auth: Record<string, string> = this.credential.kind === 'token' ? { Authorization: `Bearer ${this.credential.token}` } : {};
    const response = await fetch(`/api/v1${path}${search}`, { headers: { ...auth, Accept: 'application/json' }, credentials: 'same-origin', signal });
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 401) {
      this.onUnauthorized();
      throw new UnauthorizedError('unauthorized');
    }
    if (!response.ok) {
      const parsed = errorBodySchema.safeParse(body);
      throw parsed.success
        ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message)
        : new ApiError(response.status, 'http_error', `HTTP ${response.status}`);
    }
    return body;
  }

  // Config and identity are small and server-made: trusted as typed. Figures are checked against the schema.
  config(): Promise<PublicConfig> {
    return this.get('/config') as Promise<PublicConfig>;
  }

  me(): Promise<Me> {
    return this.get('/me') as Promise<Me>;
  }

  units(): Promise<Unit[]> {
    return this.get('/units') as Promise<Unit[]>;
  }

  /** The procedure catalog, by code: what a presenter's or a wall's slide of one procedure is chosen from. */
  procedures(): Promise<Procedure[]> {
    return this.get('/procedures') as Promise<Procedure[]>;
  }

  async snapshot(period: Query, kind: UnitKind, signal?: AbortSignal): Promise<Snapshot> {
    return snapshotSchema.parse(await this.get('/snapshot', { ...period, kind }, signal));
  }

  async unitSnapshot(code: string, period: Query, signal?: AbortSignal): Promise<UnitSnapshot> {
    return unitSnapshotSchema.parse(await this.get(`/units/${encodeURIComponent(code)}/snapshot`, period, signal));
  }

  /** Every procedure of the city with dossiers in the period or pending, the most late and overdue first. */
  async procedureSnapshot(period: Query, signal?: AbortSignal): Promise<ProcedureSnapshot> {
    return procedureSnapshotSchema.parse(await this.get('/procedures/snapshot', period, signal));
  }

  /** One procedure across the city: its total and the units with its dossiers, the most late and overdue first. */
  async procedureUnits(code: string, period: Query, signal?: AbortSignal): Promise<ProcedureUnitsSnapshot> {
    return procedureUnitsSnapshotSchema.parse(await this.get(`/procedures/${encodeURIComponent(code)}/snapshot`, period, signal));
  }
}

/** The signed-in user of this browser's session cookie, or null when there is none (or it expired). */
export async function sessionUser(): Promise<Me | null> {
  const response = await fetch('/api/v1/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  return response.ok ? ((await response.json()) as Me) : null;
}

/** Signs in with a username and password; the server sets the session cookie. */
export async function signInWithPassword(username: string, password: string): Promise<{ ok: true } | { ok: false; status: number }> {
  const response = await fetch('/api/v1/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...BROWSER_GUARD },
    body: JSON.stringify({ username, password }),
  });
  return response.ok ? { ok: true } : { ok: false, status: response.status };
}

export async function signOutSession(): Promise<void> {
  await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'same-origin', headers: BROWSER_GUARD }).catch(() => undefined);
}

/** Runs tasks with at most `limit` in flight, keeping order: trend buckets must not flood the server. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
