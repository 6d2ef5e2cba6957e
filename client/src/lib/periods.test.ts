import { describe, expect, it } from 'vitest';
import { comparisonRange, earlierPeriods, parsePeriodChoice, periodChoiceParams, periodRange, rangeParams, rangeUntil, trendBuckets, type PeriodChoice } from './periods.js';

const TZ = 'Asia/Ho_Chi_Minh';
const now = new Date('2026-11-24T03:15:00Z'); // 10:15 in Hà Nội

describe('parsePeriodChoice', () => {
  it('reads named, six-month and custom periods and round-trips them', () => {
    for (const query of ['period=month', 'period=6m', 'from=2026-01-01&to=2026-03-31', 'period=today&compare=year', 'from=2026-01-01&to=2026-03-31&compare=year']) {
      const choice = parsePeriodChoice(new URLSearchParams(query));
      expect(new URLSearchParams(periodChoiceParams(choice)).toString()).toBe(query);
    }
    expect(parsePeriodChoice(new URLSearchParams('period=nonsense'))).toEqual({ type: 'named', period: 'today' });
    expect(parsePeriodChoice(new URLSearchParams('from=2026-03-01&to=2026-01-01'), 'month')).toEqual({ type: 'custom', fromDate: '2026-01-01', toDate: '2026-03-01' });
    expect(parsePeriodChoice(new URLSearchParams('from=2026-03-01&to=yesterday'), 'month')).toEqual({ type: 'named', period: 'month' });
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
  const compare = (choice: PeriodChoice, asOf: Date) => rangeParams(comparisonRange(choice, periodRange(choice, asOf, TZ), asOf, TZ), TZ);

  it('cuts the previous period at the same elapsed time', () => {
    expect(compare({ type: 'named', period: 'today' }, now)).toEqual({ from: '2026-11-23T00:00:00+07:00', to: '2026-11-23T10:15:00+07:00' });
    expect(compare({ type: 'named', period: '7d' }, now)).toEqual({ from: '2026-11-11T00:00:00+07:00', to: '2026-11-17T10:15:00+07:00' });
  });

  it('compares a calendar month, quarter and year with the one before, to the same date', () => {
    expect(compare({ type: 'named', period: 'month' }, now)).toEqual({ from: '2026-10-01T00:00:00+07:00', to: '2026-10-24T10:15:00+07:00' });
    expect(compare({ type: 'named', period: 'quarter' }, now)).toEqual({ from: '2026-07-01T00:00:00+07:00', to: '2026-08-24T10:15:00+07:00' });
    expect(compare({ type: 'named', period: 'year' }, now)).toEqual({ from: '2025-01-01T00:00:00+07:00', to: '2025-11-24T10:15:00+07:00' });
    expect(compare({ type: 'sixMonths' }, now)).toEqual({ from: '2025-12-01T00:00:00+07:00', to: '2026-05-24T10:15:00+07:00' });
    // 31 March against February, which has no 31st: the whole of February
    expect(compare({ type: 'named', period: 'month' }, new Date('2026-03-31T05:00:00Z'))).toEqual({ from: '2026-02-01T00:00:00+07:00', to: '2026-02-28T12:00:00+07:00' });
  });

  it('compares with the same dates a year before, to the same point in time, when asked', () => {
    expect(compare({ type: 'named', period: 'month', versus: 'yearAgo' }, now)).toEqual({ from: '2025-11-01T00:00:00+07:00', to: '2025-11-24T10:15:00+07:00' });
    expect(compare({ type: 'named', period: 'today', versus: 'yearAgo' }, now)).toEqual({ from: '2025-11-24T00:00:00+07:00', to: '2025-11-24T10:15:00+07:00' });
    expect(compare({ type: 'named', period: '7d', versus: 'yearAgo' }, now)).toEqual({ from: '2025-11-18T00:00:00+07:00', to: '2025-11-24T10:15:00+07:00' });
    expect(compare({ type: 'custom', fromDate: '2026-01-01', toDate: '2026-01-10', versus: 'yearAgo' }, now)).toEqual({ from: '2025-01-01T00:00:00+07:00', to: '2025-01-11T00:00:00+07:00' });
    // 29 February against a year without one: up to the 28th.
    expect(compare({ type: 'named', period: 'month', versus: 'yearAgo' }, new Date('2028-02-29T05:00:00Z'))).toEqual({ from: '2027-02-01T00:00:00+07:00', to: '2027-02-28T12:00:00+07:00' });
  });

  it('takes the whole previous period for a finished one', () => {
    expect(compare({ type: 'custom', fromDate: '2026-01-01', toDate: '2026-01-10' }, now)).toEqual({ from: '2025-12-22T00:00:00+07:00', to: '2026-01-01T00:00:00+07:00' });
  });

  it('asks for at least a second at the very start of a period, and when the clock is a tick behind it', () => {
    const midnight = new Date('2026-11-24T00:00:00+07:00');
    const today = periodRange({ type: 'named', period: 'today' }, midnight, TZ);
    const expected = { from: '2026-11-23T00:00:00+07:00', to: '2026-11-23T00:00:01+07:00' };
    expect(rangeParams(comparisonRange({ type: 'named', period: 'today' }, today, midnight, TZ), TZ)).toEqual(expected);
    expect(rangeParams(comparisonRange({ type: 'named', period: 'today' }, today, new Date(midnight.getTime() - 10_000), TZ), TZ)).toEqual(expected);
  });
});

describe('earlierPeriods', () => {
  const earlier = (choice: PeriodChoice, count: number) =>
    earlierPeriods(choice, periodRange(choice, now, TZ), count, TZ).map((p) => rangeParams(p, TZ));

  it('lists whole periods before the current one, oldest first, each ending where the next begins', () => {
    expect(earlier({ type: 'named', period: 'today' }, 2)).toEqual([
      { from: '2026-11-22T00:00:00+07:00', to: '2026-11-23T00:00:00+07:00' },
      { from: '2026-11-23T00:00:00+07:00', to: '2026-11-24T00:00:00+07:00' },
    ]);
    expect(earlier({ type: 'named', period: '7d' }, 2)).toEqual([
      { from: '2026-11-04T00:00:00+07:00', to: '2026-11-11T00:00:00+07:00' },
      { from: '2026-11-11T00:00:00+07:00', to: '2026-11-18T00:00:00+07:00' },
    ]);
    expect(earlier({ type: 'custom', fromDate: '2026-01-01', toDate: '2026-01-10' }, 1)).toEqual([
      { from: '2025-12-22T00:00:00+07:00', to: '2026-01-01T00:00:00+07:00' },
    ]);
    // A trend over the periods before, whatever the figures are compared with.
    expect(earlier({ type: 'named', period: '7d', versus: 'yearAgo' }, 2)).toEqual(earlier({ type: 'named', period: '7d' }, 2));
  });

  it('goes back by calendar months, quarters and years, whatever their length', () => {
    expect(earlier({ type: 'named', period: 'month' }, 3)).toEqual([
      { from: '2026-08-01T00:00:00+07:00', to: '2026-09-01T00:00:00+07:00' },
      { from: '2026-09-01T00:00:00+07:00', to: '2026-10-01T00:00:00+07:00' },
      { from: '2026-10-01T00:00:00+07:00', to: '2026-11-01T00:00:00+07:00' },
    ]);
    expect(earlier({ type: 'named', period: 'quarter' }, 1)).toEqual([{ from: '2026-07-01T00:00:00+07:00', to: '2026-10-01T00:00:00+07:00' }]);
    expect(earlier({ type: 'named', period: 'year' }, 1)).toEqual([{ from: '2025-01-01T00:00:00+07:00', to: '2026-01-01T00:00:00+07:00' }]);
    expect(earlier({ type: 'sixMonths' }, 1)).toEqual([{ from: '2025-12-01T00:00:00+07:00', to: '2026-06-01T00:00:00+07:00' }]);
    expect(earlier({ type: 'named', period: 'month' }, 0)).toEqual([]);
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

describe('rangeUntil', () => {
  const month = periodRange({ type: 'named', period: 'month' }, now, TZ);

  it('ends the period at the instant, within it', () => {
    expect(rangeParams(rangeUntil(month, now), TZ)).toEqual({ from: '2026-11-01T00:00:00+07:00', to: '2026-11-24T10:15:00+07:00' });
  });

  it('keeps the period’s end past it, and a second at least at its start', () => {
    expect(rangeUntil(month, new Date('2027-01-01T00:00:00Z'))).toEqual(month);
    expect(rangeUntil(month, month.from).to.getTime() - month.from.getTime()).toBe(1000);
  });
});
