/**
 * The counters behind every figure, aggregated in SQL from the dossier and feedback state tables and the
 * rating and apology facts, never from the raw event log. Definitions: CONTRACT.md, "Figures".
 */
import { TZDate } from '@date-fns/tz';
import { startOfDay } from 'date-fns';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { emptyCounts, type MetricCounts } from '../../shared/figures.js';
import type { Database } from '../db/database.js';

export interface CountsWindow {
  from: Date;
  to: Date;
  asOf: Date;
  /** Restrict to one unit; undefined = every unit. */
  unitCode?: string;
  /**
   * Restrict to one procedure's dossiers; undefined = every procedure. Its counts come from the dossier state (no
   * rollup keeps a procedure by unit), and only the dossiers' counters: feedback, ratings and apology letters are
   * not kept by procedure.
   */
  procedureCode?: string;
  /** The zone of unit_daily's days: periods from local midnight to local midnight read the daily rollup. */
  timeZone?: string;
  /**
   * Count the dossiers open now from the fold's counters (unit_open) rather than the dossier state: the same
   * figures, cheaper when asOf is recent (what it subtracts, dossiers received after asOf, is then few).
   */
  openCounters?: boolean;
}

type Partial<K extends keyof MetricCounts> = Pick<MetricCounts, K> & { key: string };

const unitFilter = (column: string, unitCode: string | undefined): RawBuilder<unknown> =>
  unitCode === undefined ? sql`true` : sql`${sql.ref(column)} = ${unitCode}`;

/** Counters per key (unit code, or procedure code when grouped by procedure). */
export async function countsBy(
  db: Kysely<Database>,
  w: CountsWindow,
  groupBy: 'unit' | 'procedure',
  /**
   * Where received, resolved and ratings come from: 'auto' picks the daily rollup for whole local days, the hourly
   * one for whole hours, else the dossier state; the others force one (to check them against each other).
   */
  source: 'auto' | 'state' | 'hourly' = 'auto',
): Promise<Map<string, MetricCounts>> {
  const key = sql.ref(groupBy === 'unit' ? 'unit_code' : 'procedure_code');
  const inUnit = unitFilter('unit_code', w.unitCode);
  const inDossiers = w.procedureCode === undefined ? inUnit : sql`${inUnit} and procedure_code = ${w.procedureCode}`;

  const received = sql<Partial<'received' | 'receivedOnline' | 'receivedPayable' | 'receivedPaidOnline' | 'receivedDigitized'>>`
    select ${key} as key, count(*)::int as "received",
      count(*) filter (where channel = 'online')::int as "receivedOnline",
      count(*) filter (where payment <> 'none')::int as "receivedPayable",
      count(*) filter (where payment = 'online')::int as "receivedPaidOnline",
      count(*) filter (where digitized)::int as "receivedDigitized"
    from dossiers where received_at >= ${w.from} and received_at < ${w.to} and ${inDossiers}
    group by 1`;

  const resolved = sql<Partial<'resolved' | 'resolvedEarly' | 'resolvedOnTime' | 'resolvedLate'>>`
    select ${key} as key, count(*)::int as "resolved",
      count(*) filter (where resolution = 'early')::int as "resolvedEarly",
      count(*) filter (where resolution in ('early', 'on_time'))::int as "resolvedOnTime",
      count(*) filter (where resolution = 'late')::int as "resolvedLate"
    from dossiers
    where resolved_at >= ${w.from} and resolved_at < ${w.to} and received_at is not null and ${inDossiers}
    group by 1`;

  // Pending at asOf: the dossiers open now and received before asOf, plus those closed at or after asOf.
  const closedSinceAsOf = sql`
    select ${key} as key, count(*) as pending, count(*) filter (where due_at < ${w.asOf}) as overdue
    from dossiers
    where (resolved_at >= ${w.asOf} or withdrawn_at >= ${w.asOf})
      and not coalesce(resolved_at < ${w.asOf}, false) and not coalesce(withdrawn_at < ${w.asOf}, false)
      and received_at < ${w.asOf} and ${inDossiers}
    group by 1`;
  const openNow = groupBy === 'unit' && w.openCounters && w.procedureCode === undefined ? openFromCounters(w) : sql`
    select ${key} as key, count(*) as pending, count(*) filter (where due_at < ${w.asOf}) as overdue
    from dossiers
    where resolved_at is null and withdrawn_at is null and received_at < ${w.asOf} and ${inDossiers}
    group by 1`;
  const pending = sql<Partial<'pending' | 'overdue'>>`
    select key, sum(pending)::int as "pending", sum(overdue)::int as "overdue" from (${openNow} union all ${closedSinceAsOf}) as p group by key`;

  // Whole hours (a unit's) or whole local days (a unit's, or the city's by procedure) come from the rollups kept by
  // the fold; other bounds are counted from the dossier state.
  const rollupTable = chooseRollup(w, source, groupBy);
  const fromRollup = rollupTable !== null;
  const queries: Promise<{ rows: Record<string, unknown>[] }>[] = (fromRollup ? [rollup(w, rollupTable), pending] : [received, resolved, pending]).map(
    (q) => q.execute(db),
  );

  if (groupBy === 'unit' && w.procedureCode === undefined) {
    const apologies = sql<Partial<'apologies'>>`
      select d.unit_code as key, count(*)::int as "apologies"
      from apologies a join dossiers d on d.dossier_id = a.dossier_id and d.received_at is not null
      where a.at >= ${w.from} and a.at < ${w.to} and ${unitFilter('d.unit_code', w.unitCode)}
      group by 1`;
    const feedback = sql<Partial<'feedbackReceived' | 'feedbackResolved'>>`
      select unit_code as key, count(*)::int as "feedbackReceived",
        count(*) filter (where resolved_at < ${w.asOf})::int as "feedbackResolved"
      from feedback where received_at >= ${w.from} and received_at < ${w.to} and ${inUnit}
      group by 1`;
    const ratings = sql<Partial<'ratings' | 'ratingsSatisfied'>>`
      select unit_code as key, count(*)::int as "ratings", count(*) filter (where score >= 4)::int as "ratingsSatisfied"
      from ratings where at >= ${w.from} and at < ${w.to} and ${inUnit}
      group by 1`;
    queries.push(...(fromRollup ? [apologies, feedback] : [apologies, feedback, ratings]).map((q) => q.execute(db)));
  }

  const byKey = new Map<string, MetricCounts>();
  for (const { rows } of await Promise.all(queries)) {
    for (const row of rows) {
      const rowKey = String(row.key);
      const counts = byKey.get(rowKey) ?? emptyCounts();
      for (const [field, value] of Object.entries(row)) {
        if (field !== 'key') counts[field as keyof MetricCounts] = Number(value);
      }
      byKey.set(rowKey, counts);
    }
  }
  return byKey;
}

const HOUR_MS = 3_600_000;

/**
 * The dossiers open now and received before asOf, per unit, from unit_open: every open dossier, less those
 * received at or after asOf; overdue sums the hours due before asOf's hour and counts the dossiers due within it.
 */
function openFromCounters(w: CountsWindow) {
  const inUnit = unitFilter('unit_code', w.unitCode);
  const hourStart = new Date(Math.floor(w.asOf.getTime() / HOUR_MS) * HOUR_MS);
  return sql`
    select unit_code as key, sum(open) as pending, coalesce(sum(open) filter (where due_hour < ${hourStart}), 0) as overdue
    from unit_open where ${inUnit} group by 1
    union all
    select unit_code, 0, count(*) from dossiers
    where unit_code = any(array(select distinct unit_code from unit_open)) and resolved_at is null and withdrawn_at is null
      and due_at >= ${hourStart} and due_at < ${w.asOf} and received_at is not null and ${inUnit}
    group by 1
    union all
    select unit_code, -count(*), -count(*) filter (where due_at < ${w.asOf}) from dossiers
    where received_at >= ${w.asOf} and resolved_at is null and withdrawn_at is null and unit_code is not null and ${inUnit}
    group by 1`;
}

const isWholeHour = (instant: Date) => instant.getTime() % HOUR_MS === 0;
const isLocalMidnight = (instant: Date, timeZone: string) => startOfDay(new TZDate(instant.getTime(), timeZone)).getTime() === instant.getTime();

type RollupTable = 'unit_daily' | 'unit_hourly' | 'procedure_daily';

function chooseRollup(w: CountsWindow, source: 'auto' | 'state' | 'hourly', groupBy: 'unit' | 'procedure'): RollupTable | null {
  if (source === 'state' || w.procedureCode !== undefined) return null;
  const wholeDays = source === 'auto' && w.timeZone !== undefined && isLocalMidnight(w.from, w.timeZone) && isLocalMidnight(w.to, w.timeZone);
  // procedure_daily is city-wide: a unit's procedures are counted from its dossiers.
  if (groupBy === 'procedure') return wholeDays && w.unitCode === undefined ? 'procedure_daily' : null;
  if (wholeDays) return 'unit_daily';
  return isWholeHour(w.from) && isWholeHour(w.to) ? 'unit_hourly' : null;
}

const DOSSIER_SUMS = sql`
  sum(received)::int as "received", sum(received_online)::int as "receivedOnline",
  sum(received_payable)::int as "receivedPayable", sum(received_paid_online)::int as "receivedPaidOnline",
  sum(received_digitized)::int as "receivedDigitized", sum(resolved)::int as "resolved",
  sum(resolved_early)::int as "resolvedEarly", sum(resolved_on_time)::int as "resolvedOnTime",
  sum(resolved_late)::int as "resolvedLate"`;

function rollup(w: CountsWindow, table: RollupTable) {
  if (table === 'procedure_daily') {
    return sql<Record<string, unknown>>`
      select procedure_code as key, ${DOSSIER_SUMS}
      from procedure_daily where day >= ${w.from} and day < ${w.to}
      group by 1`;
  }
  const bucket = sql.ref(table === 'unit_daily' ? 'day' : 'hour');
  return sql<Record<string, unknown>>`
    select unit_code as key, ${DOSSIER_SUMS}, sum(ratings)::int as "ratings", sum(ratings_satisfied)::int as "ratingsSatisfied"
    from ${sql.table(table)} where ${bucket} >= ${w.from} and ${bucket} < ${w.to} and ${unitFilter('unit_code', w.unitCode)}
    group by 1`;
}

export interface OverdueRow {
  dossier_id: string;
  procedure_code: string | null;
  received_at: Date;
  due_at: Date;
}

/** Dossiers of a unit pending and past due at asOf, most overdue first. */
export async function overdueDossiers(db: Kysely<Database>, unitCode: string, asOf: Date, limit: number): Promise<OverdueRow[]> {
  const { rows } = await sql<OverdueRow>`
    select dossier_id, procedure_code, received_at, due_at from dossiers
    where unit_code = ${unitCode} and received_at < ${asOf} and due_at < ${asOf}
      and not coalesce(resolved_at < ${asOf}, false) and not coalesce(withdrawn_at < ${asOf}, false)
    order by due_at, dossier_id
    limit ${limit}`.execute(db);
  return rows;
}

export interface SeriesRow {
  bucket: string;
  received: number;
  resolved: number;
  resolved_on_time: number;
  resolved_late: number;
}

/** Received and resolved per local hour or day, as local 'yyyy-MM-dd HH:mm:ss' bucket starts. */
export async function seriesCounts(
  db: Kysely<Database>,
  w: Omit<CountsWindow, 'asOf'>,
  step: 'hour' | 'day',
  timeZone: string,
): Promise<SeriesRow[]> {
  const unit = unitFilter('unit_code', w.unitCode);
  const bucket = (column: string) => sql`to_char(date_trunc(${step}, ${sql.ref(column)} at time zone ${timeZone}), 'YYYY-MM-DD HH24:MI:SS')`;
  const { rows } = await sql<SeriesRow>`
    select bucket, sum(received)::int as received, sum(resolved)::int as resolved,
      sum(on_time)::int as resolved_on_time, sum(late)::int as resolved_late
    from (
      select ${bucket('received_at')} as bucket, count(*) as received, 0 as resolved, 0 as on_time, 0 as late
      from dossiers where received_at >= ${w.from} and received_at < ${w.to} and ${unit} group by 1
      union all
      select ${bucket('resolved_at')} as bucket, 0, count(*),
        count(*) filter (where resolution in ('early', 'on_time')), count(*) filter (where resolution = 'late')
      from dossiers where resolved_at >= ${w.from} and resolved_at < ${w.to} and received_at is not null and ${unit} group by 1
    ) as s group by bucket order by bucket`.execute(db);
  return rows;
}
