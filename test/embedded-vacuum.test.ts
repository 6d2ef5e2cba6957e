/**
 * PGlite never runs autovacuum (one standalone backend): the server vacuums and analyzes its tables itself, with
 * autovacuum's thresholds.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type OpenDatabase } from '../server/db/connect.js';
import { EmbeddedVacuum, maintenanceDue } from '../server/db/embedded-vacuum.js';
import { embeddedTemplate, engine } from './helpers/app.js';

// The embedded engine only: the PostgreSQL pass of the suite does not use it, and the PGlite pass runs these.
describe.runIf(engine === 'pglite')('the embedded engine’s vacuum', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openDatabase({ dataDir: null, template: await embeddedTemplate() });
    await migrateToLatest(database.db);
  });
  afterAll(() => database.close());

  const activity = (relname: string, counts: Partial<{ live: number; dead: number; inserted: number; modified: number }>) => ({
    relname, live: 0, dead: 0, inserted: 0, modified: 0, ...counts,
  });

  it('asks for what autovacuum would: vacuum past 50 + 20 % dead or 1000 + 20 % inserted rows, analyze past 50 + 10 % changed', () => {
    expect(maintenanceDue([
      activity('quiet', { live: 10_000, dead: 2_000, inserted: 3_000, modified: 1_000 }),
      activity('churned', { live: 10_000, dead: 2_051 }),
      activity('grown', { live: 10_000, inserted: 3_001 }),
      activity('changed', { live: 10_000, modified: 1_051 }),
      activity('empty-queue', { live: 0, dead: 51 }),
    ])).toEqual([
      { table: 'churned', action: 'vacuum' },
      { table: 'grown', action: 'vacuum' },
      { table: 'changed', action: 'analyze' },
      { table: 'empty-queue', action: 'vacuum' },
    ]);
  });

  /** A backend hands its table counters to the statistics at most once a second; this asks for it at the next statement. */
  const flushStats = () => sql`select pg_stat_force_next_flush()`.execute(database.db);

  const stats = async (table: string) => {
    await flushStats();
    const { rows } = await sql<{ dead: number; vacuums: number; analyzes: number }>`
      select n_dead_tup::int as dead, (vacuum_count + autovacuum_count)::int as vacuums, (analyze_count + autoanalyze_count)::int as analyzes
      from pg_stat_user_tables where relname = ${table}`.execute(database.db);
    return rows[0]!;
  };

  it('clears the fold queue of the rows every pass leaves behind, and leaves quiet tables alone', async () => {
    await sql`insert into fold_queue (part, event_ids) select g % 2, array['e' || g] from generate_series(1, 2000) as g`.execute(database.db);
    await sql`delete from fold_queue`.execute(database.db);
    await flushStats();
    expect((await stats('fold_queue')).dead).toBe(2000);

    const vacuum = new EmbeddedVacuum({ db: database.db, log: () => undefined });
    await flushStats();
    expect(await vacuum.run('churn')).toEqual([{ table: 'fold_queue', action: 'vacuum' }]);
    expect(await stats('fold_queue')).toMatchObject({ dead: 0, vacuums: 1, analyzes: 1 });
    // Nothing changed since: nothing to do.
    await flushStats();
    expect(await vacuum.run('all')).toEqual([]);
  });

  it('vacuums and analyzes the other tables on the full round only', async () => {
    await sql`insert into ratings (event_id, unit_code, at, score) select 'r' || g, 'HN-HK', now(), 5 from generate_series(1, 1500) as g`.execute(database.db);
    await flushStats();
    const vacuum = new EmbeddedVacuum({ db: database.db, log: () => undefined });
    expect(await vacuum.run('churn')).toEqual([]);
    expect(await vacuum.run('all')).toEqual([{ table: 'ratings', action: 'vacuum' }]);
    expect(await stats('ratings')).toMatchObject({ vacuums: 1, analyzes: 1 });
  });
});
