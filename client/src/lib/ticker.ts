/**
 * Notable events for the live ticker, derived by comparing a unit's figures before and after an update.
 * Only unit-level aggregates are used: no dossier, person or feedback text ever reaches the ticker.
 */
import { GRADES, type Grade } from '../../../shared/figures.js';
import type { UnitFigures } from '../../../shared/snapshot.js';

export type TickerEvent =
  | { kind: 'overdueUp'; unitCode: string; unitName: string; from: number; to: number }
  | { kind: 'gradeDown' | 'gradeUp'; unitCode: string; unitName: string; from: Grade; to: Grade }
  | { kind: 'rankUp'; unitCode: string; unitName: string; rank: number };

export interface TickerItem {
  /** Unique and stable, for React keys. */
  id: string;
  at: string;
  event: TickerEvent;
}

export const TICKER_LIMIT = 30;

/** Lower index = better grade. */
const gradeIndex = (g: Grade) => GRADES.indexOf(g);

export function notableEvents(before: readonly UnitFigures[], changed: readonly UnitFigures[]): TickerEvent[] {
  const previous = new Map(before.map((u) => [u.code, u]));
  const events: TickerEvent[] = [];
  for (const next of changed) {
    const prev = previous.get(next.code);
    if (!prev) continue;
    const base = { unitCode: next.code, unitName: next.name };
    if (next.overdue > prev.overdue) events.push({ ...base, kind: 'overdueUp', from: prev.overdue, to: next.overdue });
    if (prev.grade && next.grade && prev.grade !== next.grade) {
      const kind = gradeIndex(next.grade) > gradeIndex(prev.grade) ? 'gradeDown' : 'gradeUp';
      events.push({ ...base, kind, from: prev.grade, to: next.grade });
    }
    // Only reaching the top three is news; every other rank shuffle would flood the ticker.
    // A unit without a score has a place after the scored ones, not a standing: its first score is not a rise.
    if (prev.score !== null && next.score !== null && next.rank < prev.rank && next.rank <= 3) events.push({ ...base, kind: 'rankUp', rank: next.rank });
  }
  return events;
}

/** A rising overdue count of one unit within this window is one line that grows, not a line per update. */
export const MERGE_WINDOW_MS = 10 * 60_000;

/**
 * Newest first, never longer than `limit`, so a wall display running for weeks keeps a bounded list.
 * A unit's overdue rise merges with its previous one inside MERGE_WINDOW_MS (from the first count to the last).
 */
export function pushTicker(items: readonly TickerItem[], events: readonly TickerEvent[], at: string, seq: number, limit = TICKER_LIMIT): TickerItem[] {
  if (events.length === 0) return items.slice(0, limit);
  let rest = [...items];
  const fresh: TickerItem[] = [];
  events.forEach((event, i) => {
    let merged = event;
    if (event.kind === 'overdueUp') {
      const earlier = rest.find((item) => item.event.kind === 'overdueUp' && item.event.unitCode === event.unitCode && Date.parse(at) - Date.parse(item.at) < MERGE_WINDOW_MS);
      if (earlier && earlier.event.kind === 'overdueUp') {
        merged = { ...event, from: earlier.event.from };
        rest = rest.filter((item) => item !== earlier);
      }
    }
    fresh.push({ id: `${seq}-${i}-${event.unitCode}-${event.kind}`, at, event: merged });
  });
  return [...fresh.reverse(), ...rest].slice(0, limit);
}
