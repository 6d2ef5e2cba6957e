/**
 * The periods the UI offers on top of the contract's named ones (6 months, custom dates), the comparison period
 * (the one before, or the same period a year before), and how a period is cut into buckets for the city's trend charts.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, addHours, addMonths, startOfDay, startOfMonth } from 'date-fns';
import { NAMED_PERIODS, type NamedPeriod } from '../../../shared/snapshot.js';
import { isoInZone, resolveNamedPeriod, type Period } from '../../../shared/periods.js';

export type PeriodChoice = (
  | { type: 'named'; period: NamedPeriod }
  | { type: 'sixMonths' }
  /** Local calendar dates yyyy-MM-dd, both included. */
  | { type: 'custom'; fromDate: string; toDate: string }
) & {
  /** Compared with the same period a year before ("cùng kỳ năm trước", `?compare=year`) rather than the one before. */
  versus?: 'yearAgo';
};

export function isNamedPeriod(value: string | null): value is NamedPeriod {
  return value !== null && (NAMED_PERIODS as readonly string[]).includes(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Reads `?period=month`, `?period=6m` or `?from=2026-01-01&to=2026-03-31` (dates the wrong way round are the same
 * range, not another period), and `&compare=year`; anything else falls back.
 */
export function parsePeriodChoice(params: URLSearchParams, fallback: NamedPeriod = 'today'): PeriodChoice {
  const period = params.get('period');
  const fromDate = params.get('from');
  const toDate = params.get('to');
  const versus = params.get('compare') === 'year' ? { versus: 'yearAgo' as const } : {};
  if (fromDate && toDate && DATE.test(fromDate) && DATE.test(toDate)) {
    return fromDate <= toDate ? { type: 'custom', fromDate, toDate, ...versus } : { type: 'custom', fromDate: toDate, toDate: fromDate, ...versus };
  }
  if (period === '6m') return { type: 'sixMonths', ...versus };
  return { type: 'named', period: isNamedPeriod(period) ? period : fallback, ...versus };
}

export function periodChoiceParams(choice: PeriodChoice): Record<string, string> {
  const versus: Record<string, string> = choice.versus === 'yearAgo' ? { compare: 'year' } : {};
  if (choice.type === 'named') return { period: choice.period, ...versus };
  if (choice.type === 'sixMonths') return { period: '6m', ...versus };
  return { from: choice.fromDate, to: choice.toDate, ...versus };
}

function localMidnight(date: string, timeZone: string): TZDate {
  const [y, m, d] = date.split('-').map(Number);
  return new TZDate(y ?? 1970, (m ?? 1) - 1, d ?? 1, timeZone);
}

export function periodRange(choice: PeriodChoice, now: Date, timeZone: string): Period {
  if (choice.type === 'named') return resolveNamedPeriod(choice.period, now, timeZone);
  if (choice.type === 'sixMonths') {
    const month = startOfMonth(new TZDate(now.getTime(), timeZone));
    return { from: new Date(addMonths(month, -5).getTime()), to: new Date(addMonths(month, 1).getTime()) };
  }
  const from = localMidnight(choice.fromDate, timeZone);
  const to = addDays(localMidnight(choice.toDate, timeZone), 1);
  return { from: new Date(from.getTime()), to: new Date(to.getTime()) };
}

/** Comparisons never ask for less than this: the API reads instants to the second, and `from` must be before `to`. */
const SHORTEST_COMPARISON_MS = 1000;

/**
 * The same point of the period before: a calendar month, quarter, year or half-year back for those periods
 * (1–26 November against 1–26 October), the period's own length back for the others (today against yesterday,
 * the last 7 days against the 7 before, a custom range against as many days before it).
 */
function previousInstant(choice: PeriodChoice, range: Period, timeZone: string): (instant: Date) => Date {
  const months = choice.type === 'sixMonths' ? 6 : choice.type === 'named' ? { month: 1, quarter: 3, year: 12 }[choice.period as string] : undefined;
  if (months !== undefined) return monthsBefore(months, timeZone);
  const length = range.to.getTime() - range.from.getTime();
  return (instant) => new Date(instant.getTime() - length);
}

/** The same local date and time `months` calendar months before (the 31st becomes the month's last day). */
function monthsBefore(months: number, timeZone: string): (instant: Date) => Date {
  return (instant) => new Date(addMonths(new TZDate(instant.getTime(), timeZone), -months).getTime());
}

/**
 * The period compared with: the one before (`previousInstant`), or with `versus: 'yearAgo'` the same dates a year
 * before; cut at the same point in time: at 10:00 today is compared with yesterday until 10:00, so counts are like
 * for like rather than a part day against a whole one. `asOf` may lie before the period (a clock a tick behind the
 * live figures at midnight): the comparison is then its first second.
 */
export function comparisonRange(choice: PeriodChoice, range: Period, asOf: Date, timeZone: string): Period {
  const back = choice.versus === 'yearAgo' ? monthsBefore(12, timeZone) : previousInstant(choice, range, timeZone);
  const from = back(range.from);
  const end = back(range.to).getTime();
  const cut = back(new Date(Math.min(Math.max(asOf.getTime(), range.from.getTime()), range.to.getTime()))).getTime();
  return { from, to: new Date(Math.min(end, Math.max(cut, from.getTime() + SHORTEST_COMPARISON_MS))) };
}

/**
 * The `count` whole periods before `range`, oldest first, each ending where the next begins: the months before a
 * month, the days before today, the 7 days before the last 7 and the 7 before those (`previousInstant`). What a
 * ranking's trend line shows a unit's score over.
 */
export function earlierPeriods(choice: PeriodChoice, range: Period, count: number, timeZone: string): Period[] {
  const back = previousInstant(choice, range, timeZone);
  const periods: Period[] = [];
  let to = range.from;
  for (let i = 0; i < count; i++) {
    const from = back(to);
    periods.unshift({ from, to });
    to = from;
  }
  return periods;
}

export function rangeParams(range: Period, timeZone: string): Record<string, string> {
  return { from: isoInZone(range.from, timeZone), to: isoInZone(range.to, timeZone) };
}

/**
 * The part of `range` up to `asOf` (a second at least: the API wants `from` before `to`). Its figures are the period's
 * own as at `asOf`, since the contract evaluates a period at min(now, `to`): what the presenter's frozen figures ask
 * for. A named period, or the whole range, would be evaluated at whatever moment the request happened to be made.
 */
export function rangeUntil(range: Period, asOf: Date): Period {
  return { from: range.from, to: new Date(Math.min(range.to.getTime(), Math.max(asOf.getTime(), range.from.getTime() + 1000))) };
}

export type BucketStep = 'hour' | 'day' | 'month';

/** Buckets from the period's start up to `asOf`: hours for a day, days up to ~2 months, months beyond. */
export function trendBuckets(range: Period, asOf: Date, timeZone: string): { step: BucketStep; buckets: Period[] } {
  const days = (range.to.getTime() - range.from.getTime()) / 86_400_000;
  const step: BucketStep = days <= 1.01 ? 'hour' : days <= 62 ? 'day' : 'month';
  const end = Math.min(asOf.getTime(), range.to.getTime());
  const buckets: Period[] = [];
  let start = step === 'month' ? startOfMonth(new TZDate(range.from.getTime(), timeZone)) : step === 'day' ? startOfDay(new TZDate(range.from.getTime(), timeZone)) : new TZDate(range.from.getTime(), timeZone);
  while (start.getTime() < end && buckets.length < 400) {
    const next = step === 'hour' ? addHours(start, 1) : step === 'day' ? addDays(start, 1) : addMonths(start, 1);
    buckets.push({ from: new Date(Math.max(start.getTime(), range.from.getTime())), to: new Date(Math.min(next.getTime(), range.to.getTime())) });
    start = next;
  }
  return { step, buckets };
}
