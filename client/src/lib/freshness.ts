/**
 * A wall display runs for weeks: once a day, in the quiet hour of the night (local time of the server's zone),
 * it reloads itself, so whatever a browser accumulates over days (compiled code, caches) starts again from zero.
 */

/** The hour of the night (local, 0–23) when a display that has run long enough reloads. */
export const NIGHTLY_RELOAD_HOUR = 3;
/** A display reloads at most once a night: only if it has run at least this long. */
const MIN_UPTIME_MS = 12 * 3_600_000;

function localHour(at: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(at));
}

export function isNightlyReloadDue(loadedAt: number, now: Date, timeZone: string): boolean {
  return now.getTime() - loadedAt >= MIN_UPTIME_MS && localHour(now, timeZone) === NIGHTLY_RELOAD_HOUR;
}
