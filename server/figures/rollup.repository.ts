/**
 * The rollup tables: applying a fold's delta to unit_hourly, unit_daily, procedure_daily and unit_open, and
 * (re)building them. The daily tables' days are local calendar days of the configured time zone, recorded in
 * rollup_settings.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { eachChunk, whileRunning } from '../db/chunks.js';
import { epochMs } from '../db/timestamps.js';
import type { Database, UnitHourlyTable } from '../db/database.js';
import type { CounterRow, HourlyCounts, HourlyDelta, OpenRow } from './rollup.js';

type Db = Kysely<Database> | Transaction<Database>;
type CounterColumn = Exclude<keyof UnitHourlyTable, 'unit_code' | 'hour'>;

const COUNTER_COLUMNS: readonly [CounterColumn, keyof HourlyCounts][] = [
  ['received', 'received'], ['received_online', 'receivedOnline'], ['received_payable', 'receivedPayable'],
  ['received_paid_online', 'receivedPaidOnline'], ['received_digitized', 'receivedDigitized'], ['resolved', 'resolved'],
  ['resolved_early', 'resolvedEarly'], ['resolved_on_time', 'resolvedOnTime'], ['resolved_late', 'resolvedLate'],
  ['ratings', 'ratings'], ['ratings_satisfied', 'ratingsSatisfied'],
];
/** procedure_daily counts dossiers only. */
const DOSSIER_COUNTER_COLUMNS = COUNTER_COLUMNS.filter(([column]) => !column.startsWith('ratings'));

const columns = sql.join(COUNTER_COLUMNS.map(([column]) => sql.ref(column)));
const sums = sql.join(COUNTER_COLUMNS.map(([column]) => sql`sum(${sql.ref(column)})`));

const DAILY_ZONE_KEY = 'daily_time_zone';
const PROCEDURE_DAILY_ZONE_KEY = 'procedure_daily_time_zone';

/** A counter table as the fold adds to it: its code and bucket columns and its counters. */
interface CounterTable {
  name: 'unit_hourly' | 'unit_daily' | 'procedure_daily';
  code: 'unit_code' | 'procedure_code';
  bucket: 'hour' | 'day';
  counters: readonly [CounterColumn, keyof HourlyCounts][];
}
const UNIT_HOURLY: CounterTable = { name: 'unit_hourly', code: 'unit_code', bucket: 'hour', counters: COUNTER_COLUMNS };
const UNIT_DAILY: CounterTable = { name: 'unit_daily', code: 'unit_code', bucket: 'day', counters: COUNTER_COLUMNS };
const PROCEDURE_DAILY: CounterTable = { name: 'procedure_daily', code: 'procedure_code', bucket: 'day', counters: DOSSIER_COUNTER_COLUMNS };

/**
 * A chunk of counter rows as the JSON document `json_to_recordset` reads: short keys (`u` the unit's or procedure's
 * code, `t` the bucket's start in epoch ms, `c0`… the table's counters in order) and only the counters that change
 * (a missing key reads as NULL, taken as 0). A row changes one or two of its counters as a rule: the document is about
 * a sixth of what it was with every column named in every row (PGlite's backfill 5–10 % faster, docs/BENCHMARKS.md).
 */
function counterRecords(table: CounterTable, rows: readonly CounterRow[]): string {
  return JSON.stringify(
    rows.map((r) => {
      const record: Record<string, string | number> = { u: r.code, t: r.start };
      table.counters.forEach(([, field], i) => {
        if (r.counts[field] !== 0) record[`c${i}`] = r.counts[field];
      });
      return record;
    }),
  );
}

async function addRows(trx: Db, table: CounterTable, rows: readonly CounterRow[]): Promise<void> {
  const counters = table.counters.map(([column]) => sql.ref(column));
  const recordColumns = sql.join([sql`u text`, sql`t float8`, ...table.counters.map((_, i) => sql`${sql.ref(`c${i}`)} int`)]);
  const recordCounters = sql.join(table.counters.map((_, i) => sql`coalesce(${sql.ref(`r.c${i}`)}, 0)`));
  const [code, bucket] = [sql.ref(table.code), sql.ref(table.bucket)];
  await eachChunk(rows, (part) => sql`
    insert into ${sql.table(table.name)} (${code}, ${bucket}, ${sql.join(counters)})
    select r.u, ${epochMs('r.t')}, ${recordCounters} from json_to_recordset(${counterRecords(table, part)}::json) as r(${recordColumns})
    on conflict (${code}, ${bucket}) do update set
      ${sql.join(counters.map((c) => sql`${c} = ${sql.table(table.name)}.${c} + excluded.${c}`))}`.execute(trx));
}

/** Adds the changes of open dossiers per unit and due hour; buckets that fall to zero are removed. */
async function addOpen(trx: Db, rows: readonly OpenRow[]): Promise<void> {
  await eachChunk(rows, async (part) => {
    // As counterRecords: short keys, the due hour in epoch ms (none: no due time, the 'infinity' bucket).
    const records = JSON.stringify(part.map((r) => (r.dueHour === null ? { u: r.unitCode, n: r.open } : { u: r.unitCode, t: r.dueHour, n: r.open })));
    const { rows: emptied } = await sql<{ unit_code: string; due_hour: string; open: number }>`
      insert into unit_open (unit_code, due_hour, open)
      select r.u, coalesce(${epochMs('r.t')}, 'infinity'), r.n from json_to_recordset(${records}::json) as r(u text, t float8, n int)
      on conflict (unit_code, due_hour) do update set open = unit_open.open + excluded.open
      returning unit_code, due_hour::text, open`.execute(trx);
    // Only the buckets this statement emptied, by key: scanning the whole table (tens of thousands of rows after a
    // backfill) took longer, and the other fold partition's pass waits on these rows meanwhile.
    // A later chunk's insert may run before this delete: chunks hold different buckets.
    const zero = emptied.filter((r) => Number(r.open) === 0);
    if (zero.length === 0) return;
    await sql`
      delete from unit_open u using unnest(${zero.map((r) => r.unit_code)}::text[], ${zero.map((r) => r.due_hour)}::text[]) as z(unit_code, due_hour)
      where u.unit_code = z.unit_code and u.due_hour = z.due_hour::timestamptz and u.open = 0`.execute(trx);
  });
}

/**
 * Adds a fold's delta to both rollups and to the open-dossier counters (counters may go down when a dossier's state
 * changes). Each set of rows is worked out while the statements before it run, the first while the caller's
 * (`running`, started and not yet awaited) do.
 */
export async function applyRollupDelta(trx: Transaction<Database>, delta: HourlyDelta, running: Promise<unknown>): Promise<void> {
  const hours = await whileRunning(running, () => delta.nonZero());
  const days = await whileRunning(addRows(trx, UNIT_HOURLY, hours), () => delta.byDay());
  const procedureDays = await whileRunning(addRows(trx, UNIT_DAILY, days), () => delta.procedureDays());
  const open = await whileRunning(addRows(trx, PROCEDURE_DAILY, procedureDays), () => delta.openChanges());
  await addOpen(trx, open);
}

/** Records the time zone a daily rollup's days are in. */
async function recordZone(trx: Transaction<Database>, key: string, timeZone: string): Promise<void> {
  await trx
    .insertInto('rollup_settings')
    .values({ key, value: timeZone })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: timeZone }))
    .execute();
}

/** Refills unit_daily from unit_hourly in local days of `timeZone`; ingest waits meanwhile. */
async function rebuildDaily(trx: Transaction<Database>, timeZone: string): Promise<void> {
  await sql`lock table unit_hourly, unit_daily in exclusive mode`.execute(trx);
  await trx.deleteFrom('unit_daily').execute();
  await sql`
    insert into unit_daily (unit_code, day, ${columns})
    select unit_code, (date_trunc('day', hour at time zone ${timeZone}) at time zone ${timeZone}) as day, ${sums}
    from unit_hourly group by 1, 2`.execute(trx);
  await recordZone(trx, DAILY_ZONE_KEY, timeZone);
}

/**
 * What each received dossier contributes to the dossier counters (in DOSSIER_COUNTER_COLUMNS' order, `a`…`i`), as rows
 * of (`code`, `bucket`, counters): one row at its receipt, one at its resolution, as the fold's HourlyDelta counts
 * them; `code` is the unit's or the procedure's, `bucket` the receipt's or resolution's bucket.
 */
function dossierContributions(code: 'unit_code' | 'procedure_code', bucket: (column: string) => RawBuilder<unknown>) {
  const counted = sql`received_at is not null and unit_code is not null and ${sql.ref(code)} is not null`;
  return sql`
    select ${sql.ref(code)} as code, ${bucket('received_at')} as bucket, 1 as a, (channel = 'online')::int as b,
      (payment <> 'none')::int as c, (payment = 'online')::int as d, digitized::int as e, 0 as f, 0 as g, 0 as h, 0 as i
    from dossiers where ${counted}
    union all
    select ${sql.ref(code)}, ${bucket('resolved_at')}, 0, 0, 0, 0, 0, 1, (resolution = 'early')::int,
      (resolution in ('early', 'on_time'))::int, (resolution = 'late')::int
    from dossiers where ${counted} and resolved_at is not null`;
}

/**
 * Refills procedure_daily from the dossier state in local days of `timeZone` (each instant's UTC hour, then its local
 * day, as the fold sums them); ingest waits meanwhile. It counts every stored dossier: at start after the migration
 * that made the table, or when the zone changes.
 */
async function rebuildProcedureDaily(trx: Transaction<Database>, timeZone: string): Promise<void> {
  await sql`lock table dossiers, procedure_daily in exclusive mode`.execute(trx);
  await trx.deleteFrom('procedure_daily').execute();
  const dayOf = (column: string) => sql`date_trunc('day', date_trunc('hour', ${sql.ref(column)}, 'UTC') at time zone ${timeZone}) at time zone ${timeZone}`;
  await sql`
    insert into procedure_daily (procedure_code, day, ${sql.join(DOSSIER_COUNTER_COLUMNS.map(([column]) => sql.ref(column)))})
    select code, bucket, sum(a), sum(b), sum(c), sum(d), sum(e), sum(f), sum(g), sum(h), sum(i)
    from (${dossierContributions('procedure_code', dayOf)}) as contributions group by code, bucket`.execute(trx);
  await recordZone(trx, PROCEDURE_DAILY_ZONE_KEY, timeZone);
}

/** At start: the daily rollups must be in local days of the configured zone (first start, or the zone changed). */
export async function ensureDailyRollup(db: Kysely<Database>, timeZone: string): Promise<void> {
  const zones = new Map((await db.selectFrom('rollup_settings').select(['key', 'value']).execute()).map((r) => [r.key, r.value]));
  if (zones.get(DAILY_ZONE_KEY) !== timeZone) await db.transaction().execute((trx) => rebuildDaily(trx, timeZone));
  if (zones.get(PROCEDURE_DAILY_ZONE_KEY) !== timeZone) await db.transaction().execute((trx) => rebuildProcedureDaily(trx, timeZone));
}

/** Rebuilds the rollups and the open-dossier counters from the dossier state and the ratings (after a bulk load that bypassed ingest). */
export async function rebuildRollups(db: Kysely<Database>, timeZone: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Every table it rewrites, at once and in the order a fold pass writes them (the dossiers first), so a pass
    // running meanwhile waits for it rather than deadlocking with it.
    await sql`lock table dossiers, unit_hourly, unit_daily, procedure_daily, unit_open in exclusive mode`.execute(trx);
    await trx.deleteFrom('unit_hourly').execute();
    await sql`
      insert into unit_hourly (unit_code, hour, ${columns})
      select code, bucket, sum(a), sum(b), sum(c), sum(d), sum(e), sum(f), sum(g), sum(h), sum(i), sum(j), sum(k) from (
        select *, 0 as j, 0 as k from (${dossierContributions('unit_code', (column) => sql`date_trunc('hour', ${sql.ref(column)}, 'UTC')`)}) as d
        union all
        select unit_code, date_trunc('hour', at, 'UTC'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (score >= 4)::int from ratings
      ) as contributions group by code, bucket`.execute(trx);
    await trx.deleteFrom('unit_open').execute();
    await sql`
      insert into unit_open (unit_code, due_hour, open)
      select unit_code, coalesce(date_trunc('hour', due_at, 'UTC'), 'infinity'), count(*)
      from dossiers
      where resolved_at is null and withdrawn_at is null and received_at is not null and unit_code is not null
      group by 1, 2`.execute(trx);
    await rebuildDaily(trx, timeZone);
    await rebuildProcedureDaily(trx, timeZone);
  });
}
