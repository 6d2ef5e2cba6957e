import { afterEach, describe, expect, it } from 'vitest';
import { isDatabaseDown } from '../server/http/errors.js';
import { PGliteThread } from '../server/db/pglite-thread.js';
import { embeddedTemplate, engine } from './helpers/app.js';

// The embedded engine only: the PostgreSQL pass of the suite does not use it, and the PGlite pass runs these.
describe.runIf(engine === 'pglite')('PGlite in a thread of its own', () => {
  let thread: PGliteThread | null = null;
  afterEach(async () => {
    await thread?.close();
    thread = null;
  });

  it('answers queries from its own thread, values as PGlite gives them, session settings applied first', async () => {
    thread = await PGliteThread.start({ dataDir: undefined, setup: [`SET TIME ZONE 'Asia/Ho_Chi_Minh'`] });
    const { rows } = await thread.query<{ zone: string; at: Date; n: number; doc: unknown; list: string[] }>(
      `select current_setting('TimeZone') as zone, $1::timestamptz as at, $2::int + 1 as n, $3::json as doc, $4::text[] as list`,
      [new Date('2026-11-26T01:02:03.004Z'), 41, JSON.stringify({ a: [1, 'b'] }), ['x', 'y,"z"']],
    );
    expect(rows).toEqual([{ zone: 'Asia/Ho_Chi_Minh', at: new Date('2026-11-26T01:02:03.004Z'), n: 42, doc: { a: [1, 'b'] }, list: ['x', 'y,"z"'] }]);
    await thread.query('create table t (id text primary key)');
    expect((await thread.query(`insert into t values ('a'), ('b')`)).affectedRows).toBe(2);
  });

  // The tests below start from an empty database's files (as the suite's databases do), the one above creates its own.
  it('gives back a database error with its PostgreSQL fields, and goes on answering', async () => {
    thread = await PGliteThread.start({ dataDir: undefined, setup: [], template: await embeddedTemplate() });
    await thread.query('create table t (id text primary key)');
    await thread.query(`insert into t values ('a')`);
    const error = await thread.query(`insert into t values ('a')`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 't_pkey', message: expect.stringContaining('duplicate key') });
    expect(isDatabaseDown(error)).toBe(false);
    expect((await thread.query<{ n: number }>('select count(*)::int as n from t')).rows).toEqual([{ n: 1 }]);
  });

  it('once closed, fails every query as the database being down', async () => {
    const closed = await PGliteThread.start({ dataDir: undefined, setup: [], template: await embeddedTemplate() });
    await closed.close();
    const error = await closed.query('select 1').catch((e: unknown) => e);
    expect(isDatabaseDown(error)).toBe(true);
  });

  it('reports a database it could not start (its setup failed)', async () => {
    const error = await PGliteThread.start({ dataDir: undefined, setup: ['this is not sql'], template: await embeddedTemplate() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: '42601' });
  });
});
