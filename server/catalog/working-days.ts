import { TZDate } from '@date-fns/tz';
import { addDays, format, isWeekend, set } from 'date-fns';

/** Hour (local) at which offices close: a due date falls at this time of its day. */
export const OFFICE_CLOSING_HOUR = 17;

/**
 * The due time of a dossier from its procedure's processing time in working days: the close of the
 * `workingDays`-th working day after the day of receipt (Monday–Friday, minus the holiday calendar).
 * A processing time of 0 means the same working day (the next one when received on a day off).
 */
export function dueDateFromWorkingDays(
  receivedAt: Date,
  workingDays: number,
  holidays: ReadonlySet<string>,
  timeZone: string,
): Date {
  const isWorkingDay = (day: Date) => !isWeekend(day) && !holidays.has(format(day, 'yyyy-MM-dd'));
  let day: Date = new TZDate(receivedAt.getTime(), timeZone);
  let remaining = workingDays;
  if (remaining === 0) {
    while (!isWorkingDay(day)) day = addDays(day, 1);
  }
  while (remaining > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) remaining -= 1;
  }
  const due = set(day, { hours: OFFICE_CLOSING_HOUR, minutes: 0, seconds: 0, milliseconds: 0 });
  // Received after closing on a same-day procedure: due by the end of that day.
  if (due.getTime() < receivedAt.getTime()) return new Date(set(day, { hours: 23, minutes: 59, seconds: 59, milliseconds: 0 }).getTime());
  return new Date(due.getTime());
}
