/**
 * Statements started while JavaScript goes on (server/db/chunks.ts), on the engine under test: in order, and when
 * one fails, the transaction fails with that statement's error and nothing of it runs outside the transaction.
 */
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachChunk, whileRunning } from '../server/db/chunks.js';
import { openDatabase, type OpenDatabase } from '../server/db/connect.js';
import type { ScratchDatabase } from './helpers/postgres.js';
import { createTestDatabase, embeddedTemplate, engine } from './helpers/app.js';

let scratch: ScratchDatabase | null = null;
let database: OpenDatabase;
let db: Kysely<any>;

beforeAll(async () => {
  scratch = engine === 'postgres' ? await createTestDatabase() : null;
  database = await openDatabase(scratch ? { url: scratch.url } : { dataDir: null, template: await embeddedTemplate() });
  db = database.db as Kysely<any>;
  await sql`create table t (seq serial primary key, x int not null unique)`.execute(db);
});

afterAll(async () => {
  await database.close();
  await scratch?.drop();
});

const insert = (trx: Kysely<any>, xs: number[]) => trx.insertInto('t').values(xs.map((x) => ({ x }))).execute();
const stored = async () => (await sql<{ x: number }>`select x from t order by seq`.execute(db)).rows.map((r) => r.x);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

it('runs one statement per chunk, in order', async () => {
  await sql`truncate t`.execute(db);
  const built: number[] = [];
  await db.transaction().execute((trx) =>
    eachChunk(range(0, 2500), (part) => {
      built.push(part.length);
      return insert(trx, part);
    }),
  );
  expect(built).toEqual([1000, 1000, 500]);
  expect(await stored()).toEqual(range(0, 2500));
  await db.transaction().execute((trx) => eachChunk([], () => insert(trx, [-1])));
  expect(await stored()).toHaveLength(2500);
});

it('fails with the failing statement’s error, waits for the chunks after it, and stores nothing of the transaction', async () => {
  await sql`truncate t`.execute(db);
  await insert(db, [5]);
  // The first chunk holds 5 again; the two after it are already queued on the connection when it fails.
  const attempt = db.transaction().execute((trx) => eachChunk(range(0, 3000), (part) => insert(trx, part)));
  await expect(attempt).rejects.toMatchObject({ code: '23505' });
  expect(await stored()).toEqual([5]);
  // A chunk whose statement cannot even be built is a failure like any other.
  const unbuildable = db.transaction().execute((trx) =>
    eachChunk(range(10, 2000), (part) => {
      if (part[0] === 1010) throw new Error('cannot build this chunk');
      return insert(trx, part);
    }),
  );
  await expect(unbuildable).rejects.toThrow('cannot build this chunk');
  expect(await stored()).toEqual([5]);
});

it('does work while a statement runs, and finishes the statement before failing when the work fails', async () => {
  await sql`truncate t`.execute(db);
  const answer = await db.transaction().execute((trx) => whileRunning(insert(trx, [1, 2]), () => 42));
  expect(answer).toBe(42);
  const failed = db.transaction().execute(async (trx) => {
    const running = insert(trx, [3]);
    await whileRunning(running, () => {
      throw new Error('the work failed');
    });
  });
  await expect(failed).rejects.toThrow('the work failed');
  const statementFailed = db.transaction().execute((trx) => whileRunning(insert(trx, [1]), () => 'done'));
  await expect(statementFailed).rejects.toMatchObject({ code: '23505' });
  expect(await stored()).toEqual([1, 2]);
  // The connection is sound afterwards.
  await db.transaction().execute((trx) => insert(trx, [4]));
  expect(await stored()).toEqual([1, 2, 4]);
});
