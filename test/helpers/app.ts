/**
 * Starts the real app for a test, on an ephemeral port, against a fresh database:
 * a new PostgreSQL database when TEST_DATABASE_URL is set, else an in-memory PGlite.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PGLITE_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
const TEMPLATE_FILE = path.join(ROOT, 'node_modules', '.cache', 'motcua-live', `pglite-${PGLITE_VERSION}-empty.tar`);
let template: Promise<Uint8Array<ArrayBuffer>> | null = null;

/**
 * The files of an empty PGlite database, made once and kept (under node_modules/.cache) for every test file and
 * run: each in-memory database of the suite starts from them (`AppOptions.embeddedTemplate`) instead of creating its
 * own, which took ≈ 2 s of CPU each time. Migrations and the catalog still run on every one.
 */
export function embeddedTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  template ??= (async () => {
    try {
      return new Uint8Array(readFileSync(TEMPLATE_FILE));
    } catch {
      // Loaded only here: every test file imports this helper, and only the first one of a PGlite run makes the files.
      const { PGlite } = await import('@electric-sql/pglite');
      const pglite = new PGlite();
      const files = new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
      await pglite.close();
      // Several test files may make it at once: each writes its own and renames it into place whole.
      mkdirSync(path.dirname(TEMPLATE_FILE), { recursive: true });
      const partial = `${TEMPLATE_FILE}.${process.pid}`;
      writeFileSync(partial, files);
      renameSync(partial, TEMPLATE_FILE);
      return files;
    }
  })();
  return template;
}

/** What `startApp` needs besides its config in a test: an in-memory PGlite starts from `embeddedTemplate`. */
export async function testAppOptions(): Promise<Pick<AppOptions, 'embeddedTemplate'>> {
  return engine === 'pglite' ? { embeddedTemplate: await embeddedTemplate() } : {};
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

/**
 * Resolves when the app revokes this principal (disconnecting its live connections). Other revocations pass by: the
 * server's watcher also reports, within seconds, sessions a test's clock has let expire and other tests' tokens.
 */
export function revocationOf(app: RunningApp, principalId: string): Promise<void> {
  return new Promise((resolve) => {
    const listener = (id: string) => {
      if (id !== principalId) return;
      app.revocations.off('revoked', listener);
      resolve();
    };
    app.revocations.on('revoked', listener);
  });
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
    ...(await testAppOptions()),
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
