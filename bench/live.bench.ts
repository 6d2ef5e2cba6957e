/**
 * The live channel under many clients: event → subscribed client latency (1,000 clients, LIVE_INTERVAL_MS 250),
 * and how many subscribed sockets one node holds at 1 update/s (the server's heap read from its /metrics).
 * The server runs in its own process; the clients run in this one.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/live.js';
import { startServerProcess, type ServerProcess } from './lib/server-process.js';
import { percentile, type Figure } from './lib/stats.js';
import { BENCH_TOKEN, freshPostgres } from './lib/postgres.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Fleet {
  clients: Client[];
  /** Per client: when it first saw each value of the city total `received`. */
  seen: Map<number, number>[];
  close(): void;
}

async function connectFleet(url: string, count: number, log: (line: string) => void): Promise<Fleet> {
  const seen: Map<number, number>[] = [];
  const clients: Client[] = [];
  const WAVE = 250;
  for (let start = 0; start < count; start += WAVE) {
    const wave: Promise<void>[] = [];
    for (let i = start; i < Math.min(count, start + WAVE); i += 1) {
      const socket: Client = io(url, { auth: { token: BENCH_TOKEN }, transports: ['websocket'], forceNew: true, reconnection: true });
      clients.push(socket);
      const mine = new Map<number, number>();
      seen.push(mine);
      let last = -1;
      const note = (received: number) => {
        if (received <= last) return;
        last = received;
        mine.set(received, performance.now());
      };
      socket.on('snapshot', (body) => {
        if ('total' in body) last = Math.max(last, body.total.received);
      });
      socket.on('update', (body) => note(body.total.received));
      wave.push(new Promise((resolve, reject) => {
        socket.once('connect', () => {
          socket.emit('subscribe', { view: 'city', period: 'today' }, (ack) => (ack.ok ? resolve() : reject(new Error(JSON.stringify(ack)))));
        });
      }));
    }
    await Promise.all(wave);
    if ((start / WAVE) % 8 === 7 || start + WAVE >= count) log(`  ${Math.min(count, start + WAVE)} clients subscribed`);
  }
  return { clients, seen, close: () => clients.forEach((c) => c.close()) };
}

let sequence = 0;
async function postOne(server: ServerProcess): Promise<number> {
  sequence += 1;
  const at = new Date();
  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ id: `live-${Date.now()}-${sequence}`, type: 'dossier.received', at: at.toISOString(), unitCode: 'HN-HK', dossierId: `LIVE-${Date.now()}-${sequence}`, procedureCode: 'TP-KS', channel: 'online', dueAt: new Date(at.getTime() + 86_400_000).toISOString() }]),
  });
  if (!res.ok) throw new Error(`ingest answered ${res.status}`);
  return started;
}

async function heapMb(server: ServerProcess): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('nodejs_heap_size_used_bytes '));
  return Number(line?.split(' ')[1]) / 1024 / 1024;
}

/** Posts one event every `everyMs`, `rounds` times; answers the per-client latencies and the clients that missed one. */
async function measure(server: ServerProcess, fleet: Fleet, rounds: number, everyMs: number): Promise<{ latencies: number[]; missed: number }> {
  const latencies: number[] = [];
  let missed = 0;
  const base = await currentReceived(server);
  const sentAt: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const tick = performance.now();
    sentAt.push(await postOne(server));
    const rest = everyMs - (performance.now() - tick);
    if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  }
  await new Promise((resolve) => setTimeout(resolve, 3000));
  // An update may cover several events (coalescing): event r reached a client when it first saw a total ≥ base + r + 1.
  for (let r = 0; r < rounds; r += 1) {
    for (const mine of fleet.seen) {
      let first = Infinity;
      for (const [received, t] of mine) if (received >= base + r + 1 && t < first) first = t;
      if (first === Infinity) missed += 1;
      else latencies.push(first - (sentAt[r] ?? 0));
    }
  }
  return { latencies, missed };
}

async function currentReceived(server: ServerProcess): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/snapshot?period=today`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
  return ((await res.json()) as { total: { received: number } }).total.received;
}

export async function liveBenchmarks(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const database = await freshPostgres();
  const server = await startServerProcess({ DATABASE_URL: database.url, ADMIN_TOKEN: BENCH_TOKEN, LIVE_INTERVAL_MS: '250' });
  try {
    log('live: connecting 1,000 subscribed clients…');
    let fleet = await connectFleet(server.url, 1000, log);
    let run = await measure(server, fleet, 20, 700);
    fleet.close();
    log(`  event → client: p50 ${Math.round(percentile(run.latencies, 50))} ms, p99 ${Math.round(percentile(run.latencies, 99))} ms (${run.latencies.length} deliveries, ${run.missed} missed)`);
    figures.push(
      { name: 'Event → subscribed client, 1,000 clients, LIVE_INTERVAL_MS 250, p50', value: percentile(run.latencies, 50), unit: 'ms', target: { op: '<=', value: 150 }, note: `from the POST to the update's arrival; ${run.latencies.length} deliveries, ${run.missed} missed` },
      { name: 'Event → subscribed client, 1,000 clients, LIVE_INTERVAL_MS 250, p99', value: percentile(run.latencies, 99), unit: 'ms', target: { op: '<=', value: 400 } },
    );

    const many = Number(process.env.BENCH_SOCKETS ?? 10_000);
    log(`live: connecting ${many.toLocaleString('en-US')} subscribed clients to one node…`);
    fleet = await connectFleet(server.url, many, log);
    run = await measure(server, fleet, 20, 1000);
    const heap = await heapMb(server);
    fleet.close();
    log(`  ${many} sockets at 1 update/s: p99 ${Math.round(percentile(run.latencies, 99))} ms, ${run.missed} missed, server heap ${Math.round(heap)} MB`);
    figures.push(
      { name: `Sockets held by one node, each subscribed, 1 update/s: ${many.toLocaleString('en-US')} sockets, delivery p99`, value: percentile(run.latencies, 99), unit: 'ms', target: { op: '<=', value: 1000 }, note: `${run.latencies.length} deliveries, ${run.missed} missed; clients in one process on the same 2 cores` },
      { name: `Sockets held by one node: server heap with ${many.toLocaleString('en-US')} subscribed sockets`, value: heap, unit: 'MB', target: { op: '<=', value: 500 } },
    );
  } finally {
    await server.stop();
    await database.drop();
  }
  return figures;
}
