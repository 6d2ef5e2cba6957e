/**
 * The figure definitions of CONTRACT.md and the composite score of DOMAIN.md, as pure functions.
 * Every path that produces a figure (snapshots, live updates, the client's explanations) goes through here.
 */
import { tzOffset } from '@date-fns/tz';

/** Counters kept per unit and period; every metric is derived from these. */
export interface MetricCounts {
  received: number;
  receivedOnline: number;
  /** received with `payment` ≠ `none` */
  receivedPayable: number;
  receivedPaidOnline: number;
  receivedDigitized: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  pending: number;
  overdue: number;
  apologies: number;
  feedbackReceived: number;
  feedbackResolved: number;
  ratings: number;
  /** ratings with score ≥ 4 */
  ratingsSatisfied: number;
}

export const COUNT_KEYS = [
  'received', 'receivedOnline', 'receivedPayable', 'receivedPaidOnline', 'receivedDigitized',
  'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'pending', 'overdue', 'apologies',
  'feedbackReceived', 'feedbackResolved', 'ratings', 'ratingsSatisfied',
] as const satisfies readonly (keyof MetricCounts)[];

/** The metrics of a unit or of the total, exactly as CONTRACT.md names them. */
export interface Metrics {
  received: number;
  resolved: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  onTimeRate: number | null;
  pending: number;
  overdue: number;
  onlineShare: number | null;
  onlinePaymentShare: number | null;
  digitizedShare: number | null;
  progressRate: number | null;
  apologies: number;
  feedbackReceived: number;
  feedbackResolved: number;
  feedbackResolvedRate: number | null;
  ratings: number;
  satisfaction: number | null;
}

export const GRADES = ['excellent', 'good', 'fair', 'average', 'weak'] as const;
export type Grade = (typeof GRADES)[number];

export const SCORE_COMPONENTS = ['progress', 'online', 'payment', 'digitization', 'feedback', 'satisfaction'] as const;
export type ScoreComponent = (typeof SCORE_COMPONENTS)[number];

export interface ScoringConfig {
  points: Record<ScoreComponent, number>;
  /** The share at which a component earns full marks (1 for plain rates). */
  fullMarksAt: Record<ScoreComponent, number>;
  /** Lowest score of each band but the last, highest band first. */
  bands: { grade: Exclude<Grade, 'weak'>; min: number }[];
}

export const DEFAULT_SCORING: ScoringConfig = {
  points: { progress: 20, online: 12, payment: 10, digitization: 22, feedback: 6, satisfaction: 12 },
  fullMarksAt: { progress: 1, online: 0.5, payment: 0.5, digitization: 0.8, feedback: 1, satisfaction: 0.9 },
  bands: [
    { grade: 'excellent', min: 90 },
    { grade: 'good', min: 80 },
    { grade: 'fair', min: 70 },
    { grade: 'average', min: 50 },
  ],
};

export function emptyCounts(): MetricCounts {
  return Object.fromEntries(COUNT_KEYS.map((key) => [key, 0])) as Record<keyof MetricCounts, number>;
}

export function addCounts(into: MetricCounts, other: MetricCounts): MetricCounts {
  for (const key of COUNT_KEYS) into[key] += other[key];
  return into;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function metricsFromCounts(c: MetricCounts): Metrics {
  return {
    received: c.received,
    resolved: c.resolved,
    resolvedEarly: c.resolvedEarly,
    resolvedOnTime: c.resolvedOnTime,
    resolvedLate: c.resolvedLate,
    onTimeRate: ratio(c.resolvedOnTime, c.resolved),
    pending: c.pending,
    overdue: c.overdue,
    onlineShare: ratio(c.receivedOnline, c.received),
    onlinePaymentShare: ratio(c.receivedPaidOnline, c.receivedPayable),
    digitizedShare: ratio(c.receivedDigitized, c.received),
    progressRate: ratio(c.resolvedOnTime + c.pending - c.overdue, c.resolved + c.pending),
    apologies: c.apologies,
    feedbackReceived: c.feedbackReceived,
    feedbackResolved: c.feedbackResolved,
    feedbackResolvedRate: ratio(c.feedbackResolved, c.feedbackReceived),
    ratings: c.ratings,
    satisfaction: ratio(c.ratingsSatisfied, c.ratings),
  };
}

/** The share each score component is computed from. */
export function componentShares(m: Metrics): Record<ScoreComponent, number | null> {
  return {
    progress: m.progressRate,
    online: m.onlineShare,
    payment: m.onlinePaymentShare,
    digitization: m.digitizedShare,
    feedback: m.feedbackResolvedRate,
    satisfaction: m.satisfaction,
  };
}

/** Each component's value in [0, 1], or null when it has no data. */
export function componentValues(m: Metrics, scoring: ScoringConfig = DEFAULT_SCORING): Record<ScoreComponent, number | null> {
  const shares = componentShares(m);
  const values = {} as Record<ScoreComponent, number | null>;
  for (const component of SCORE_COMPONENTS) {
    const share = shares[component];
    values[component] = share === null ? null : Math.min(1, share / scoring.fullMarksAt[component]);
  }
  return values;
}

/**
 * Scores are kept to this many decimals: the weighted sum carries floating-point noise (7 of 10 feedback items
 * resolved scored 69.99999999999999, graded "average" instead of "fair"; two equal scores differed in the last
 * digit and so were not a tie). No input of the score has finer meaning, and the UI shows one decimal.
 */
const SCORE_DECIMALS = 9;

/** `100 × Σ(points × value) / Σ(points)` over the components with data, to SCORE_DECIMALS; null when none has. */
export function score(m: Metrics, scoring: ScoringConfig = DEFAULT_SCORING): number | null {
  const values = componentValues(m, scoring);
  let earned = 0;
  let possible = 0;
  for (const component of SCORE_COMPONENTS) {
    const value = values[component];
    if (value === null) continue;
    earned += scoring.points[component] * value;
    possible += scoring.points[component];
  }
  return possible === 0 ? null : Number(((100 * earned) / possible).toFixed(SCORE_DECIMALS));
}

export function grade(value: number | null, scoring: ScoringConfig = DEFAULT_SCORING): Grade | null {
  if (value === null) return null;
  return scoring.bands.find((band) => value >= band.min)?.grade ?? 'weak';
}

export interface Rankable {
  code: string;
  score: number | null;
  onTimeRate: number | null;
}

function descendingNullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/** Orders units by score descending, then onTimeRate descending (null last), then code; null scores last. */
export function compareForRank(a: Rankable, b: Rankable): number {
  return (
    descendingNullsLast(a.score, b.score) ||
    descendingNullsLast(a.onTimeRate, b.onTimeRate) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

export type Resolution = 'early' | 'on_time' | 'late';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Zone offsets change only on quarter hours (of UTC, too: every offset in use is a multiple of 15 minutes). */
const SLOT_MS = 15 * MINUTE_MS;
const offsetsByZone = new Map<string, Map<number, number>>();

/** The zone's offset from UTC at an instant, in ms; cached per quarter hour, as the fold asks for it per dossier. */
function zoneOffset(ms: number, timeZone: string): number {
  let offsets = offsetsByZone.get(timeZone);
  if (!offsets || offsets.size > 200_000) {
    offsets = new Map();
    offsetsByZone.set(timeZone, offsets);
  }
  const slot = Math.floor(ms / SLOT_MS);
  let offset = offsets.get(slot);
  if (offset === undefined) {
    offset = tzOffset(timeZone, new Date(slot * SLOT_MS)) * MINUTE_MS;
    offsets.set(slot, offset);
  }
  return offset;
}

/** Days since 1970-01-01 of an instant's local calendar date in a time zone. */
function localDayNumber(ms: number, timeZone: string): number {
  return Math.floor((ms + zoneOffset(ms, timeZone)) / DAY_MS);
}

/** Local calendar date (yyyy-MM-dd) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(localDayNumber(instant.getTime(), timeZone) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * early: resolved on a calendar day before the calendar day of dueAt; on_time: at or before dueAt; late: after.
 * Early dossiers also count as on time.
 */
export function classifyResolution(resolvedAt: Date, dueAt: Date, timeZone: string): Resolution {
  if (resolvedAt.getTime() > dueAt.getTime()) return 'late';
  return localDayNumber(resolvedAt.getTime(), timeZone) < localDayNumber(dueAt.getTime(), timeZone) ? 'early' : 'on_time';
}
