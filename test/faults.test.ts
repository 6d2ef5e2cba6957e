/**
 * kill -9 of the server process in the middle of sustained ingest. The load generator keeps the books:
 * after a restart on the same database every acknowledged (200) event is in the figures, and once the
 * generator has resent its unacknowledged batches every event is counted exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cityTotals, expectedTotals } from '../bench/lib/figures.js';
import { LoadGenerator } from '../bench/lib/load.js';
import { startServerProcess, type ServerProcess } from '../bench/lib/server-process.js';
import { createTestDatabase, engine, TEST_ADMIN_TOKEN } from './helpers/app.js';

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe(`kill -9 under sustained ingest (${engine})`, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('keeps every acknowledged event, and counts each event once after retries', { timeout: 120_000 }, async () => {
    let env: Record<string, string>;
    if (engine === 'postgres') {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      env = { DATABASE_URL: database.url };
    } else {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-kill-'));
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
      env = { DATA_DIR: dataDir };
    }
    env.ADMIN_TOKEN = TEST_ADMIN_TOKEN;
    let server: ServerProcess = await startServerProcess(env);
    cleanups.push(() => server.kill());

    const now = Date.now();
    const load = new LoadGenerator({ url: server.url, token: TEST_ADMIN_TOKEN, run: `k${now}`, batchSize: 250, concurrency: 3, now });
    cleanups.push(() => load.close());
    load.start();
    await until(() => load.acked.size >= 8, 'eight acknowledged batches');
    await server.kill();
    await load.stop();
    const acked = [...load.acked.keys()];
    const unacked = [...load.unacked];
    expect(unacked.length, 'batches were in flight when the server died').toBeGreaterThan(0);

    server = await startServerProcess(env);
    load.retarget(server.url);
    const afterRestart = await cityTotals(server.url, TEST_ADMIN_TOKEN, now);
    const ackedTotals = expectedTotals(acked.map((n) => load.events(n)));
    const attempted = expectedTotals([...acked, ...unacked].map((n) => load.events(n)));
    // Everything acknowledged survived; at most the unacknowledged batches may have been committed too.
    expect(afterRestart.received).toBeGreaterThanOrEqual(ackedTotals.received);
    expect(afterRestart.ratings).toBeGreaterThanOrEqual(ackedTotals.ratings);
    expect(afterRestart.received).toBeLessThanOrEqual(attempted.received);

    for (const n of unacked) expect((await load.send(n, true)).status).toBe(200);
    const final = await cityTotals(server.url, TEST_ADMIN_TOKEN, now);
    expect(final).toEqual(attempted);
    // A batch is all or nothing: one committed before the kill but never answered is all duplicates on resend.
    for (const n of acked) expect(load.acked.get(n)?.body?.accepted, `batch ${n}`).toBe(250);
    for (const n of unacked) expect([0, 250], `batch ${n}`).toContain(load.acked.get(n)?.body?.accepted);
  });
});
