/**
 * Starts the real app for a test, on an ephemeral port, against a fresh database:
 * a new PostgreSQL database when TEST_DATABASE_URL is set, else an in-memory PGlite.
 */
import { startApp, type AppOptions, type RunningApp } from '../../server/app.js';
import type { Config } from '../../server/config.js';
import { createScratchDatabase, type ScratchDatabase } from './postgres.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';
export const engine: 'postgres' | 'pglite' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A fresh, empty PostgreSQL database on the TEST_DATABASE_URL server; answers its URL and a drop function. */
export async function createTestDatabase(): Promise<ScratchDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  return createScratchDatabase(adminUrl, 'mcl_test');
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: undefined,
    dataDir: null,
    adminToken: TEST_ADMIN_TOKEN,
    unitCatalog: undefined,
    simulate: false,
    simulateRate: 1,
    simulateBackfillDays: 0,
    liveIntervalMs: 50,
    timeZone: 'Asia/Ho_Chi_Minh',
    redisUrl: undefined,
    logLevel: 'silent',
    ...overrides,
  };
}

export interface TestApp extends RunningApp {
  /** Stops the app and drops its database. */
  close(): Promise<void>;
  /** fetch against the app with the admin token (or another one). */
  api(path: string, init?: RequestInit & { token?: string | null }): Promise<Response>;
  /** POST /api/v1/events with a JSON array; answers status and body. */
  post(events: unknown, token?: string): Promise<{ status: number; body: any }>;
  get(path: string, token?: string): Promise<any>;
}

export async function startTestApp(options: Omit<Partial<AppOptions>, 'config'> & { config?: Partial<Config> } = {}): Promise<TestApp> {
  // A caller that names its database (a proxy in front of one, a server of its own) gets no scratch database.
  const database = engine === 'postgres' && !options.config?.databaseUrl ? await createTestDatabase() : null;
  const app = await startApp({
    ...options,
    log: options.log ?? (() => undefined),
    config: testConfig({ databaseUrl: database?.url, ...options.config }),
  });
  const api = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token = TEST_ADMIN_TOKEN, headers, ...rest } = init;
    return fetch(app.url + path, {
      ...rest,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers as Record<string, string> | undefined) },
    });
  };
  return {
    ...app,
    async close() {
      await app.stop();
      await database?.drop();
    },
    api,
    async post(events, token) {
      const res = await api('/api/v1/events', {
        method: 'POST',
        body: typeof events === 'string' ? events : JSON.stringify(events),
        headers: { 'content-type': 'application/json' },
        ...(token === undefined ? {} : { token }),
      });
      return { status: res.status, body: await res.json() };
    },
    async get(path, token) {
      const res = await api(path, token === undefined ? {} : { token });
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
  };
}
