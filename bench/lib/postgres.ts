/** A fresh PostgreSQL database for a benchmark, on the machine's server (BENCH_DATABASE_URL or TEST_DATABASE_URL). */
import { createScratchDatabase, type ScratchDatabase } from '../../test/helpers/postgres.js';

export const BENCH_TOKEN = 'bench-admin-token-0123456789';
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function freshPostgres(): Promise<ScratchDatabase> {
  return createScratchDatabase(ADMIN_URL, 'mcl_bench');
}
