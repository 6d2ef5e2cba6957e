/**
 * Database unreachable: POST /api/v1/events answers 503 with Retry-After and stores nothing of the batch.
 * PostgreSQL: a TCP proxy between the app and the server is cut, then restored, and the same batch is
 * accepted and counted once. PGlite: the embedded database is closed under the running app.
 */
import { createServer, Socket, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engine, startTestApp, type TestApp } from './helpers/app.js';

const NOW = new Date('2026-11-24T10:15:00+07:00');
const DAY = `from=${encodeURIComponent('2026-11-23T00:00:00+07:00')}&to=${encodeURIComponent('2026-11-24T00:00:00+07:00')}`;

const batch = [
  { id: 'o-1', type: 'dossier.received', at: '2026-11-23T09:00:00+07:00', unitCode: 'HN-HK', dossierId: 'O1', procedureCode: 'TP-KS', channel: 'online', dueAt: '2026-11-25T17:00:00+07:00' },
  { id: 'o-2', type: 'dossier.resolved', at: '2026-11-23T11:00:00+07:00', unitCode: 'HN-HK', dossierId: 'O1', outcome: 'approved' },
  { id: 'o-3', type: 'rating.submitted', at: '2026-11-23T11:05:00+07:00', unitCode: 'HN-HK', score: 5 },
  { id: 'o-bad', type: 'rating.submitted', at: '2026-11-23T11:05:00+07:00', unitCode: 'HN-HK', score: 9 },
];

/** A TCP proxy that can be cut (every connection destroyed, the port closed) and restored on the same port. */
class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = new Socket();
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      upstream.connect(this.target.port, this.target.host);
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

async function expectUnavailable(app: TestApp, label: string) {
  const posted = await app.api('/api/v1/events', { method: 'POST', body: JSON.stringify(batch), headers: { 'content-type': 'application/json' } });
  expect(posted.status, label).toBe(503);
  expect(posted.headers.get('retry-after'), label).toMatch(/^\d+$/);
  expect(((await posted.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');
  const snapshot = await app.api(`/api/v1/snapshot?${DAY}`);
  expect(snapshot.status, label).toBe(503);
  expect(snapshot.headers.get('retry-after')).toMatch(/^\d+$/);
  const health = await app.api('/api/v1/health', { token: null });
  expect(health.status).toBe(503);
}

describe.runIf(engine === 'postgres')('PostgreSQL behind a proxy that is cut', () => {
  let app: TestApp;
  let proxy: CuttableProxy;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  afterAll(async () => {
    await proxy?.cut();
    await app?.close();
    await database?.drop();
  });

  it('answers 503 while it is cut, then accepts the same batch once', async () => {
    database = await createTestDatabase();
    const direct = new URL(database.url);
    proxy = new CuttableProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.start();
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    app = await startTestApp({ now: () => NOW, config: { databaseUrl: proxied.toString() } });
    // warm the pool so the cut also breaks connections in use, not only new ones
    expect((await app.get(`/api/v1/snapshot?${DAY}`)).total.received).toBe(0);

    await proxy.cut();
    await expectUnavailable(app, 'after the cut');
    await expectUnavailable(app, 'again');

    await proxy.start();
    const posted = await app.post(batch);
    // nothing of the failed attempts was stored: every valid event is new now
    expect(posted).toEqual({ status: 200, body: { accepted: 3, duplicates: 0, rejected: [expect.objectContaining({ index: 3, id: 'o-bad' })] } });
    const again = await app.post(batch);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 3 });
    const total = (await app.get(`/api/v1/snapshot?${DAY}`)).total;
    expect({ received: total.received, resolved: total.resolved, ratings: total.ratings }).toEqual({ received: 1, resolved: 1, ratings: 1 });
    // the rejected event of the failed attempts was not kept either: only the two successful posts' copies
    const rejected = (await app.get('/api/v1/events/rejected')).rejected as { id: string }[];
    expect(rejected.filter((r) => r.id === 'o-bad')).toHaveLength(2);
  });
});

describe.runIf(engine === 'pglite')('PGlite closed under the app', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('answers 503 with Retry-After', async () => {
    app = await startTestApp({ now: () => NOW });
    expect((await app.get(`/api/v1/snapshot?${DAY}`)).total.received).toBe(0);
    await app.database.db.destroy();
    await expectUnavailable(app, 'closed');
  });
});
