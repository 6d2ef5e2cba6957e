import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { migrations } from '../../migrations/index.js';
import type { Database } from './database.js';
import { holdDataDir } from './data-dir-lock.js';
import { PGliteThread } from './pglite-thread.js';

// timestamptz and dates come back as JS Dates / plain strings; bigint counts as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export interface DatabaseOptions {
  /** postgres://… ; unset = embedded PGlite in dataDir (or in memory when dataDir is null). */
  url?: string | undefined;
  dataDir?: string | null;
  poolSize?: number;
  /**
   * For an in-memory PGlite (`dataDir` null): the files of an empty database (PGlite's `dumpDataDir`, uncompressed)
   * to start from, instead of creating one (initdb: ≈ 2 s of CPU, for each of the test suite's many databases).
   */
  template?: Uint8Array<ArrayBuffer>;
}

export interface OpenDatabase {
  db: Kysely<Database>;
  engine: 'postgres' | 'pglite';
  /** The PostgreSQL pool's counters (metrics); undefined on PGlite, which has one connection. */
  poolStats?: () => { totalCount: number; idleCount: number; waitingCount: number };
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions): Promise<OpenDatabase> {
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5000,
      // Figures are many small aggregates (milliseconds each). Launching parallel workers costs 30–50 ms on a busy
      // small server, which made the open-dossier count 5 times slower (docs/BENCHMARKS.md); only scans far larger
      // than a snapshot's (a custom period counted from the dossier state) are worth it.
      options: '-c parallel_setup_cost=25000',
    });
    // An idle client losing its server must not crash the process; the next query reports the outage.
    pool.on('error', () => undefined);
    // Nor may a client in use: without a listener its 'error' (the server gone mid-transaction) is an uncaught
    // exception that kills the process. The query in progress still fails, and the pool drops the client.
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const poolStats = () => ({ totalCount: pool.totalCount, idleCount: pool.idleCount, waitingCount: pool.waitingCount });
    return { db, engine: 'postgres', poolStats, close: () => db.destroy() };
  }
  const dataDir = options.dataDir === undefined ? './data' : options.dataDir;
  if (dataDir !== null) mkdirSync(dataDir, { recursive: true });
  const release = dataDir === null ? () => undefined : holdDataDir(dataDir);
  const pglite = await PGliteThread.start({
    dataDir: dataDir === null ? undefined : path.resolve(dataDir, 'pgdata'),
    template: dataDir === null ? options.template : undefined,
    setup: [
      `SET TIME ZONE 'UTC'`,
      // PGlite's pages are in memory: a random read costs what a sequential one does. With PostgreSQL's default (4,
      // for spinning disks) the fold looked up a pass's few hundred dossiers by scanning the whole table.
      `SET random_page_cost = 1.1`,
    ],
  }).catch((error: unknown) => {
    release();
    throw error;
  });
  // The dialect declares its client a PGlite; it calls only query() and close(), which the thread answers.
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite as unknown as PGlite) });
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      release();
    },
  };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
