/** Shaping figures into the plain rows the chart components render. Pure, so it is tested without a browser. */
import { score, type Metrics, type ScoringConfig } from '../../../shared/figures.js';
import type { SeriesPoint, UnitFigures } from '../../../shared/snapshot.js';

export interface TrendRow {
  /** Start of the bucket, ISO; stable key for the chart. */
  t: string;
  label: string;
  received: number;
  resolved: number;
  /** In percent (0–100) for the axis; null when there is nothing to rate. */
  progressRate: number | null;
  onTimeRate: number | null;
}

const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);

/** One row per bucket of the city's totals. */
export function cityTrend(buckets: readonly { t: string; total: Metrics }[], label: (iso: string) => string): TrendRow[] {
  return buckets.map(({ t, total }) => ({
    t, label: label(t), received: total.received, resolved: total.resolved,
    progressRate: pct(total.progressRate), onTimeRate: pct(total.onTimeRate),
  }));
}

/** A unit's own series (hourly today, daily otherwise); it has no progress rate per point. */
export function unitTrend(points: readonly SeriesPoint[], label: (iso: string) => string): TrendRow[] {
  return points.map((p) => ({
    t: p.t, label: label(p.t), received: p.received, resolved: p.resolved, progressRate: null, onTimeRate: pct(p.onTimeRate),
  }));
}

/** The rates chart's value axis: where it starts and its ticks, in percent. */
export interface RateAxis {
  floor: number;
  ticks: number[];
}

/**
 * On a good day every rate sits near 100 %, and on an axis from 0 a dip from 99 to 92 % — what moves a 766 score —
 * is a hair's breadth on the wall. So the axis starts at least 5 points under the lowest rate shown, at a round
 * step: 90 % (ticks every 5) while every rate is 95 % or more, a multiple of 10 down to 60 % (ticks every 10), 0
 * below that (ticks every 25). The ticks are few enough for a short chart to show them all.
 */
export function rateAxis(rows: readonly TrendRow[]): RateAxis {
  const rates = rows.flatMap((r) => [r.progressRate, r.onTimeRate]).filter((rate): rate is number => rate !== null);
  const lowest = rates.length === 0 ? 0 : Math.min(...rates) - 5;
  const [floor, step] = lowest >= 90 ? [90, 5] : lowest >= 60 ? [Math.floor(lowest / 10) * 10, 10] : [0, 25];
  const ticks: number[] = [];
  for (let tick = floor; tick <= 100; tick += step) ticks.push(tick);
  return { floor, ticks };
}

/**
 * Brings the last bucket up to the live total: buckets partition the period, so the last one's counts are
 * the live total minus all the others. Rates cannot be split that way and keep their last read value.
 */
export function withLiveTail(buckets: readonly { t: string; total: Metrics }[], live: Metrics | null): { t: string; total: Metrics }[] {
  const last = buckets[buckets.length - 1];
  if (!live || !last) return [...buckets];
  const before = buckets.slice(0, -1);
  const received = live.received - before.reduce((s, b) => s + b.total.received, 0);
  const resolved = live.resolved - before.reduce((s, b) => s + b.total.resolved, 0);
  if (received < last.total.received || resolved < last.total.resolved) return [...buckets];
  return [...before, { t: last.t, total: { ...last.total, received, resolved } }];
}

export interface Slice {
  key: 'online' | 'offline';
  value: number;
}

/** Dossiers received online vs at the counter or by post, from the online share. */
export function channelMix(m: Metrics): Slice[] {
  if (m.received === 0 || m.onlineShare === null) return [];
  const online = Math.round(m.received * m.onlineShare);
  return [{ key: 'online', value: online }, { key: 'offline', value: m.received - online }];
}

export function feedbackBars(m: Metrics): { key: 'feedbackResolved' | 'feedbackPending'; value: number }[] {
  if (m.feedbackReceived === 0) return [];
  return [
    { key: 'feedbackResolved', value: m.feedbackResolved },
    { key: 'feedbackPending', value: m.feedbackReceived - m.feedbackResolved },
  ];
}

/** The best and the worst scored units (worst first in its list); units without a score are in neither. */
export function bestAndWorst(units: readonly UnitFigures[], n = 5): { best: UnitFigures[]; worst: UnitFigures[] } {
  const scored = units.filter((u) => u.score !== null).sort((a, b) => a.rank - b.rank);
  const best = scored.slice(0, n);
  const worst = scored.slice(Math.max(best.length, scored.length - n)).reverse();
  return { best, worst };
}

type RateKey = 'progressRate' | 'onTimeRate' | 'onlineShare' | 'onlinePaymentShare' | 'digitizedShare' | 'feedbackResolvedRate' | 'satisfaction';
export const COMPARED_RATES: readonly RateKey[] = ['progressRate', 'onTimeRate', 'onlineShare', 'onlinePaymentShare', 'digitizedShare', 'feedbackResolvedRate', 'satisfaction'];

export interface ComparisonRow {
  key: 'score' | RateKey;
  unit: number | null;
  city: number | null;
  peers: number | null;
}

function mean(values: (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : present.reduce((s, v) => s + v, 0) / present.length;
}

/**
 * A unit against the city (its aggregate figures, scored the same way) and against its peers
 * (the plain mean over units of the same kind, the unit itself excluded).
 */
export function unitComparison(unit: UnitFigures, cityTotal: Metrics, peers: readonly UnitFigures[], scoring: ScoringConfig): ComparisonRow[] {
  const others = peers.filter((p) => p.code !== unit.code);
  return [
    { key: 'score', unit: unit.score, city: score(cityTotal, scoring), peers: mean(others.map((p) => p.score)) },
    ...COMPARED_RATES.map((key) => ({ key, unit: unit[key], city: cityTotal[key], peers: mean(others.map((p) => p[key])) })),
  ];
}

/** Procedures with late or overdue dossiers, worst first; at most n. */
export function worstProcedures<T extends Metrics & { procedureCode: string }>(procedures: readonly T[], n = 8): T[] {
  return procedures
    .filter((p) => p.resolvedLate + p.overdue > 0)
    .sort((a, b) => b.resolvedLate + b.overdue - (a.resolvedLate + a.overdue) || a.procedureCode.localeCompare(b.procedureCode))
    .slice(0, n);
}

/**
 * A sparkline's points in a `width` × `height` box (1 px margin), as SVG's `points` attribute. The height stands for
 * at least `minSpan` in the values' unit, the values centred in it, so that a line moving by a point or two stays
 * nearly flat instead of filling the box as a fall of twenty would.
 */
export function sparklinePoints(values: readonly number[], width: number, height: number, minSpan = 0): string {
  const max = Math.max(...values);
  const min = Math.min(...values);
  const span = Math.max(max - min, minSpan) || 1;
  const bottom = (min + max - span) / 2;
  const x = (i: number) => (values.length > 1 ? (i / (values.length - 1)) * (width - 2) + 1 : width / 2);
  const y = (v: number) => height - 1 - ((v - bottom) / span) * (height - 2);
  return values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
}
