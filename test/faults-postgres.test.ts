/**
 * PostgreSQL outage under sustained ingest. The machine's PostgreSQL is shared with other tests, so a TCP proxy
 * stands between the app and it and is cut, then restored. Meanwhile ingest answers 503 with Retry-After; the
 * app recovers by itself (no restart); nothing acknowledged is lost and nothing is counted twice.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cityTotals, expectedTotals } from '../bench/lib/figures.js';
import { LoadGenerator } from '../bench/lib/load.js';
import { TcpProxy } from '../bench/lib/tcp-proxy.js';
import { createTestDatabase, engine, startTestApp, TEST_ADMIN_TOKEN, type TestApp } from './helpers/app.js';

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(engine === 'postgres')('PostgreSQL cut and restored under load', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('answers 503 + Retry-After meanwhile, recovers alone, loses nothing acknowledged', { timeout: 90_000 }, async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.drop());
    const direct = new URL(database.url);
    const proxy = new TcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    await proxy.listen();
    cleanups.push(() => proxy.close());
    const proxied = new URL(database.url);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const app: TestApp = await startTestApp({ config: { databaseUrl: proxied.toString() } });
    cleanups.push(() => app.stop());

    const now = Date.now();
    const load = new LoadGenerator({ url: app.url, token: TEST_ADMIN_TOKEN, run: `pg${now}`, batchSize: 200, concurrency: 3, retry: true, retryDelayMs: 100, now });
    cleanups.push(() => load.close());
    load.start();
    const seen = () => load.outcomes.length;

    for (let round = 0; round < 2; round += 1) {
      const before = load.acked.size;
      await until(() => load.acked.size >= before + 5, 'acknowledged batches before the cut');
      proxy.disconnect();
      const cutAt = seen();
      await until(() => load.outcomes.slice(cutAt).filter((o) => o.status === 503).length >= 6, '503 answers during the outage');
      proxy.reconnect();
      const restoredAcks = load.acked.size;
      await until(() => load.acked.size >= restoredAcks + 5, 'acknowledgements after the link came back');
    }
    await load.stop();

    const during = load.outcomes.filter((o) => o.status !== 200);
    expect(during.length).toBeGreaterThan(0);
    // Every failure was the documented outage answer: no 500, no dropped connection.
    for (const o of during) {
      expect(o.status).toBe(503);
      expect(o.retryAfter).toMatch(/^\d+$/);
    }
    expect(load.unacked.size).toBe(0);

    const sent = [...load.acked.keys()];
    expect(await cityTotals(app.url, TEST_ADMIN_TOKEN, now)).toEqual(expectedTotals(sent.map((n) => load.events(n))));
    // A 503 may hide a commit whose answer was lost with the link: its retry then finds every event a
    // duplicate. A batch is all or nothing: accepted whole, or (already committed) all duplicates.
    for (const o of load.acked.values()) expect([0, 200]).toContain(o.body?.accepted);
    const firstTry = new Set(load.outcomes.filter((o) => o.status !== 200).map((o) => o.n));
    for (const [n, o] of load.acked) if (!firstTry.has(n)) expect(o.body?.accepted).toBe(200);
    const ready = await app.api('/api/v1/ready', { token: null });
    expect(ready.status).toBe(200);
  });
});
