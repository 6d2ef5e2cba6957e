import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING, score } from '../../../shared/figures.js';
import { explainScore } from './explain.js';
import { metrics } from './fixtures.js';

describe('explainScore', () => {
  it('adds up to the shared score', () => {
    const m = metrics();
    const e = explainScore(m, DEFAULT_SCORING);
    const earned = e.components.reduce((s, c) => s + (c.earned ?? 0), 0);
    expect(e.possible).toBe(82);
    expect((100 * earned) / e.possible).toBeCloseTo(score(m) ?? Number.NaN);
    expect(e.components.find((c) => c.component === 'digitization')).toMatchObject({ share: 0.6, fullMarksAt: 0.8, points: 22 });
  });

  it('leaves components without data out of the possible points', () => {
    const e = explainScore(metrics({ satisfaction: null, feedbackResolvedRate: null }), DEFAULT_SCORING);
    expect(e.possible).toBe(64);
    expect(e.components.find((c) => c.component === 'satisfaction')?.earned).toBeNull();
  });

  it('says what reaching the next band takes, and the improvement really gets there', () => {
    const m = metrics();
    const e = explainScore(m, DEFAULT_SCORING);
    expect(e.grade).toBe('good');
    expect(e.next).toMatchObject({ grade: 'excellent', min: 90 });
    const steps = e.next?.improvements ?? [];
    expect(steps.map((s) => s.component)).toEqual(['digitization', 'payment']);
    const shareOf = { digitization: 'digitizedShare', payment: 'onlinePaymentShare' } as const;
    const improved = { ...m };
    for (const step of steps) {
      if (step.component === 'digitization' || step.component === 'payment') improved[shareOf[step.component]] = step.targetShare;
    }
    expect(score(improved)).toBeCloseTo(90);
  });

  it('has no next band at the top, and nothing without data', () => {
    const top = metrics({ progressRate: 1, onlineShare: 0.6, onlinePaymentShare: 0.6, digitizedShare: 0.9, feedbackResolvedRate: 1, satisfaction: 0.95 });
    expect(explainScore(top, DEFAULT_SCORING)).toMatchObject({ score: 100, grade: 'excellent', next: null });
    const none = metrics({ progressRate: null, onlineShare: null, onlinePaymentShare: null, digitizedShare: null, feedbackResolvedRate: null, satisfaction: null });
    expect(explainScore(none, DEFAULT_SCORING)).toMatchObject({ score: null, grade: null, next: null });
  });
});
