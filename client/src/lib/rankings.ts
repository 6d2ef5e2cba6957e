/** Ranking table rows: every score component, the rank change against the previous period, and sorting. */
import { componentShares, componentValues, SCORE_COMPONENTS, type ScoreComponent, type ScoringConfig } from '../../../shared/figures.js';
import type { UnitFigures } from '../../../shared/snapshot.js';

export interface RankingRow {
  unit: UnitFigures;
  /** Each component's share as the table shows it (online 49.5 %): what its column sorts and exports by. */
  shares: Record<ScoreComponent, number | null>;
  /** Each component's value toward the score, in [0, 1] (online 49.5 % of the 50 % for full marks: 0.99). */
  components: Record<ScoreComponent, number | null>;
  /** previous rank − current rank: positive = moved up; null when the unit was not ranked before. */
  rankChange: number | null;
  previousScore: number | null;
}

export type SortColumn = 'rank' | 'name' | 'score' | 'rankChange' | 'received' | 'overdue' | ScoreComponent;
export interface SortState {
  column: SortColumn;
  descending: boolean;
}

export function rankingRows(units: readonly UnitFigures[], previous: readonly UnitFigures[] | null, scoring: ScoringConfig): RankingRow[] {
  const before = new Map((previous ?? []).map((u) => [u.code, u]));
  return units.map((unit) => {
    const prev = before.get(unit.code);
    return {
      unit,
      shares: componentShares(unit),
      components: componentValues(unit, scoring),
      // A unit without a score is ranked after the others by code (CONTRACT.md): that place is no standing to move from or to.
      rankChange: prev && prev.score !== null && unit.score !== null ? prev.rank - unit.rank : null,
      previousScore: prev ? prev.score : null,
    };
  });
}

function sortValue(row: RankingRow, column: SortColumn): number | string | null {
  switch (column) {
    case 'rank': return row.unit.rank;
    case 'name': return row.unit.name;
    case 'score': return row.unit.score;
    case 'rankChange': return row.rankChange;
    case 'received': return row.unit.received;
    case 'overdue': return row.unit.overdue;
    default: return row.shares[column];
  }
}

/** Sorts a copy; missing values always go last, whatever the direction, and ties keep rank order. */
export function sortRows(rows: readonly RankingRow[], sort: SortState, lang = 'vi'): RankingRow[] {
  const collator = new Intl.Collator(lang);
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.column);
    const y = sortValue(b, sort.column);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) {
      const order = typeof x === 'string' || typeof y === 'string' ? collator.compare(String(x), String(y)) : x - y;
      if (order !== 0) return order * direction;
    }
    return a.unit.rank - b.unit.rank;
  });
}

/** The direction a column sorts in when first clicked: better-first for figures, A–Z for names, 1 first for rank. */
export function defaultDescending(column: SortColumn): boolean {
  return !(column === 'rank' || column === 'name');
}

export { SCORE_COMPONENTS };

export const HISTORY_LIMIT = 24;

/**
 * Score history per unit for the sparklines: the previous period's score first, then each new live score.
 * Bounded per unit, and units that left the list are dropped, so a display running for days stays small.
 */
export function appendHistory(
  history: ReadonlyMap<string, readonly number[]>,
  rows: readonly RankingRow[],
  limit = HISTORY_LIMIT,
): Map<string, number[]> {
  const next = new Map<string, number[]>();
  for (const row of rows) {
    const known = history.get(row.unit.code);
    // The previous period's score starts the line; it may arrive after the first live snapshot.
    const seeded = known !== undefined && known.length > 1;
    const values = seeded || row.previousScore === null ? [...(known ?? [])] : [row.previousScore, ...(known ?? [])];
    if (row.unit.score !== null && values[values.length - 1] !== row.unit.score) values.push(row.unit.score);
    next.set(row.unit.code, values.slice(-limit));
  }
  return next;
}
