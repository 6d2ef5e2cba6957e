import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING, score } from '../../../shared/figures.js';
import { bestAndWorst, channelMix, cityTrend, feedbackBars, rateAxis, sparklinePoints, unitComparison, unitTrend, withLiveTail, worstProcedures } from './charts.js';
import { metrics, unit } from './fixtures.js';

describe('trend rows', () => {
  it('turn rates into percent and keep the bucket start as key', () => {
    const rows = cityTrend([{ t: '2026-11-24T08:00:00+07:00', total: metrics({ progressRate: 0.87114, onTimeRate: null }) }], (t) => t.slice(11, 16));
    expect(rows).toEqual([{ t: '2026-11-24T08:00:00+07:00', label: '08:00', received: 100, resolved: 80, progressRate: 87.11, onTimeRate: null }]);
    const unitRows = unitTrend([{ t: 'x', received: 3, resolved: 2, resolvedOnTime: 1, resolvedLate: 1, onTimeRate: 0.5 }], () => 'L');
    expect(unitRows[0]).toMatchObject({ onTimeRate: 50, progressRate: null });
  });
});

describe('channelMix and feedbackBars', () => {
  it('split received dossiers by channel', () => {
    expect(channelMix(metrics({ received: 10, onlineShare: 0.33 }))).toEqual([{ key: 'online', value: 3 }, { key: 'offline', value: 7 }]);
    expect(channelMix(metrics({ received: 0, onlineShare: null }))).toEqual([]);
  });
  it('split feedback into handled and in progress', () => {
    expect(feedbackBars(metrics({ feedbackReceived: 6, feedbackResolved: 5 }))).toEqual([
      { key: 'feedbackResolved', value: 5 }, { key: 'feedbackPending', value: 1 },
    ]);
  });
});

describe('bestAndWorst', () => {
  it('never lists a unit twice and skips unscored units', () => {
    const units = [unit('A', 1), unit('B', 2), unit('C', 3), unit('D', 4, { score: null })];
    expect(bestAndWorst(units, 2)).toEqual({ best: [units[0], units[1]], worst: [units[2]] });
    const many = Array.from({ length: 12 }, (_, i) => unit(`U${i + 1}`, i + 1));
    expect(bestAndWorst(many, 5).worst.map((u) => u.rank)).toEqual([12, 11, 10, 9, 8]);
  });
});

describe('unitComparison', () => {
  it('scores the city total and averages the other peers', () => {
    const me = unit('A', 1, { score: 90, onTimeRate: 1 });
    const rows = unitComparison(me, metrics(), [me, unit('B', 2, { score: 70, onTimeRate: 0.8 }), unit('C', 3, { score: 80, onTimeRate: null })], DEFAULT_SCORING);
    expect(rows[0]).toEqual({ key: 'score', unit: 90, city: score(metrics()), peers: 75 });
    expect(rows.find((r) => r.key === 'onTimeRate')).toEqual({ key: 'onTimeRate', unit: 1, city: 0.95, peers: 0.8 });
  });
});

describe('worstProcedures', () => {
  it('orders by late plus overdue and drops clean procedures', () => {
    const procs = [
      { ...metrics({ resolvedLate: 1, overdue: 0 }), procedureCode: 'P1' },
      { ...metrics({ resolvedLate: 0, overdue: 0 }), procedureCode: 'P2' },
      { ...metrics({ resolvedLate: 2, overdue: 3 }), procedureCode: 'P3' },
    ];
    expect(worstProcedures(procs).map((p) => p.procedureCode)).toEqual(['P3', 'P1']);
  });
});

describe('withLiveTail', () => {
  const buckets = [
    { t: 'h8', total: metrics({ received: 10, resolved: 4 }) },
    { t: 'h9', total: metrics({ received: 5, resolved: 1 }) },
  ];
  it('puts what the live total gained into the last bucket', () => {
    const rows = withLiveTail(buckets, metrics({ received: 18, resolved: 7 }));
    expect(rows.map((b) => [b.total.received, b.total.resolved])).toEqual([[10, 4], [8, 3]]);
  });
  it('keeps the buckets when the live total is behind them (an older snapshot) or missing', () => {
    expect(withLiveTail(buckets, metrics({ received: 14, resolved: 5 }))[1]?.total.received).toBe(5);
    expect(withLiveTail(buckets, null)).toEqual(buckets);
  });
});

describe('rateAxis', () => {
  const rows = (...rates: (number | null)[]) => rates.map((rate, i) => ({ t: String(i), label: String(i), received: 0, resolved: 0, progressRate: null, onTimeRate: rate }));

  it('starts at 90 % while every rate is 95 % or more, so a dip shows', () => {
    expect(rateAxis(rows(99.2, 95, null, 100))).toEqual({ floor: 90, ticks: [90, 95, 100] });
  });

  it('starts at a multiple of 10 at least 5 points under the lowest rate, down to 60 %', () => {
    expect(rateAxis(rows(94.9, 99))).toEqual({ floor: 80, ticks: [80, 90, 100] });
    expect(rateAxis(rows(85, 99))).toEqual({ floor: 80, ticks: [80, 90, 100] });
    expect(rateAxis(rows(65, 99))).toEqual({ floor: 60, ticks: [60, 70, 80, 90, 100] });
  });

  it('starts at 0 below that, and with no rate at all', () => {
    expect(rateAxis(rows(64.9))).toEqual({ floor: 0, ticks: [0, 25, 50, 75, 100] });
    expect(rateAxis(rows(null, null))).toEqual({ floor: 0, ticks: [0, 25, 50, 75, 100] });
    expect(rateAxis([{ t: '0', label: '0', received: 1, resolved: 1, progressRate: 97, onTimeRate: 40 }])).toMatchObject({ floor: 0 });
  });
});

describe('sparklinePoints', () => {
  const ys = (points: string) => points.split(' ').map((p) => Number(p.split(',')[1]));

  it('fills the box with a line that moves more than the smallest span', () => {
    expect(sparklinePoints([60, 80, 70], 80, 22, 10)).toBe('1.0,21.0 40.0,1.0 79.0,11.0');
  });

  it('keeps a line that moves less than the smallest span near the middle, and a flat one in it', () => {
    expect(ys(sparklinePoints([90, 91], 80, 22, 10))).toEqual([12, 10]);
    expect(ys(sparklinePoints([85, 85, 85], 80, 22, 10))).toEqual([11, 11, 11]);
    expect(ys(sparklinePoints([85, 85], 80, 22))).toEqual([11, 11]);
  });
});
