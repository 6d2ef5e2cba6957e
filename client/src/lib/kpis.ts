/** KPI tiles: which metric, how it is shown, and its change against the period compared with. */
import type { Metrics } from '../../../shared/figures.js';

export type KpiKey =
  | 'received' | 'resolved' | 'resolvedLate' | 'progressRate' | 'onTimeRate' | 'pending' | 'overdue'
  | 'onlineShare' | 'onlinePaymentShare' | 'digitizedShare' | 'feedbackResolvedRate' | 'satisfaction';

export interface KpiDefinition {
  key: KpiKey;
  format: 'count' | 'percent';
  /**
   * Whether a rise is good news (late and overdue are where it is not); null where it is neither: more dossiers in
   * progress is more work, not worse work, so its change has an arrow and no colour.
   */
  higherIsBetter: boolean | null;
}

const DEFINITIONS: { readonly [K in KpiKey]: KpiDefinition & { key: K } } = {
  received: { key: 'received', format: 'count', higherIsBetter: true },
  resolved: { key: 'resolved', format: 'count', higherIsBetter: true },
  resolvedLate: { key: 'resolvedLate', format: 'count', higherIsBetter: false },
  progressRate: { key: 'progressRate', format: 'percent', higherIsBetter: true },
  onTimeRate: { key: 'onTimeRate', format: 'percent', higherIsBetter: true },
  pending: { key: 'pending', format: 'count', higherIsBetter: null },
  overdue: { key: 'overdue', format: 'count', higherIsBetter: false },
  onlineShare: { key: 'onlineShare', format: 'percent', higherIsBetter: true },
  onlinePaymentShare: { key: 'onlinePaymentShare', format: 'percent', higherIsBetter: true },
  digitizedShare: { key: 'digitizedShare', format: 'percent', higherIsBetter: true },
  feedbackResolvedRate: { key: 'feedbackResolvedRate', format: 'percent', higherIsBetter: true },
  satisfaction: { key: 'satisfaction', format: 'percent', higherIsBetter: true },
};

/** The city overview's ten tiles. */
export const OVERVIEW_KPIS: readonly KpiKey[] = [
  'received', 'resolved', 'progressRate', 'onTimeRate', 'overdue',
  'onlineShare', 'onlinePaymentShare', 'digitizedShare', 'feedbackResolvedRate', 'satisfaction',
];

/** One procedure's city totals: its dossiers' counters (feedback and ratings are not kept by procedure). */
export const PROCEDURE_KPIS: readonly KpiKey[] = ['received', 'resolved', 'resolvedLate', 'onTimeRate', 'pending', 'overdue'];

/** 'neutral': changed, where a change is neither good nor bad news (`higherIsBetter` null). */
export type Trend = 'better' | 'worse' | 'same' | 'neutral';

export interface KpiTile extends KpiDefinition {
  value: number | null;
  previous: number | null;
  /** current − previous: a count difference, or percentage points for rates; null when either is missing. */
  change: number | null;
  trend: Trend | null;
}

/**
 * Whether a period holds any figures at all. One that does not is a time before the source systems reported here (last
 * year, in the first year of use), not a quiet one: a working city always has dossiers open. Compared with it, "Năm
 * nay" read ▲ +206.389 received and ▲ +187 overdue.
 */
export function hasFigures(m: Metrics): boolean {
  return m.received + m.resolved + m.pending + m.feedbackReceived + m.ratings > 0;
}

/** The tiles of `keys` (the overview's unless told), in that order, each with its change against `previous`. */
export function kpiTiles(current: Metrics, previous: Metrics | null, keys: readonly KpiKey[] = OVERVIEW_KPIS): KpiTile[] {
  const compared = previous && hasFigures(previous) ? previous : null;
  return keys.map((key) => {
    const def = DEFINITIONS[key];
    const value = current[key];
    const before = compared ? compared[key] : null;
    if (value === null || before === null) return { ...def, value, previous: before, change: null, trend: null };
    const change = def.format === 'percent' ? (value - before) * 100 : value - before;
    const rounded = Math.round(change * 10) / 10;
    const trend: Trend = rounded === 0 ? 'same' : def.higherIsBetter === null ? 'neutral' : (rounded > 0) === def.higherIsBetter ? 'better' : 'worse';
    return { ...def, value, previous: before, change, trend };
  });
}

/** The arrow follows the change as shown: a rate up by 0.04 points reads '■ 0,0' (its trend is 'same'), not '▲ 0,0'. */
export function changeArrow(change: number, trend: Trend | null): '▲' | '▼' | '■' {
  return trend === 'same' || change === 0 ? '■' : change > 0 ? '▲' : '▼';
}
