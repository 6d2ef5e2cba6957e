import { describe, expect, it } from 'vitest';
import { comparisonRange, parsePeriodChoice, periodChoiceParams, periodRange, rangeParams, trendBuckets } from './periods.js';

const TZ = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-24T03:15:00Z'); // 10:15 in Hà Nội

describe('parsePeriodChoice', () => {
  it('reads named, six-month and custom periods and round-trips them', () => {
    for (const query of ['period=month', 'period=6m', 'from=2026-01-01&to=2026-03-31']) {
      const choice = parsePeriodChoice(new URLSearchParams(query));
      expect(new URLSearchParams(periodChoiceParams(choice)).toString()).toBe(query.replace('&', '&'));
    }
    expect(parsePeriodChoice(new URLSearchParams('period=nonsense'))).toEqual({ type: 'named', period: 'today' });
    expect(parsePeriodChoice(new URLSearchParams('from=2026-03-01&to=2026-01-01'), 'month')).toEqual({ type: 'named', period: 'month' });
  });
});

describe('periodRange', () => {
  it('resolves six months and custom dates in the configured zone', () => {
    expect(rangeParams(periodRange({ type: 'sixMonths' }, now, TZ), TZ)).toEqual({ from: '2026-06-01T00:00:00+07:00', to: '2026-12-01T00:00:00+07:00' });
    expect(rangeParams(periodRange({ type: 'custom', fromDate: '2026-01-01', toDate: '2026-03-31' }, now, TZ), TZ)).toEqual({
      from: '2026-01-01T00:00:00+07:00', to: '2026-04-01T00:00:00+07:00',
    });
  });
});

describe('comparisonRange', () => {
  it('cuts the previous period at the same elapsed time', () => {
    const today = periodRange({ type: 'named', period: 'today' }, now, TZ);
    expect(rangeParams(comparisonRange(today, now), TZ)).toEqual({ from: '2026-11-23T00:00:00+07:00', to: '2026-11-23T10:15:00+07:00' });
  });
  it('takes the whole previous period for a finished one', () => {
    const custom = periodRange({ type: 'custom', fromDate: '2026-01-01', toDate: '2026-01-10' }, now, TZ);
    expect(rangeParams(comparisonRange(custom, now), TZ)).toEqual({ from: '2025-12-22T00:00:00+07:00', to: '2026-01-01T00:00:00+07:00' });
  });
});

describe('trendBuckets', () => {
  it('cuts today into hours up to now', () => {
    const { step, buckets } = trendBuckets(periodRange({ type: 'named', period: 'today' }, now, TZ), now, TZ);
    expect(step).toBe('hour');
    expect(buckets).toHaveLength(11);
    expect(rangeParams(buckets[10]!, TZ)).toEqual({ from: '2026-11-24T10:00:00+07:00', to: '2026-11-24T11:00:00+07:00' });
  });
  it('uses days for a month and months for a year', () => {
    expect(trendBuckets(periodRange({ type: 'named', period: 'month' }, now, TZ), now, TZ)).toMatchObject({ step: 'day' });
    expect(trendBuckets(periodRange({ type: 'named', period: 'month' }, now, TZ), now, TZ).buckets).toHaveLength(24);
    const year = trendBuckets(periodRange({ type: 'named', period: 'year' }, now, TZ), now, TZ);
    expect(year.step).toBe('month');
    expect(year.buckets).toHaveLength(11);
  });
});
