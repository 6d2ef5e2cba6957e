/**
 * Ingest throughput and acknowledgement latency: the real server in its own process, the load generator in
 * this one (batches of 1000 events, each built and serialized as it is sent: the generator's own CPU is part of the run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadShape } from './lib/events.js';
import { LoadGenerator } from './lib/load.js';
import { startServerProcess, type ServerProcess } from './lib/server-process.js';
import { percentile, type Figure } from './lib/stats.js';
import { BENCH_TOKEN, freshPostgres } from './lib/postgres.js';
import { describeCpu, sampleCpu } from './lib/cpu.js';

export interface IngestRun {
  /** Accepted events over the time until the last of them was folded into the figures. */
  eventsPerSecond: number;
  /** From the last acknowledgement to the figures holding every acknowledged event. */
  catchUpMs: number;
  p50: number;
  p99: number;
  batches: number;
  failures: number;
  /** Where the run's CPU went (describeCpu). */
  cpu: string;
}

/** Waits until the server has folded every event it acknowledged (its fold backlog gauge reads 0). */
async function foldedAll(server: ServerProcess): Promise<void> {
  for (;;) {
    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } })).text();
    const backlog = /^motcua_fold_backlog_events (\d+)/m.exec(text);
    if (!backlog) throw new Error('the server reports no motcua_fold_backlog_events');
    if (Number(backlog[1]) === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function drive(server: ServerProcess, options: { engine: 'postgres' | 'pglite'; seconds: number; concurrency: number; shape: LoadShape; ratePerSecond?: number; warmupSeconds?: number }): Promise<IngestRun> {
  const now = Date.now();
  const { shape } = options;
  const warm = new LoadGenerator({ url: server.url, token: BENCH_TOKEN, run: `w${now}`, batchSize: 1000, concurrency: options.concurrency, now, shape });
  warm.start();
  await new Promise((r) => setTimeout(r, (options.warmupSeconds ?? 3) * 1000));
  await warm.stop();
  warm.close();
  await foldedAll(server);

  const load = new LoadGenerator({
    url: server.url, token: BENCH_TOKEN, run: `b${now}`, batchSize: 1000, concurrency: options.concurrency, now, shape,
    ...(options.ratePerSecond ? { ratePerSecond: options.ratePerSecond } : {}),
  });
  const cpuBefore = sampleCpu(server.child.pid);
  const started = performance.now();
  load.start();
  await new Promise((r) => setTimeout(r, options.seconds * 1000));
  await load.stop();
  const lastAck = performance.now();
  await foldedAll(server);
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = sampleCpu(server.child.pid);
  load.close();
  const accepted = [...load.acked.values()].reduce((sum, o) => sum + (o.body?.accepted ?? 0), 0);
  const ms = load.outcomes.map((o) => o.ms);
  return {
    eventsPerSecond: accepted / seconds, catchUpMs: performance.now() - lastAck, p50: percentile(ms, 50), p99: percentile(ms, 99),
    batches: load.outcomes.length, failures: load.outcomes.filter((o) => o.status !== 200).length,
    cpu: describeCpu(cpuBefore, cpuAfter, accepted, { postgres: options.engine === 'postgres' }),
  };
}

/**
 * Batches a source keeps in flight, the same for both engines: while one is stored, the server reads and validates
 * the next (PGlite runs in its own thread, so that overlaps too).
 */
const IN_FLIGHT = 4;

const SHAPES: Record<LoadShape, string> = {
  live: 'a live stream (events of the last hour)',
  backfill: 'a backfill (events spread over 30 days)',
};

export async function ingestBenchmarks(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const seconds = Number(process.env.BENCH_INGEST_SECONDS ?? 20);
  const counted = (run: IngestRun) => `counted until every acknowledged event was in the figures (${Math.round(run.catchUpMs)} ms after the last acknowledgement)`;

  const pg = await freshPostgres();
  let server = await startServerProcess({ DATABASE_URL: pg.url, ADMIN_TOKEN: BENCH_TOKEN });
  try {
    let backfillRate = 0;
    for (const shape of ['live', 'backfill'] as const) {
      log(`ingest into PostgreSQL, ${SHAPES[shape]}: ${seconds} s, batches of 1000, ${IN_FLIGHT} in flight…`);
      const sustained = await drive(server, { engine: 'postgres', seconds, concurrency: IN_FLIGHT, shape });
      log(`  ${Math.round(sustained.eventsPerSecond)} events/s (batch p50 ${Math.round(sustained.p50)} ms, ${sustained.failures} failures); ${sustained.cpu}`);
      figures.push({ name: `Ingest into PostgreSQL, sustained, batches of 1000, ${SHAPES[shape]} (load generator on the same machine)`, value: sustained.eventsPerSecond, unit: 'events/s', target: { op: '>=', value: 50_000 }, note: `${sustained.batches} batches, ${IN_FLIGHT} in flight, ${sustained.failures} failed; ${counted(sustained)}; ${sustained.cpu}` });
      if (shape === 'backfill') backfillRate = sustained.eventsPerSecond;
    }

    // Half the heavier shape's rate, so the figure holds for either.
    const half = backfillRate / 2;
    log(`ack latency at half the backfill rate (${Math.round(half)} events/s, open loop)…`);
    const paced = await drive(server, { engine: 'postgres', seconds, concurrency: 8, shape: 'backfill', ratePerSecond: half / 1000, warmupSeconds: 1 });
    log(`  p50 ${Math.round(paced.p50)} ms, p99 ${Math.round(paced.p99)} ms at ${Math.round(paced.eventsPerSecond)} events/s`);
    figures.push({ name: 'Ingest acknowledgement at half the sustained rate (PostgreSQL, backfill), p99', value: paced.p99, unit: 'ms', target: { op: '<=', value: 100 }, note: `${Math.round(paced.eventsPerSecond)} events/s offered in batches of 1000; p50 ${Math.round(paced.p50)} ms` });
  } finally {
    await server.stop();
    await pg.drop();
  }

  const dataDir = mkdtempSync(path.join(tmpdir(), 'mcl-bench-'));
  server = await startServerProcess({ DATA_DIR: dataDir, ADMIN_TOKEN: BENCH_TOKEN });
  try {
    for (const shape of ['live', 'backfill'] as const) {
      log(`ingest into PGlite, ${SHAPES[shape]}: ${seconds} s, batches of 1000, ${IN_FLIGHT} in flight…`);
      const embedded = await drive(server, { engine: 'pglite', seconds, concurrency: IN_FLIGHT, shape });
      log(`  ${Math.round(embedded.eventsPerSecond)} events/s (batch p50 ${Math.round(embedded.p50)} ms); ${embedded.cpu}`);
      figures.push({ name: `Ingest into embedded PGlite, sustained, batches of 1000, ${SHAPES[shape]}`, value: embedded.eventsPerSecond, unit: 'events/s', target: { op: '>=', value: 10_000 }, note: `${embedded.batches} batches, ${IN_FLIGHT} in flight, ${embedded.failures} failed; ${counted(embedded)}; ${embedded.cpu}` });
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return figures;
}
