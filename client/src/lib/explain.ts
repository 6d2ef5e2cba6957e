/**
 * The score explained component by component (DOMAIN.md), and what it would take to reach the next band.
 * Uses shared/figures.ts so the explanation can never drift from how the server scores.
 */
import { componentShares, componentValues, grade, score, SCORE_COMPONENTS, type Grade, type Metrics, type ScoreComponent, type ScoringConfig } from '../../../shared/figures.js';

export interface ComponentExplanation {
  component: ScoreComponent;
  share: number | null;
  fullMarksAt: number;
  value: number | null;
  points: number;
  /** points × value; null when the component has no data (and then it does not count at all). */
  earned: number | null;
}

export interface Improvement {
  component: ScoreComponent;
  /** The share the component would need (e.g. 0.45 online), every other component unchanged. */
  targetShare: number;
}

export interface ScoreExplanation {
  components: ComponentExplanation[];
  score: number | null;
  grade: Grade | null;
  /** Points possible over the components with data; the score is 100 × earned / possible. */
  possible: number;
  next: { grade: Grade; min: number; scoreGap: number; improvements: Improvement[] } | null;
}

export function explainScore(m: Metrics, scoring: ScoringConfig): ScoreExplanation {
  const shares = componentShares(m);
  const values = componentValues(m, scoring);
  const components = SCORE_COMPONENTS.map((component): ComponentExplanation => {
    const value = values[component];
    const points = scoring.points[component];
    return { component, share: shares[component], fullMarksAt: scoring.fullMarksAt[component], value, points, earned: value === null ? null : points * value };
  });
  const total = score(m, scoring);
  const possible = components.reduce((sum, c) => sum + (c.earned === null ? 0 : c.points), 0);
  const explanation: ScoreExplanation = { components, score: total, grade: grade(total, scoring), possible, next: null };
  if (total === null) return explanation;

  // Bands run highest first: the next one up is the lowest band whose minimum is above the score.
  const above = scoring.bands.filter((band) => band.min > total);
  const target = above[above.length - 1];
  if (!target) return explanation;
  const scoreGap = target.min - total;
  explanation.next = { grade: target.grade, min: target.min, scoreGap, improvements: improvements(components, (scoreGap * possible) / 100) };
  return explanation;
}

/** Greedy: raise the components with the most points left first, until the missing points are covered. */
function improvements(components: ComponentExplanation[], pointsNeeded: number): Improvement[] {
  const open = components
    .filter((c): c is ComponentExplanation & { value: number; earned: number } => c.value !== null && c.earned !== null && c.value < 1)
    .sort((a, b) => b.points - b.earned - (a.points - a.earned));
  const result: Improvement[] = [];
  let missing = pointsNeeded;
  for (const c of open) {
    if (missing <= 1e-9) break;
    const headroom = c.points - c.earned;
    const gain = Math.min(headroom, missing);
    result.push({ component: c.component, targetShare: Math.min(c.fullMarksAt, (c.value + gain / c.points) * c.fullMarksAt) });
    missing -= gain;
  }
  return result;
}
