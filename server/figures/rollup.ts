/**
 * Hourly rollups kept by the fold (server/ingest/folder.ts): what each dossier state (and each rating) contributes to the counters of
 * its unit in the UTC hour of its receipt and of its resolution, and, city-wide, a dossier's to its procedure's. A change of state is
 * applied as "new contribution minus old", so backfill, corrections and out-of-order events keep the sums exact.
 */
import { TZDate } from '@date-fns/tz';
import { startOfDay } from 'date-fns';
import type { MetricCounts } from '../../shared/figures.js';

export const HOURLY_COUNTERS = [
  'received', 'receivedOnline', 'receivedPayable', 'receivedPaidOnline', 'receivedDigitized',
  'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'ratings', 'ratingsSatisfied',
] as const satisfies readonly (keyof MetricCounts)[];
export type HourlyCounter = (typeof HOURLY_COUNTERS)[number];
export type HourlyCounts = Record<HourlyCounter, number>;

/** The parts of a dossier's state that its contribution depends on. */
export interface DossierContributor {
  unit_code: string | null;
  procedure_code: string | null;
  channel: string | null;
  payment: string | null;
  digitized: boolean | null;
  received_at: Date | string | null;
  resolved_at: Date | string | null;
  resolution: string | null;
  due_at: Date | string | null;
  withdrawn_at: Date | string | null;
}

/** An open dossier's bucket in unit_open: the UTC hour of its due time, or null (stored as 'infinity') without one. */
export interface OpenRow {
  unitCode: string;
  dueHour: number | null;
  open: number;
}

const HOUR_MS = 3_600_000;
export const hourOf = (instant: Date | string): number => Math.floor(new Date(instant).getTime() / HOUR_MS) * HOUR_MS;

/** Local day starts by UTC hour, per time zone: a backfill's pass touches hundreds of hours, each worked out once. */
const dayStarts = new Map<string, Map<number, number>>();
const DAY_STARTS_KEPT = 100_000;

function localDayOf(hour: number, timeZone: string): number {
  let zone = dayStarts.get(timeZone);
  if (!zone) dayStarts.set(timeZone, (zone = new Map()));
  let day = zone.get(hour);
  if (day === undefined) {
    if (zone.size >= DAY_STARTS_KEPT) zone.clear();
    day = startOfDay(new TZDate(hour, timeZone)).getTime();
    zone.set(hour, day);
  }
  return day;
}

const zeroCounts = () => Object.fromEntries(HOURLY_COUNTERS.map((c) => [c, 0])) as HourlyCounts;

/** A counter row of a rollup: a unit's (or, in procedure_daily, a procedure's) counters in one bucket. */
export interface CounterRow {
  /** The unit's or the procedure's code. */
  code: string;
  /** Start of the bucket (UTC hour, or local day), epoch ms. */
  start: number;
  counts: HourlyCounts;
}

/** Rows by code, then bucket start: the fixed order in which concurrent passes lock the rollup rows alike. */
const byCodeThen = <Row>(code: (row: Row) => string, start: (row: Row) => number) => (a: Row, b: Row) =>
  code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : start(a) - start(b);

/** Counter rows with any counter not zero, in the locking order (byCodeThen). */
function changedInOrder(rows: Iterable<CounterRow>): CounterRow[] {
  return [...rows].filter((r) => HOURLY_COUNTERS.some((c) => r.counts[c] !== 0)).sort(byCodeThen((r) => r.code, (r) => r.start));
}

/** Adds signed counts to the row of (code, start), made at zero when new. */
function addTo(rows: Map<string, CounterRow>, code: string, start: number, sign: 1 | -1, counts: Partial<HourlyCounts>): void {
  const key = `${code}\u0000${start}`;
  let row = rows.get(key);
  if (!row) {
    row = { code, start, counts: zeroCounts() };
    rows.set(key, row);
  }
  for (const [counter, value] of Object.entries(counts) as [HourlyCounter, number][]) row.counts[counter] += sign * value;
}

export class HourlyDelta {
  /** By unit and UTC hour. */
  private readonly rows = new Map<string, CounterRow>();
  /** The dossiers' counters by procedure and local day, city-wide (procedure_daily). */
  private readonly procedureDayRows = new Map<string, CounterRow>();
  /** Changes of the open-dossier counters (unit_open), by unit and due hour. */
  private readonly openRows = new Map<string, OpenRow>();

  /** `timeZone`: the zone of the daily rollups' days. */
  constructor(private readonly timeZone: string) {}

  dossier(state: DossierContributor | undefined, sign: 1 | -1): void {
    if (!state?.unit_code || !state.received_at) return;
    if (!state.resolved_at && !state.withdrawn_at) {
      const dueHour = state.due_at ? hourOf(state.due_at) : null;
      const key = `${state.unit_code}\u0000${dueHour}`;
      const row = this.openRows.get(key) ?? { unitCode: state.unit_code, dueHour, open: 0 };
      row.open += sign;
      this.openRows.set(key, row);
    }
    const received = hourOf(state.received_at);
    const receivedCounts = {
      received: 1,
      receivedOnline: state.channel === 'online' ? 1 : 0,
      receivedPayable: state.payment !== null && state.payment !== 'none' ? 1 : 0,
      receivedPaidOnline: state.payment === 'online' ? 1 : 0,
      receivedDigitized: state.digitized ? 1 : 0,
    };
    addTo(this.rows, state.unit_code, received, sign, receivedCounts);
    if (state.procedure_code) addTo(this.procedureDayRows, state.procedure_code, localDayOf(received, this.timeZone), sign, receivedCounts);
    if (!state.resolved_at) return;
    const resolved = hourOf(state.resolved_at);
    const resolvedCounts = {
      resolved: 1,
      resolvedEarly: state.resolution === 'early' ? 1 : 0,
      resolvedOnTime: state.resolution === 'early' || state.resolution === 'on_time' ? 1 : 0,
      resolvedLate: state.resolution === 'late' ? 1 : 0,
    };
    addTo(this.rows, state.unit_code, resolved, sign, resolvedCounts);
    if (state.procedure_code) addTo(this.procedureDayRows, state.procedure_code, localDayOf(resolved, this.timeZone), sign, resolvedCounts);
  }

  rating(unitCode: string, at: Date, score: number): void {
    addTo(this.rows, unitCode, hourOf(at), 1, { ratings: 1, ratingsSatisfied: score >= 4 ? 1 : 0 });
  }

  /** Units' rows with any non-zero counter, in a fixed order so concurrent batches lock rows alike. */
  nonZero(): CounterRow[] {
    return changedInOrder(this.rows.values());
  }

  /** The units' hourly rows summed into local calendar days (start = the day's start, epoch ms), as nonZero. */
  byDay(): CounterRow[] {
    const days = new Map<string, CounterRow>();
    // Every hourly row, zero or not: a zero row adds nothing, and days left at zero are dropped by changedInOrder
    // (filtering and sorting the hourly rows first would do it twice in each pass).
    for (const { code, start, counts } of this.rows.values()) addTo(days, code, localDayOf(start, this.timeZone), 1, counts);
    return changedInOrder(days.values());
  }

  /** The procedures' rows (dossier counters) by local day, as nonZero. */
  procedureDays(): CounterRow[] {
    return changedInOrder(this.procedureDayRows.values());
  }

  /** Non-zero changes of the open-dossier counters, in a fixed order (as nonZero). */
  openChanges(): OpenRow[] {
    return [...this.openRows.values()]
      .filter((r) => r.open !== 0)
      .sort(byCodeThen((r) => r.unitCode, (r) => r.dueHour ?? Infinity));
  }
}
