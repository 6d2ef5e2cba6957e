import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addQuarters, addYears, startOfDay, startOfMonth, startOfQuarter, startOfYear, formatISO } from 'date-fns';
import type { NamedPeriod } from './snapshot.js';

export interface Period {
  from: Date;
  to: Date;
}

/**
 * Named periods in the configured time zone, each ending at the end of the current one:
 * today = the calendar day; 7d / 30d = the last 7 / 30 calendar days including today;
 * month, quarter, year = the calendar month, quarter, year so far.
 */
export function resolveNamedPeriod(period: NamedPeriod, now: Date, timeZone: string): Period {
  const local = new TZDate(now.getTime(), timeZone);
  const today = startOfDay(local);
  const tomorrow = addDays(today, 1);
  const range = (from: Date, to: Date): Period => ({ from: new Date(from.getTime()), to: new Date(to.getTime()) });
  switch (period) {
    case 'today': return range(today, tomorrow);
    case '7d': return range(addDays(today, -6), tomorrow);
    case '30d': return range(addDays(today, -29), tomorrow);
    case 'month': return range(startOfMonth(local), addMonths(startOfMonth(local), 1));
    case 'quarter': return range(startOfQuarter(local), addQuarters(startOfQuarter(local), 1));
    case 'year': return range(startOfYear(local), addYears(startOfYear(local), 1));
  }
}

/** ISO-8601 with the time zone's offset, e.g. 2026-11-24T10:15:00+07:00. */
export function isoInZone(instant: Date, timeZone: string): string {
  const local = formatISO(new TZDate(instant.getTime(), timeZone));
  // An offset with seconds (local mean time: +07:06:30 before 1906 here) does not fit ISO 8601's ±hh:mm, and the
  // truncated one names another instant: such an instant is written in UTC.
  return Date.parse(local) === Math.floor(instant.getTime() / 1000) * 1000 ? local : formatISO(new TZDate(instant.getTime(), 'UTC'));
}
