import { Calendar } from './calendar.js';

export { OFFICE_CLOSING_HOUR } from './calendar.js';

/** The due time of a dossier (see Calendar.dueAt), for a one-off computation outside a cached calendar. */
export function dueDateFromWorkingDays(
  receivedAt: Date,
  workingDays: number,
  holidays: ReadonlySet<string>,
  timeZone: string,
): Date {
  return new Date(new Calendar(timeZone, holidays).dueAt(receivedAt.getTime(), workingDays));
}
