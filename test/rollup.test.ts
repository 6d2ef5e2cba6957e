/**
 * The hourly and daily rollups kept by the fold must always agree with counting the dossier state directly,
 * whatever the order, batching, duplication and corrections of the events, and however the fold splits them.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { IngestEvent } from '../shared/events.js';
import type { DossierRow } from '../server/db/database.js';
import { countsBy } from '../server/figures/figures.repository.js';
import { ensureDailyRollup, rebuildRollups } from '../server/figures/rollup.repository.js';
import { foldDossier } from '../server/ingest/fold.js';
import { Folder } from '../server/ingest/folder.js';
import { startTestApp, type TestApp } from './helpers/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ now: () => new Date('2026-11-25T12:00:00Z') });
});
afterAll(() => app.close());

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function history(random: () => number) {
  const units = ['HN-HK', 'HN-BD', 'HN-STP', 'HN-DA'];
  const procedures = ['TP-KS', 'DD-GCN', 'XD-GPXD'];
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const base = Date.parse('2026-11-10T00:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const events: Record<string, unknown>[] = [];
  for (let d = 0; d < 120; d++) {
    const dossierId = `R-${d}`;
    const received = base + Math.floor(random() * 12 * 86_400_000);
    const unitCode = pick(units);
    const receivedEvent = {
      id: `${dossierId}-r`, type: 'dossier.received', at: iso(received), unitCode, dossierId, procedureCode: pick(procedures),
      channel: pick(['online', 'counter', 'postal']), payment: pick(['online', 'offline', 'none']), digitized: random() < 0.5,
      dueAt: iso(received + Math.floor(random() * 5 * 86_400_000)),
    };
    events.push(receivedEvent);
    // A correction of the receipt: another unit or channel, later or earlier than the first.
    if (random() < 0.15) {
      events.push({ ...receivedEvent, id: `${dossierId}-r2`, unitCode: pick(units), procedureCode: pick(procedures), at: iso(received + (random() - 0.5) * 3_600_000) });
    }
    if (random() < 0.3) events.push({ id: `${dossierId}-due`, type: 'dossier.due_changed', at: iso(received + 86_400_000), unitCode, dossierId, dueAt: iso(received + 6 * 86_400_000) });
    const roll = random();
    if (roll < 0.7) events.push({ id: `${dossierId}-s`, type: 'dossier.resolved', at: iso(received + Math.floor(random() * 7 * 86_400_000)), unitCode, dossierId, outcome: 'approved' });
    else if (roll < 0.8) events.push({ id: `${dossierId}-w`, type: 'dossier.withdrawn', at: iso(received + 3_600_000), unitCode, dossierId });
    if (random() < 0.3) events.push({ id: `${dossierId}-rate`, type: 'rating.submitted', at: iso(received + 7_200_000), unitCode, score: 1 + Math.floor(random() * 5) });
  }
  // Still open, due in the middle of an hour: the snapshot at 09:37 counts it overdue (open-dossier counters
  // count the current hour from the dossiers themselves).
  events.push({
    id: 'MID-r', type: 'dossier.received', at: '2026-11-14T08:00:00Z', unitCode: 'HN-HK', dossierId: 'MID', procedureCode: 'TP-KS',
    channel: 'online', payment: 'none', digitized: true, dueAt: '2026-11-16T09:20:00Z',
  });
  // Resolutions without a receipt never count.
  events.push({ id: 'orphan-s', type: 'dossier.resolved', at: iso(base + 3_600_000), unitCode: 'HN-HK', dossierId: 'ORPHAN', outcome: 'approved' });
  return events;
}

it('agrees with counting the dossier state, for events in any order and batching', async () => {
  const random = prng(7);
  const events = history(random);
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  for (let start = 0; start < events.length; ) {
    const size = 1 + Math.floor(random() * 40);
    // Re-send part of the previous batch: duplicates change nothing.
    const batch = events.slice(Math.max(0, start - 3), start + size);
    const { status } = await app.post(batch);
    expect(status).toBe(200);
    start += size;
  }
  // The figures are folded after the acknowledgement; reads through the API wait for it, this test reads the tables.
  await app.folder.settled();
  // Each dossier's state, whether folded onto its stored state or again from its history, is the fold of all its events.
  const { rows: stored } = await sql<DossierRow>`select * from dossiers order by dossier_id`.execute(app.database.db);
  const { rows: stream } = await sql<{ id: string; at: Date; payload: unknown; dossier_id: string }>`
    select id, at, payload, dossier_id from events where dossier_id is not null`.execute(app.database.db);
  const asText = (row: DossierRow) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v === null ? null : typeof v === 'string' && k.endsWith('_at') ? new Date(v).toISOString() : v]));
  expect(stored.length).toBeGreaterThan(100);
  for (const row of stored) {
    const own = stream.filter((e) => e.dossier_id === row.dossier_id).map((e) => ({ id: e.id, at: new Date(e.at), event: e.payload as IngestEvent }));
    expect(asText(row)).toEqual(asText(foldDossier(row.dossier_id, own, 'Asia/Ho_Chi_Minh')));
  }
  const windows = [
    { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') },
    { from: new Date('2026-11-12T17:00:00Z'), to: new Date('2026-11-18T17:00:00Z') },
    { from: new Date('2026-11-15T03:00:00Z'), to: new Date('2026-11-15T09:00:00Z') },
    { from: new Date('2026-11-15T03:00:00Z'), to: new Date('2026-11-16T09:37:00Z') },
  ];
  for (const window of windows) {
    const w = { ...window, asOf: new Date(Math.min(window.to.getTime(), Date.parse('2026-11-25T12:00:00Z'))) };
    const fromRollup = await countsBy(app.database.db, w, 'unit');
    const fromState = await countsBy(app.database.db, w, 'unit', 'state');
    expect(Object.fromEntries(fromRollup)).toEqual(Object.fromEntries(fromState));
    // Pending and overdue from the open-dossier counters, for the city and for one unit.
    expect(Object.fromEntries(await countsBy(app.database.db, { ...w, openCounters: true }, 'unit'))).toEqual(Object.fromEntries(fromState));
    const [unitCode] = [...fromState.keys()];
    expect(Object.fromEntries(await countsBy(app.database.db, { ...w, unitCode, openCounters: true }, 'unit'))).toEqual(
      Object.fromEntries(await countsBy(app.database.db, { ...w, unitCode }, 'unit', 'state')),
    );
  }
  // The counters hold exactly the open dossiers, by unit and due hour, with no empty buckets left behind.
  const { rows: mismatched } = await sql`
    select * from (select unit_code, coalesce(date_trunc('hour', due_at, 'UTC'), 'infinity') as due_hour, count(*)::int as open from dossiers
      where resolved_at is null and withdrawn_at is null and received_at is not null group by 1, 2) as expected
    full join unit_open actual using (unit_code, due_hour)
    where expected.open is distinct from actual.open`.execute(app.database.db);
  expect(mismatched).toEqual([]);
  // Local calendar days (UTC+07: midnight is 17:00Z) read the daily rollup.
  const days = [
    { from: new Date('2026-10-31T17:00:00Z'), to: new Date('2026-11-30T17:00:00Z') },
    { from: new Date('2026-11-12T17:00:00Z'), to: new Date('2026-11-13T17:00:00Z') },
    { from: new Date('2026-11-14T17:00:00Z'), to: new Date('2026-11-21T17:00:00Z') },
  ];
  for (const window of days) {
    const w = { ...window, asOf: new Date(Math.min(window.to.getTime(), Date.parse('2026-11-25T12:00:00Z'))), timeZone: 'Asia/Ho_Chi_Minh' };
    const fromDaily = await countsBy(app.database.db, w, 'unit');
    const fromHourly = await countsBy(app.database.db, w, 'unit', 'hourly');
    const fromState = await countsBy(app.database.db, w, 'unit', 'state');
    expect(Object.fromEntries(fromDaily)).toEqual(Object.fromEntries(fromState));
    expect(Object.fromEntries(fromHourly)).toEqual(Object.fromEntries(fromState));
    // The city's figures by procedure read procedure_daily.
    const byProcedure = await countsBy(app.database.db, w, 'procedure');
    expect(Object.fromEntries(byProcedure)).toEqual(Object.fromEntries(await countsBy(app.database.db, w, 'procedure', 'state')));
    if (window === days[0]) expect(byProcedure.size).toBe(3);
  }
  // A restart in another time zone rebuilds the daily rollup in that zone's days.
  await ensureDailyRollup(app.database.db, 'Europe/Paris');
  const paris = { from: new Date('2026-11-14T23:00:00Z'), to: new Date('2026-11-21T23:00:00Z'), asOf: new Date('2026-11-21T23:00:00Z'), timeZone: 'Europe/Paris' };
  expect(Object.fromEntries(await countsBy(app.database.db, paris, 'unit'))).toEqual(
    Object.fromEntries(await countsBy(app.database.db, paris, 'unit', 'state')),
  );
  expect(Object.fromEntries(await countsBy(app.database.db, paris, 'procedure'))).toEqual(
    Object.fromEntries(await countsBy(app.database.db, paris, 'procedure', 'state')),
  );
  await ensureDailyRollup(app.database.db, 'Asia/Ho_Chi_Minh');
  // Rebuilt from the dossier state and the ratings (as after a bulk load), every rollup holds what the fold kept (less
  // the rows the fold left at zero when a correction moved a dossier out of them).
  const tables = async () => {
    const read = async (table: string, order: string) => (await sql.raw<Record<string, unknown>>(`select * from ${table} order by ${order}`).execute(app.database.db)).rows
      .filter((row) => Object.values(row).some((value) => typeof value === 'number' && value !== 0));
    return {
      hourly: await read('unit_hourly', 'hour, unit_code'), daily: await read('unit_daily', 'day, unit_code'),
      procedures: await read('procedure_daily', 'day, procedure_code'), open: await read('unit_open', 'unit_code, due_hour'),
    };
  };
  const kept = await tables();
  await rebuildRollups(app.database.db, 'Asia/Ho_Chi_Minh');
  expect(await tables()).toEqual(kept);
  const whole = await countsBy(app.database.db, { ...windows[0]!, asOf: windows[0]!.to }, 'unit');
  const received = [...whole.values()].reduce((sum, c) => sum + c.received, 0);
  expect(received).toBe(121);
});

it('folds events acknowledged while no folder ran: another node or the next start takes them from the queue, each once', async () => {
  const db = app.database.db;
  const windowAll = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z'), asOf: new Date('2026-11-25T12:00:00Z') };
  const receivedBefore = [...(await countsBy(db, windowAll, 'unit')).values()].reduce((sum, c) => sum + c.received, 0);
  await app.folder.stop();
  const events = history(prng(11)).map((e): Record<string, unknown> => ({ ...e, id: `q-${String(e.id)}`, ...('dossierId' in e ? { dossierId: `Q-${String(e.dossierId)}` } : {}) }));
  let accepted = 0;
  let acceptedRatings = 0;
  for (let start = 0; start < events.length; start += 25) {
    const batch = events.slice(start, start + 25);
    const { status, body } = await app.post(batch);
    expect(status).toBe(200);
    accepted += body.accepted;
    const rejected = new Set((body.rejected as { index: number }[]).map((r) => r.index));
    acceptedRatings += batch.filter((e, i) => e.type === 'rating.submitted' && !rejected.has(i)).length;
  }
  const queuedEvents = async () => Number((await sql<{ n: string }>`select coalesce(sum(cardinality(event_ids)), 0) as n from fold_queue`.execute(db)).rows[0]!.n);
  expect(await queuedEvents()).toBe(accepted);
  const unfolded = [...(await countsBy(db, windowAll, 'unit')).values()].reduce((sum, c) => sum + c.received, 0);
  expect(unfolded).toBe(receivedBefore);
  // Queued events are spread over the fold partitions, and all the events of one dossier share a partition.
  const { rows: partitions } = await sql<{ part: number; dossier_id: string | null }>`
    select q.part, e.dossier_id from fold_queue q cross join unnest(q.event_ids) as queued(id) join events e on e.id = queued.id`.execute(db);
  expect(new Set(partitions.map((p) => p.part))).toEqual(new Set([0, 1]));
  const partOfDossier = new Map<string, Set<number>>();
  for (const { part, dossier_id } of partitions) if (dossier_id) partOfDossier.set(dossier_id, (partOfDossier.get(dossier_id) ?? new Set()).add(part));
  expect([...partOfDossier.values()].filter((parts) => parts.size > 1)).toEqual([]);

  // Two folders at once (two nodes), each folding both partitions at once and taking a few events per pass: a
  // dossier's events land in different passes, and passes of both partitions add to the same rollup rows.
  const folded: number[] = [];
  const problems: string[] = [];
  const folders = [1, 2].map(() => new Folder({
    db, timeZone: 'Asia/Ho_Chi_Minh', log: (level, message) => void (level !== 'info' && problems.push(message)),
    onFolded: (_units, count) => folded.push(count), passLimit: 7,
  }));
  for (const folder of folders) folder.start();
  await Promise.all(folders.map((folder) => folder.settled()));
  await Promise.all(folders.map((folder) => folder.stop()));

  // No pass failed (a deadlock between partitions on the rollup rows would be retried, and show here).
  expect(problems).toEqual([]);
  expect(folded.reduce((sum, n) => sum + n, 0)).toBe(accepted);
  expect(await queuedEvents()).toBe(0);
  const fromRollup = await countsBy(db, windowAll, 'unit');
  expect(Object.fromEntries(fromRollup)).toEqual(Object.fromEntries(await countsBy(db, windowAll, 'unit', 'state')));
  const localYear = { from: new Date('2025-12-31T17:00:00Z'), to: new Date('2026-12-31T17:00:00Z'), asOf: windowAll.asOf, timeZone: 'Asia/Ho_Chi_Minh' };
  expect(Object.fromEntries(await countsBy(db, localYear, 'procedure'))).toEqual(Object.fromEntries(await countsBy(db, localYear, 'procedure', 'state')));
  const ratingRows = await db.selectFrom('ratings').select((eb) => eb.fn.countAll<string>().as('n')).where('event_id', 'like', 'q-%').executeTakeFirstOrThrow();
  expect(Number(ratingRows.n)).toBe(acceptedRatings);
  const dossiersReceived = await db.selectFrom('dossiers').select((eb) => eb.fn.countAll<string>().as('n')).where('dossier_id', 'like', 'Q-%').where('received_at', 'is not', null).executeTakeFirstOrThrow();
  const receivedAfter = [...fromRollup.values()].reduce((sum, c) => sum + c.received, 0);
  expect(receivedAfter - receivedBefore).toBe(Number(dossiersReceived.n));
  expect(Number(dossiersReceived.n)).toBeGreaterThan(100);
});
