/**
 * Local days, office hours and working days in the server's time zone: due dates at ingest and the
 * simulator's planning of a hundred thousand dossiers both use it, so it caches what it computes.
 * Days are `yyyy-MM-dd` keys; instants are epoch milliseconds.
 */
import { tzOffset } from '@date-fns/tz';

/** Hour (local) at which offices close: a due date falls at this time of its day. */
export const OFFICE_CLOSING_HOUR = 17;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Counter sessions, in minutes after local midnight: 8:00–11:30 and 13:30–17:00. */
export const MORNING: Session = [8 * 60, 11 * 60 + 30];
export const AFTERNOON: Session = [13 * 60 + 30, OFFICE_CLOSING_HOUR * 60];
export type Session = readonly [startMinute: number, endMinute: number];

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(Date.parse(`${day}T00:00:00Z`)).getUTCDay();
}

export class Calendar {
  private readonly offsets = new Map<number, number>();
  private readonly starts = new Map<string, number>();
  // Planning a dossier walks its days one by one: these caches keep that cheap.
  private readonly following = new Map<string, string>();
  private readonly working = new Map<string, boolean>();
  private readonly workingAfter = new Map<string, string>();
  private readonly dayKeys = new Map<number, string>();

  constructor(
    readonly timeZone: string,
    private readonly holidays: ReadonlySet<string>,
  ) {}

  /** The zone's offset from UTC at an instant, in ms (cached per hour: offsets change on the hour). */
  private offset(ms: number): number {
    const hour = Math.floor(ms / HOUR);
    let offset = this.offsets.get(hour);
    if (offset === undefined) {
      offset = tzOffset(this.timeZone, new Date(hour * HOUR)) * MINUTE;
      this.offsets.set(hour, offset);
    }
    return offset;
  }

  /** The local calendar day of an instant. */
  dayOf(ms: number): string {
    const index = Math.floor((ms + this.offset(ms)) / DAY);
    let day = this.dayKeys.get(index);
    if (day === undefined) {
      day = new Date(index * DAY).toISOString().slice(0, 10);
      this.dayKeys.set(index, day);
    }
    return day;
  }

  /** The instant of local midnight starting a day. */
  startOf(day: string): number {
    let start = this.starts.get(day);
    if (start === undefined) {
      const utc = Date.parse(`${day}T00:00:00Z`);
      start = utc - this.offset(utc - this.offset(utc));
      this.starts.set(day, start);
    }
    return start;
  }

  /** The instant at `minutes` of local wall-clock time on a day, to the whole second (events carry seconds). */
  at(day: string, minutes: number): number {
    const start = this.startOf(day);
    const naive = start + Math.floor(minutes * 60) * 1000;
    // A daylight-saving shift between midnight and that time moves the wall clock against elapsed time.
    return naive + this.offset(start) - this.offset(naive);
  }

  minutesOf(ms: number): number {
    return (ms - this.startOf(this.dayOf(ms))) / MINUTE;
  }

  isHoliday(day: string): boolean {
    return this.holidays.has(day);
  }

  isWorkingDay(day: string): boolean {
    let working = this.working.get(day);
    if (working === undefined) {
      const wd = weekday(day);
      working = wd !== 0 && wd !== 6 && !this.holidays.has(day);
      this.working.set(day, working);
    }
    return working;
  }

  /** The calendar day after `day`. */
  nextDay(day: string): string {
    let next = this.following.get(day);
    if (next === undefined) {
      next = addDays(day, 1);
      this.following.set(day, next);
    }
    return next;
  }

  /** The `count`-th working day after `day` (count ≥ 1). */
  workingDayAfter(day: string, count: number): string {
    const key = `${day}|${count}`;
    let found = this.workingAfter.get(key);
    if (found === undefined) {
      found = day;
      for (let remaining = count; remaining > 0; ) {
        found = this.nextDay(found);
        if (this.isWorkingDay(found)) remaining -= 1;
      }
      this.workingAfter.set(key, found);
    }
    return found;
  }

  /**
   * The due time of a dossier from its procedure's processing time in working days: the close of the
   * `workingDays`-th working day after the day of receipt (Monday–Friday, minus the holiday calendar).
   * A processing time of 0 means the same working day (the next one when received on a day off); received
   * after closing on such a day, it is due by the end of that day.
   */
  dueAt(receivedMs: number, workingDays: number): number {
    let day = this.dayOf(receivedMs);
    if (workingDays === 0) {
      while (!this.isWorkingDay(day)) day = this.nextDay(day);
    } else {
      day = this.workingDayAfter(day, workingDays);
    }
    const due = this.at(day, OFFICE_CLOSING_HOUR * 60);
    return due < receivedMs ? this.at(day, 24 * 60) - 1000 : due;
  }

  /**
   * A uniformly drawn instant of the given sessions of a day, later than `afterMs`;
   * null when none of them is left.
   */
  timeIn(day: string, sessions: readonly Session[], random: () => number, afterMs = -Infinity): number | null {
    const after = afterMs === -Infinity ? -Infinity : (afterMs - this.startOf(day)) / MINUTE;
    const open = sessions
      .map(([start, end]): Session => [Math.max(start, after + 1), end])
      .filter(([start, end]) => end > start);
    const total = open.reduce((sum, [start, end]) => sum + end - start, 0);
    if (total <= 0) return null;
    let offset = random() * total;
    for (const [start, end] of open) {
      if (offset < end - start) return this.at(day, start + offset);
      offset -= end - start;
    }
    return null;
  }

  /** ISO-8601 with the zone's offset, to the second: `2026-11-24T10:15:03+07:00`. */
  iso(ms: number): string {
    const offset = this.offset(ms);
    const local = new Date(ms + offset).toISOString().slice(0, 19);
    const sign = offset < 0 ? '-' : '+';
    const minutes = Math.abs(offset) / MINUTE;
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    return `${local}${sign}${hh}:${mm}`;
  }
}
