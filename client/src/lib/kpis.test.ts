import { describe, expect, it } from 'vitest';
import { changeArrow, kpiTiles } from './kpis.js';
import { metrics } from './fixtures.js';

describe('kpiTiles', () => {
  it('gives ten tiles with changes as counts or percentage points', () => {
    const tiles = kpiTiles(metrics({ received: 120, onTimeRate: 0.97, overdue: 5 }), metrics({ received: 100, onTimeRate: 0.95, overdue: 2 }));
    expect(tiles).toHaveLength(10);
    const byKey = Object.fromEntries(tiles.map((t) => [t.key, t]));
    expect(byKey.received).toMatchObject({ value: 120, previous: 100, change: 20, trend: 'better' });
    expect(byKey.onTimeRate?.change).toBeCloseTo(2);
    expect(byKey.onTimeRate?.trend).toBe('better');
    expect(byKey.overdue).toMatchObject({ change: 3, trend: 'worse' });
    expect(byKey.satisfaction).toMatchObject({ change: 0, trend: 'same' });
  });

  it('has no change without a previous period or without data', () => {
    expect(kpiTiles(metrics(), null).every((t) => t.change === null && t.trend === null)).toBe(true);
    const tile = kpiTiles(metrics({ satisfaction: null }), metrics()).find((t) => t.key === 'satisfaction');
    expect(tile).toMatchObject({ value: null, change: null });
  });

  it('compares with nothing when the previous period has no figures at all (before the source systems reported)', () => {
    const empty = metrics({
      received: 0, resolved: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0, onTimeRate: null, pending: 0, overdue: 0,
      onlineShare: null, onlinePaymentShare: null, digitizedShare: null, progressRate: null, apologies: 0,
      feedbackReceived: 0, feedbackResolved: 0, feedbackResolvedRate: null, ratings: 0, satisfaction: null,
    });
    expect(kpiTiles(metrics(), empty).every((t) => t.previous === null && t.change === null && t.trend === null)).toBe(true);
    // A quiet period is still compared: the dossiers it left open count as figures, and its 0 received is a 0.
    const quiet = kpiTiles(metrics(), { ...empty, pending: 12 }).find((t) => t.key === 'received');
    expect(quiet).toMatchObject({ previous: 0, change: 100, trend: 'better' });
  });

  it('points the arrow by the change as shown, so a change that rounds to 0,0 points has none', () => {
    const online = kpiTiles(metrics({ onlineShare: 0.4994 }), metrics({ onlineShare: 0.499 })).find((t) => t.key === 'onlineShare');
    expect(online).toMatchObject({ trend: 'same', change: expect.closeTo(0.04) });
    expect(changeArrow(online?.change ?? NaN, online?.trend ?? null)).toBe('■');
    expect(changeArrow(0.2, 'better')).toBe('▲');
    expect(changeArrow(-3, 'worse')).toBe('▼');
  });
});
