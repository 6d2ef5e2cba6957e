/**
 * Upgrading a database that still holds data: what was acknowledged before the upgrade is folded after it,
 * re-keyed tables keep their rows, and a new rollup is filled from what is stored. Runs on the suite's engine
 * (PostgreSQL with TEST_DATABASE_URL, else PGlite).
 */
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrations } from '../migrations/index.js';
import { openDatabase, type OpenDatabase } from '../server/db/connect.js';
import { ensureDailyRollup } from '../server/figures/rollup.repository.js';
import { Folder } from '../server/ingest/folder.js';
import { createTestDatabase, embeddedTemplate, engine } from './helpers/app.js';
import type { ScratchDatabase } from './helpers/postgres.js';

let scratch: ScratchDatabase | null = null;
let database: OpenDatabase;
beforeAll(async () => {
  scratch = engine === 'postgres' ? await createTestDatabase() : null;
  database = await openDatabase(scratch ? { url: scratch.url } : { dataDir: null, template: await embeddedTemplate() });
});
afterAll(async () => {
  await database.close();
  await scratch?.drop();
});

const migrator = () => new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });

const queued = [
  { id: 'up-1', type: 'dossier.received', at: '2026-11-20T02:00:00.000Z', unitCode: 'HN-HK', dossierId: 'UP-D1', procedureCode: 'TP-KS', channel: 'online', payment: 'online', digitized: true, dueAt: '2026-11-24T10:00:00.000Z' },
  { id: 'up-2', type: 'dossier.resolved', at: '2026-11-21T02:00:00.000Z', unitCode: 'HN-HK', dossierId: 'UP-D1', outcome: 'approved' },
  { id: 'up-3', type: 'dossier.received', at: '2026-11-20T03:00:00.000Z', unitCode: 'HN-BD', dossierId: 'UP-D2', procedureCode: 'TP-KS', channel: 'counter', payment: 'none', digitized: false, dueAt: '2026-11-25T10:00:00.000Z' },
  { id: 'up-4', type: 'feedback.received', at: '2026-11-20T04:00:00.000Z', unitCode: 'HN-BD', feedbackId: 'UP-F1', channel: 'zalo' },
  { id: 'up-5', type: 'rating.submitted', at: '2026-11-20T05:00:00.000Z', unitCode: 'HN-HK', score: 5 },
];

it('keeps events queued before the fold partitions, partitioned by dossier, and folds them after the upgrade', async () => {
  const { error } = await migrator().migrateTo('2026-11-26T0700_partial_dossier_indexes');
  expect(error).toBeUndefined();
  for (const e of queued) {
    await sql`insert into events (id, type, at, unit_code, dossier_id, feedback_id, payload)
      values (${e.id}, ${e.type}, ${e.at}, ${e.unitCode}, ${e.type.startsWith('dossier.') ? (e.dossierId ?? null) : null},
        ${e.feedbackId ?? null}, ${JSON.stringify(e)}::json)`.execute(database.db);
    await sql`insert into fold_queue (event_id) values (${e.id})`.execute(database.db);
  }

  const upgraded = await migrator().migrateToLatest();
  expect(upgraded.error).toBeUndefined();
  const { rows } = await sql<{ part: number; event_ids: string[] }>`select part, event_ids from fold_queue order by part`.execute(database.db);
  expect(rows.flatMap((r) => r.event_ids).sort()).toEqual(queued.map((e) => e.id));
  // A dossier's events share one partition, in the order they were queued.
  const both = rows.find((r) => r.event_ids.includes('up-1'));
  expect(both?.event_ids.filter((id) => id === 'up-1' || id === 'up-2')).toEqual(['up-1', 'up-2']);

  const folder = new Folder({ db: database.db, timeZone: 'Asia/Ho_Chi_Minh', log: () => undefined, onFolded: () => undefined, parallel: engine === 'postgres' });
  folder.start();
  await folder.settled();
  await folder.stop();
  const dossiers = await database.db.selectFrom('dossiers').select(['dossier_id', 'unit_code', 'resolution']).orderBy('dossier_id').execute();
  expect(dossiers).toEqual([
    { dossier_id: 'UP-D1', unit_code: 'HN-HK', resolution: 'early' },
    { dossier_id: 'UP-D2', unit_code: 'HN-BD', resolution: null },
  ]);
  expect(await database.db.selectFrom('feedback').select('feedback_id').execute()).toEqual([{ feedback_id: 'UP-F1' }]);
  expect(await database.db.selectFrom('ratings').select('event_id').execute()).toEqual([{ event_id: 'up-5' }]);
  expect((await sql<{ n: number }>`select count(*)::int as n from fold_queue`.execute(database.db)).rows[0]?.n).toBe(0);
});

it('migrates the queue back down and up again with its events', async () => {
  await sql`insert into fold_queue (part, event_ids) values (0, ${['a', 'b']}::text[]), (1, ${['c']}::text[])`.execute(database.db);
  expect((await migrator().migrateTo('2026-11-26T0700_partial_dossier_indexes')).error).toBeUndefined();
  const { rows: down } = await sql<{ event_id: string }>`select event_id from fold_queue order by seq`.execute(database.db);
  expect(down.map((r) => r.event_id).sort()).toEqual(['a', 'b', 'c']);
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  const { rows: up } = await sql<{ event_ids: string[] }>`select event_ids from fold_queue`.execute(database.db);
  expect(up.flatMap((r) => r.event_ids).sort()).toEqual(['a', 'b', 'c']);
});

it('keys unit_hourly by hour then unit, with its counters kept across the change, and back', async () => {
  const indexes = async () =>
    (await sql<{ def: string }>`select indexdef as def from pg_indexes where tablename = 'unit_hourly' order by indexname`.execute(database.db)).rows.map((r) => r.def.replace(/^.* USING /, ''));
  await sql`delete from unit_hourly`.execute(database.db);
  await sql`insert into unit_hourly (unit_code, hour, received) values ('HN-HK', '2026-11-20T02:00:00Z', 3), ('HN-BD', '2026-11-20T02:00:00Z', 1)`.execute(database.db);
  expect(await indexes()).toEqual(['btree (hour, unit_code)']);
  expect((await migrator().migrateTo('2026-11-26T0800_fold_queue_partitions')).error).toBeUndefined();
  expect(await indexes()).toEqual(['btree (hour)', 'btree (unit_code, hour)']);
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect(await indexes()).toEqual(['btree (hour, unit_code)']);
  const { rows } = await sql<{ unit_code: string; received: number }>`select unit_code, received from unit_hourly order by unit_code`.execute(database.db);
  expect(rows).toEqual([{ unit_code: 'HN-BD', received: 1 }, { unit_code: 'HN-HK', received: 3 }]);
});

it('fills the new procedure_daily from the dossiers stored before it, at the next start', async () => {
  expect((await migrator().migrateTo('2026-11-27T1000_rejected_event_source')).error).toBeUndefined();
  expect((await migrator().migrateToLatest()).error).toBeUndefined();
  expect(await database.db.selectFrom('procedure_daily').selectAll().execute()).toEqual([]);
  await ensureDailyRollup(database.db, 'Asia/Ho_Chi_Minh');
  const { rows } = await sql`
    select procedure_code, to_char(day at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') as day, received, received_online,
      received_payable, received_paid_online, received_digitized, resolved, resolved_early, resolved_on_time, resolved_late
    from procedure_daily order by day`.execute(database.db);
  // UP-D1 (online, paid online, digitized) and UP-D2 (at the counter, no fee) received on the 20th local; UP-D1 resolved early on the 21st.
  expect(rows).toEqual([
    { procedure_code: 'TP-KS', day: '2026-11-20 00:00', received: 2, received_online: 1, received_payable: 1, received_paid_online: 1, received_digitized: 1, resolved: 0, resolved_early: 0, resolved_on_time: 0, resolved_late: 0 },
    { procedure_code: 'TP-KS', day: '2026-11-21 00:00', received: 0, received_online: 0, received_payable: 0, received_paid_online: 0, received_digitized: 0, resolved: 1, resolved_early: 1, resolved_on_time: 1, resolved_late: 0 },
  ]);
});
