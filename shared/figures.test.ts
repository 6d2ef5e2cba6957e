import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect, it } from 'vitest';
import {
  classifyResolution,
  localDate,
  compareForRank,
  componentValues,
  emptyCounts,
  grade,
  metricsFromCounts,
  score,
  type MetricCounts,
  type Metrics,
  type Rankable,
} from './figures.js';

const TZ = 'Asia/Ho_Chi_Minh';
const counts = (c: Partial<MetricCounts>): MetricCounts => ({ ...emptyCounts(), ...c });
const metrics = (m: Partial<Metrics>): Metrics => ({ ...metricsFromCounts(emptyCounts()), ...m });

describe('metricsFromCounts', () => {
  it('passes counters through and derives every rate', () => {
    const m = metricsFromCounts(
      counts({
        received: 8, receivedOnline: 2, receivedPayable: 4, receivedPaidOnline: 1, receivedDigitized: 6,
        resolved: 5, resolvedEarly: 1, resolvedOnTime: 4, resolvedLate: 1, pending: 3, overdue: 1, apologies: 2,
        feedbackReceived: 4, feedbackResolved: 3, ratings: 5, ratingsSatisfied: 4,
      }),
    );
    expect(m).toEqual({
      received: 8, resolved: 5, resolvedEarly: 1, resolvedOnTime: 4, resolvedLate: 1,
      onTimeRate: 0.8, pending: 3, overdue: 1,
      onlineShare: 0.25, onlinePaymentShare: 0.25, digitizedShare: 0.75,
      // (4 + 3 − 1) / (5 + 3)
      progressRate: 0.75,
      apologies: 2, feedbackReceived: 4, feedbackResolved: 3, feedbackResolvedRate: 0.75, ratings: 5, satisfaction: 0.8,
    });
  });

  it('answers null for every rate whose denominator is zero', () => {
    const m = metricsFromCounts(emptyCounts());
    for (const rate of ['onTimeRate', 'onlineShare', 'onlinePaymentShare', 'digitizedShare', 'progressRate', 'feedbackResolvedRate', 'satisfaction'] as const) {
      expect(m[rate], rate).toBeNull();
    }
    for (const count of ['received', 'resolved', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'pending', 'overdue', 'apologies', 'feedbackReceived', 'feedbackResolved', 'ratings'] as const) {
      expect(m[count], count).toBe(0);
    }
  });

  it.each([
    ['onTimeRate null without resolved', counts({ received: 3, pending: 3 }), 'onTimeRate', null],
    ['onlinePaymentShare null when every dossier is fee-free', counts({ received: 3, receivedOnline: 3 }), 'onlinePaymentShare', null],
    ['onlinePaymentShare 0 when payable but none paid online', counts({ received: 3, receivedPayable: 2 }), 'onlinePaymentShare', 0],
    ['progressRate from pending alone', counts({ pending: 4, overdue: 1 }), 'progressRate', 0.75],
    ['progressRate from resolved alone', counts({ resolved: 4, resolvedOnTime: 1 }), 'progressRate', 0.25],
    ['progressRate null with neither', counts({ received: 0, apologies: 1 }), 'progressRate', null],
    ['feedbackResolvedRate null without feedback', counts({ ratings: 1, ratingsSatisfied: 1 }), 'feedbackResolvedRate', null],
    ['satisfaction null without ratings', counts({ feedbackReceived: 1 }), 'satisfaction', null],
    ['satisfaction 0 when nobody is satisfied', counts({ ratings: 2 }), 'satisfaction', 0],
  ] as const)('%s', (_name, c, key, expected) => {
    expect(metricsFromCounts(c)[key]).toBe(expected);
  });
});

describe('componentValues', () => {
  it.each([
    // share, component metric, expected value
    ['online below full marks', { onlineShare: 0.25 }, 'online', 0.5],
    ['online at full marks (50 %)', { onlineShare: 0.5 }, 'online', 1],
    ['online capped above 50 %', { onlineShare: 0.9 }, 'online', 1],
    ['payment capped above 50 %', { onlinePaymentShare: 0.75 }, 'payment', 1],
    ['payment below', { onlinePaymentShare: 0.2 }, 'payment', 0.4],
    ['digitization below 80 %', { digitizedShare: 0.4 }, 'digitization', 0.5],
    ['digitization capped at 80 %', { digitizedShare: 0.8 }, 'digitization', 1],
    ['digitization capped above', { digitizedShare: 1 }, 'digitization', 1],
    ['satisfaction below 90 %', { satisfaction: 0.45 }, 'satisfaction', 0.5],
    ['satisfaction capped at 90 %', { satisfaction: 0.95 }, 'satisfaction', 1],
    ['progress is the plain rate', { progressRate: 0.7 }, 'progress', 0.7],
    ['feedback is the plain rate', { feedbackResolvedRate: 0.6 }, 'feedback', 0.6],
  ] as const)('%s', (_name, m, component, expected) => {
    expect(componentValues(metrics(m))[component]).toBeCloseTo(expected, 12);
  });

  it('leaves components without data null', () => {
    expect(componentValues(metrics({ onlineShare: 0.5 }))).toEqual({
      progress: null, online: 1, payment: null, digitization: null, feedback: null, satisfaction: null,
    });
  });
});

describe('score', () => {
  it.each([
    ['no data at all', {}, null],
    ['every component full', { progressRate: 1, onlineShare: 0.5, onlinePaymentShare: 0.5, digitizedShare: 0.8, feedbackResolvedRate: 1, satisfaction: 0.9 }, 100],
    ['every component zero', { progressRate: 0, onlineShare: 0, onlinePaymentShare: 0, digitizedShare: 0, feedbackResolvedRate: 0, satisfaction: 0 }, 0],
    // only progress (20 points): 100 × 20 × 0.5 / 20
    ['progress only', { progressRate: 0.5 }, 50],
    // progress 20 × 1 + digitization 22 × 0.5 = 31 over 42 points
    ['progress and digitization', { progressRate: 1, digitizedShare: 0.4 }, (100 * 31) / 42],
    // online 12 × 1 + satisfaction 12 × 0 = 12 over 24
    ['online and satisfaction', { onlineShare: 0.7, satisfaction: 0 }, 50],
    // all six: 20×0.75 + 12×0.5 + 10×1 + 22×0.5 + 6×0.5 + 12×(0.72/0.9=0.8) = 15+6+10+11+3+9.6 = 54.6 over 82
    ['all six, mixed', { progressRate: 0.75, onlineShare: 0.25, onlinePaymentShare: 0.6, digitizedShare: 0.4, feedbackResolvedRate: 0.5, satisfaction: 0.72 }, (100 * 54.6) / 82],
  ] as const)('%s', (_name, m, expected) => {
    const value = score(metrics(m));
    if (expected === null) expect(value).toBeNull();
    else expect(value).toBeCloseTo(expected, 9);
  });

  it('is free of floating-point noise at a band edge: 7 of 10 feedback items resolved is exactly 70, "fair"', () => {
    const value = score(metricsFromCounts(counts({ feedbackReceived: 10, feedbackResolved: 7 })));
    expect(value).toBe(70);
    expect(grade(value)).toBe('fair');
  });

  it('gives equal scores for equal figures reached by different sums, so ties fall to onTimeRate', () => {
    // Every k/n feedback rate (n ≤ 200) and satisfaction share against the same value computed another way.
    for (let n = 1; n <= 200; n++) {
      for (let k = 0; k <= n; k++) {
        const feedback = score(metricsFromCounts(counts({ feedbackReceived: n, feedbackResolved: k })));
        expect(feedback).toBe(Number(((100 * k) / n).toFixed(9)));
        expect(grade(feedback)).toBe(grade((100 * k) / n + 1e-12));
      }
    }
    const a = score(metrics({ progressRate: 10 / 13, onlineShare: 0.5 * (10 / 13) }));
    const b = score(metrics({ progressRate: 10 / 13 }));
    expect(a).toBe(b);
  });
});

describe('grade', () => {
  it.each([
    [null, null],
    [100, 'excellent'],
    [90, 'excellent'],
    [89.999, 'good'],
    [80, 'good'],
    [79.99, 'fair'],
    [70, 'fair'],
    [69.99, 'average'],
    [50, 'average'],
    [49.99, 'weak'],
    [0, 'weak'],
  ] as const)('%s → %s', (value, expected) => {
    expect(grade(value)).toBe(expected);
  });
});

describe('compareForRank', () => {
  const order = (units: Rankable[]) => [...units].sort(compareForRank).map((u) => u.code);

  it('orders by score descending', () => {
    expect(order([
      { code: 'A', score: 70, onTimeRate: 1 },
      { code: 'B', score: 90, onTimeRate: 0 },
      { code: 'C', score: 80, onTimeRate: 0.5 },
    ])).toEqual(['B', 'C', 'A']);
  });

  it('breaks score ties by onTimeRate descending, null last', () => {
    expect(order([
      { code: 'A', score: 80, onTimeRate: null },
      { code: 'B', score: 80, onTimeRate: 0.5 },
      { code: 'C', score: 80, onTimeRate: 0.9 },
    ])).toEqual(['C', 'B', 'A']);
  });

  it('breaks remaining ties by code ascending', () => {
    expect(order([
      { code: 'HN-C', score: 80, onTimeRate: 0.5 },
      { code: 'HN-A', score: 80, onTimeRate: 0.5 },
      { code: 'HN-B', score: 80, onTimeRate: 0.5 },
      { code: 'HN-E', score: 80, onTimeRate: null },
      { code: 'HN-D', score: 80, onTimeRate: null },
    ])).toEqual(['HN-A', 'HN-B', 'HN-C', 'HN-D', 'HN-E']);
  });

  it('puts null scores after every scored unit, ordered by the same ties', () => {
    expect(order([
      { code: 'N2', score: null, onTimeRate: null },
      { code: 'N3', score: null, onTimeRate: 0.2 },
      { code: 'Z', score: 0, onTimeRate: 0 },
      { code: 'N1', score: null, onTimeRate: null },
      { code: 'A', score: 10, onTimeRate: null },
    ])).toEqual(['A', 'Z', 'N3', 'N1', 'N2']);
  });
});

describe('localDate', () => {
  it('agrees with date-fns over a year of instants in zones with daylight saving and odd offsets', () => {
    for (const zone of ['Asia/Ho_Chi_Minh', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 53 * 60_000 + 7_000) {
        const expected = format(new TZDate(ms, zone), 'yyyy-MM-dd');
        if (localDate(new Date(ms), zone) !== expected) expect(`${zone} ${new Date(ms).toISOString()} → ${localDate(new Date(ms), zone)}`).toBe(expected);
      }
    }
  });
});

describe('classifyResolution', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ['resolved exactly at the due time is on time', '2026-11-25T17:00:00+07:00', '2026-11-25T17:00:00+07:00', 'on_time'],
    ['one millisecond after the due time is late', '2026-11-25T17:00:00.001+07:00', '2026-11-25T17:00:00+07:00', 'late'],
    ['earlier on the due day is on time, not early', '2026-11-25T09:00:00+07:00', '2026-11-25T17:00:00+07:00', 'on_time'],
    ['the day before the due day is early', '2026-11-24T16:00:00+07:00', '2026-11-25T17:00:00+07:00', 'early'],
    // 16:30Z is 23:30 on the 24th in Hà Nội, the due day is the 25th locally (in UTC both are the 24th/25th 01:00Z)
    ['23:30 local the evening before is early, across midnight UTC+07', '2026-11-24T16:30:00Z', '2026-11-25T08:00:00+07:00', 'early'],
    // 17:30Z on the 24th is 00:30 on the 25th locally: same local day as the due time, though the UTC dates differ
    ['00:30 local on the due day is on time, not early', '2026-11-24T17:30:00Z', '2026-11-25T08:00:00+07:00', 'on_time'],
    ['a day late is late', '2026-11-26T09:00:00+07:00', '2026-11-25T17:00:00+07:00', 'late'],
  ] as const)('%s', (_name, resolvedAt, dueAt, expected) => {
    expect(classifyResolution(at(resolvedAt), at(dueAt), TZ)).toBe(expected);
  });

  it('uses the given time zone for calendar days', () => {
    // In UTC the resolution (2026-11-24T23:30Z) and the due time (2026-11-25T01:00Z) fall on different days.
    expect(classifyResolution(at('2026-11-24T23:30:00Z'), at('2026-11-25T01:00:00Z'), 'UTC')).toBe('early');
    // In Hà Nội both are on the 25th.
    expect(classifyResolution(at('2026-11-24T23:30:00Z'), at('2026-11-25T01:00:00Z'), TZ)).toBe('on_time');
  });
});
