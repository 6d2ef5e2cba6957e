/** A fresh PostgreSQL database for a benchmark, on the machine's server (BENCH_DATABASE_URL or TEST_DATABASE_URL). */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const BENCH_TOKEN = 'bench-admin-token-0123456789';
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mcl_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
