/**
 * How fresh a wall display keeps, running for weeks. Once a day, in the quiet hour of the night (local time of the
 * server's zone), it reloads itself, so whatever a browser accumulates over days (compiled code, caches) starts again
 * from zero; and it says when the figures on screen stop coming.
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

/** No new figures for this long counts as stale: a live view gets a heartbeat every 30 s, a read view is read every minute. */
export const QUIET_MS = 90_000;

/** A wall view whose figures are read over REST every so often rather than pushed (the procedures). */
export interface ReadFreshness {
  /** The time of the figures on screen, for "Cập nhật hh:mm:ss"; null while there are none. */
  asOf: string | null;
  /** When the figures on screen were read (ms since epoch); null while there are none. */
  readAt: number | null;
  /** When the view came on screen: from then a read of its own is awaited. */
  since: number;
  /** Whether its latest read failed. */
  failed: boolean;
}

/**
 * Whether a read view's figures are stale though the live channel is up: its latest read failed, or no read has
 * answered for QUIET_MS (one that hangs). Figures remembered from the view's last turn are not stale while its first
 * read of this turn is in flight.
 */
export function readIsQuiet(read: ReadFreshness, now: number): boolean {
  return read.failed || now - Math.max(read.readAt ?? read.since, read.since) > QUIET_MS;
}
