/**
 * Several server processes behind one PostgreSQL and one Redis: a subscriber on one node sees what is ingested
 * on another; while Redis is down each node keeps serving its own sockets, and cross-node updates resume when
 * Redis is back. PGlite is single-process, so this runs only with TEST_DATABASE_URL (CI's PostgreSQL pass).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../bench/lib/server-process.js';
import { createTestDatabase, TEST_ADMIN_TOKEN } from './helpers/app.js';
import { LiveClient } from './live.client.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const withPostgres = Boolean(process.env.TEST_DATABASE_URL);
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Proc {
  child: ChildProcess;
  output: string[];
  url: string;
}
const processes: Proc[] = [];

function spawnTracked(command: string, args: string[], env: NodeJS.ProcessEnv, url: string): Proc {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const proc = { child, output, url };
  processes.push(proc);
  return proc;
}

async function stopProcess(proc: Proc): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.child.once('exit', resolve));
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function startNode(databaseUrl: string, redisUrl: string): Promise<Proc> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, REDIS_URL: redisUrl,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN, SIMULATE: '0', LIVE_INTERVAL_MS: '100', LOG_LEVEL: 'warn',
  };
  const node = spawnTracked(TSX, ['server/index.ts'], env, url);
  await waitFor(async () => (await fetch(`${url}/api/v1/health`)).ok, `node on ${port}: ${node.output.join('')}`, 60_000);
  return node;
}

async function startRedis(port: number): Promise<Proc> {
  const redis = spawnTracked('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], process.env, `redis://127.0.0.1:${port}`);
  await waitFor(async () => redis.output.join('').includes('Ready to accept connections'), 'redis-server', 10_000);
  return redis;
}

let counter = 0;
function dossier(unitCode: string) {
  counter += 1;
  const at = new Date();
  return {
    id: `mn-${process.pid}-${counter}`, type: 'dossier.received', at: at.toISOString(), unitCode, dossierId: `MN-${process.pid}-${counter}`,
    procedureCode: 'TP-KS', channel: 'counter', dueAt: new Date(at.getTime() + 86_400_000).toISOString(),
  };
}

async function post(node: Proc, events: unknown[]): Promise<void> {
  const res = await fetch(`${node.url}/api/v1/events`, {
    method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify(events),
  });
  expect(res.status).toBe(200);
}

const clients: LiveClient[] = [];
function subscriber(node: Proc): LiveClient {
  const client = new LiveClient(node.url, { token: TEST_ADMIN_TOKEN, subscription: { view: 'city', period: 'today' } });
  clients.push(client);
  return client;
}
const receivedOf = (client: LiveClient, code: string) => client.city?.units.find((u) => u.code === code)?.received;

const databases: { drop(): Promise<void> }[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const proc of processes.splice(0).reverse()) await stopProcess(proc);
  for (const database of databases.splice(0)) await database.drop();
});
afterAll(async () => {
  for (const proc of processes.splice(0)) await stopProcess(proc);
});

describe('several server nodes', () => {
  it.skipIf(!withPostgres)('delivers an ingest on one node to subscribers of another', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const redisUrl = hasRedisServer ? (await startRedis(await freePort())).url : (process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
    // One after the other: both would otherwise race to migrate the fresh database.
    const a = await startNode(database.url, redisUrl);
    const b = await startNode(database.url, redisUrl);
    const onA = subscriber(a);
    const onB = subscriber(b);
    await onA.until(() => onA.city, 'snapshot on A', 10_000);
    await onB.until(() => onB.city, 'snapshot on B', 10_000);

    await post(b, [dossier('HN-DD'), dossier('HN-DD')]);
    await onA.until(() => receivedOf(onA, 'HN-DD') === 2, 'the ingest on B, seen on A');
    await onB.until(() => receivedOf(onB, 'HN-DD') === 2, 'the ingest on B, seen on B');
    await post(a, [dossier('HN-DD')]);
    await onB.until(() => receivedOf(onB, 'HN-DD') === 3, 'the ingest on A, seen on B');
    // Each node numbers its own rooms: no message arrives twice or out of order.
    expect(onA.gaps).toBe(0);
    expect(onB.gaps).toBe(0);
  }, 120_000);

  it.skipIf(!withPostgres || !hasRedisServer)('keeps serving its own sockets while Redis is down, and catches up when it is back', async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const redisPort = await freePort();
    let redis = await startRedis(redisPort);
    const a = await startNode(database.url, redis.url);
    const b = await startNode(database.url, redis.url);
    const onA = subscriber(a);
    await onA.until(() => onA.city, 'snapshot on A', 10_000);

    await stopProcess(redis);
    await post(a, [dossier('HN-TX')]);
    await onA.until(() => receivedOf(onA, 'HN-TX') === 1, 'a local ingest while Redis is down');
    await post(b, [dossier('HN-TX')]);

    redis = await startRedis(redisPort);
    // Back: A recomputes its views, so what B took in during the outage shows up too.
    await onA.until(() => receivedOf(onA, 'HN-TX') === 2, 'the ingest on B after Redis came back', 20_000);
    await post(b, [dossier('HN-TX')]);
    await onA.until(() => receivedOf(onA, 'HN-TX') === 3, 'cross-node delivery resumed', 10_000);
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
  }, 120_000);
});
