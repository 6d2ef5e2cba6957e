/** The city's KPI tiles: which metric, how it is shown, and its change against the previous period. */
import type { Metrics } from '../../../shared/figures.js';

export type KpiKey =
  | 'received' | 'resolved' | 'progressRate' | 'onTimeRate' | 'overdue'
  | 'onlineShare' | 'onlinePaymentShare' | 'digitizedShare' | 'feedbackResolvedRate' | 'satisfaction';

export interface KpiDefinition {
  key: KpiKey;
  format: 'count' | 'percent';
  /** Whether a rise is good news (overdue is the one where it is not). */
  higherIsBetter: boolean;
}

export const KPIS: readonly KpiDefinition[] = [
  { key: 'received', format: 'count', higherIsBetter: true },
  { key: 'resolved', format: 'count', higherIsBetter: true },
  { key: 'progressRate', format: 'percent', higherIsBetter: true },
  { key: 'onTimeRate', format: 'percent', higherIsBetter: true },
  { key: 'overdue', format: 'count', higherIsBetter: false },
  { key: 'onlineShare', format: 'percent', higherIsBetter: true },
  { key: 'onlinePaymentShare', format: 'percent', higherIsBetter: true },
  { key: 'digitizedShare', format: 'percent', higherIsBetter: true },
  { key: 'feedbackResolvedRate', format: 'percent', higherIsBetter: true },
  { key: 'satisfaction', format: 'percent', higherIsBetter: true },
];

export type Trend = 'better' | 'worse' | 'same';

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

export function kpiTiles(current: Metrics, previous: Metrics | null): KpiTile[] {
  const compared = previous && hasFigures(previous) ? previous : null;
  return KPIS.map((def) => {
    const value = current[def.key];
    const before = compared ? compared[def.key] : null;
    if (value === null || before === null) return { ...def, value, previous: before, change: null, trend: null };
    const change = def.format === 'percent' ? (value - before) * 100 : value - before;
    const rounded = Math.round(change * 10) / 10;
    const trend: Trend = rounded === 0 ? 'same' : (rounded > 0) === def.higherIsBetter ? 'better' : 'worse';
    return { ...def, value, previous: before, change, trend };
  });
}

/** The arrow follows the change as shown: a rate up by 0.04 points reads '■ 0,0' (its trend is 'same'), not '▲ 0,0'. */
export function changeArrow(change: number, trend: Trend | null): '▲' | '▼' | '■' {
  return trend === 'same' || change === 0 ? '■' : change > 0 ? '▲' : '▼';
}
