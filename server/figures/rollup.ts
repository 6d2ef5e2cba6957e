/**
 * Hourly rollups kept by the fold (server/ingest/folder.ts): what each dossier state (and each rating) contributes to the counters of
 * its unit in the UTC hour of its receipt and of its resolution. A change of state is applied as
 * "new contribution minus old", so backfill, corrections and out-of-order events keep the sums exact.
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

/** Rows by unit, then bucket start: the fixed order in which concurrent passes lock the rollup rows alike. */
const byUnitThen = <Row extends { unitCode: string }>(start: (row: Row) => number) => (a: Row, b: Row) =>
  a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : start(a) - start(b);

/** Counter rows with any counter not zero, in the locking order (byUnitThen). */
function changedInOrder<Row extends { unitCode: string; counts: HourlyCounts }>(rows: Iterable<Row>, start: (row: Row) => number): Row[] {
  return [...rows].filter((r) => HOURLY_COUNTERS.some((c) => r.counts[c] !== 0)).sort(byUnitThen(start));
}

export class HourlyDelta {
  readonly rows = new Map<string, { unitCode: string; hour: number; counts: HourlyCounts }>();
  /** Changes of the open-dossier counters (unit_open), by unit and due hour. */
  private readonly openRows = new Map<string, OpenRow>();

  private add(unitCode: string, hour: number, sign: 1 | -1, counts: Partial<HourlyCounts>): void {
    const key = `${unitCode}\u0000${hour}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { unitCode, hour, counts: zeroCounts() };
      this.rows.set(key, row);
    }
    for (const [counter, value] of Object.entries(counts) as [HourlyCounter, number][]) row.counts[counter] += sign * value;
  }

  dossier(state: DossierContributor | undefined, sign: 1 | -1): void {
    if (!state?.unit_code || !state.received_at) return;
    if (!state.resolved_at && !state.withdrawn_at) {
      const dueHour = state.due_at ? hourOf(state.due_at) : null;
      const key = `${state.unit_code}\u0000${dueHour}`;
      const row = this.openRows.get(key) ?? { unitCode: state.unit_code, dueHour, open: 0 };
      row.open += sign;
      this.openRows.set(key, row);
    }
    this.add(state.unit_code, hourOf(state.received_at), sign, {
      received: 1,
      receivedOnline: state.channel === 'online' ? 1 : 0,
      receivedPayable: state.payment !== null && state.payment !== 'none' ? 1 : 0,
      receivedPaidOnline: state.payment === 'online' ? 1 : 0,
      receivedDigitized: state.digitized ? 1 : 0,
    });
    if (!state.resolved_at) return;
    this.add(state.unit_code, hourOf(state.resolved_at), sign, {
      resolved: 1,
      resolvedEarly: state.resolution === 'early' ? 1 : 0,
      resolvedOnTime: state.resolution === 'early' || state.resolution === 'on_time' ? 1 : 0,
      resolvedLate: state.resolution === 'late' ? 1 : 0,
    });
  }

  rating(unitCode: string, at: Date, score: number): void {
    this.add(unitCode, hourOf(at), 1, { ratings: 1, ratingsSatisfied: score >= 4 ? 1 : 0 });
  }

  /** The hourly rows summed into local calendar days of the time zone (day = its start, epoch ms); days at zero left out. */
  byDay(timeZone: string): { unitCode: string; day: number; counts: HourlyCounts }[] {
    const days = new Map<string, { unitCode: string; day: number; counts: HourlyCounts }>();
    // Every hourly row, zero or not: a zero row adds nothing, and days left at zero are dropped below (nonZero()
    // would filter and sort the rows a second time in each pass).
    for (const { unitCode, hour, counts } of this.rows.values()) {
      const day = localDayOf(hour, timeZone);
      const key = `${unitCode}\u0000${day}`;
      const row = days.get(key) ?? { unitCode, day, counts: zeroCounts() };
      for (const counter of HOURLY_COUNTERS) row.counts[counter] += counts[counter];
      days.set(key, row);
    }
    return changedInOrder(days.values(), (r) => r.day);
  }

  /** Non-zero changes of the open-dossier counters, in a fixed order (as nonZero). */
  openChanges(): OpenRow[] {
    return [...this.openRows.values()]
      .filter((r) => r.open !== 0)
      .sort(byUnitThen((r) => r.dueHour ?? Infinity));
  }

  /** Rows with any non-zero counter, in a fixed order so concurrent batches lock rows alike. */
  nonZero(): { unitCode: string; hour: number; counts: HourlyCounts }[] {
    return changedInOrder(this.rows.values(), (r) => r.hour);
  }
}
