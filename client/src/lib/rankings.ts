/** Ranking table rows: every score component, the rank change against the previous period, and sorting. */
import { componentShares, componentValues, SCORE_COMPONENTS, type ScoreComponent, type ScoringConfig } from '../../../shared/figures.js';
import type { Snapshot, UnitFigures } from '../../../shared/snapshot.js';
import { sortByColumn, type SortValue } from './sorting.js';

export interface RankingRow {
  unit: UnitFigures;
  /** Each component's share as the table shows it (online 49.5 %): what its column sorts and exports by. */
  shares: Record<ScoreComponent, number | null>;
  /** Each component's value toward the score, in [0, 1] (online 49.5 % of the 50 % for full marks: 0.99). */
  components: Record<ScoreComponent, number | null>;
  /** previous rank − current rank: positive = moved up; null when the unit was not ranked before. */
  rankChange: number | null;
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
    };
  });
}

function sortValue(row: RankingRow, column: SortColumn): SortValue {
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
  const byRank = [...rows].sort((a, b) => a.unit.rank - b.unit.rank);
  return sortByColumn(byRank, (row) => sortValue(row, sort.column), sort.descending, lang);
}

/** The direction a column sorts in when first clicked: better-first for figures, A–Z for names, 1 first for rank. */
export function defaultDescending(column: SortColumn): boolean {
  return !(column === 'rank' || column === 'name');
}

export { SCORE_COMPONENTS };

/** How many whole periods before the current one a ranking's trend line shows the score of. */
export const EARLIER_PERIODS = 6;

/** Each unit's score in each of these snapshots (the earlier periods, oldest first), null where it had none. */
export function scoresByUnit(snapshots: readonly Snapshot[]): Map<string, (number | null)[]> {
  const scores = new Map<string, (number | null)[]>();
  snapshots.forEach((snapshot, i) => {
    for (const unit of snapshot.units) {
      const line = scores.get(unit.code) ?? new Array<number | null>(snapshots.length).fill(null);
      line[i] = unit.score;
      scores.set(unit.code, line);
    }
  });
  return scores;
}

/**
 * A unit's trend line: its score in each earlier period it had one, then its current score (which live updates
 * move). Empty until the earlier periods are read.
 */
export function trendLine(earlier: ReadonlyMap<string, readonly (number | null)[]> | null, unit: UnitFigures): number[] {
  if (earlier === null) return [];
  return [...(earlier.get(unit.code) ?? []), unit.score].filter((score): score is number => score !== null);
}
