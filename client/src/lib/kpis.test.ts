import { describe, expect, it } from 'vitest';
import { changeArrow, kpiTiles, OVERVIEW_KPIS, PROCEDURE_KPIS } from './kpis.js';
import { metrics, procedure } from './fixtures.js';

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

describe('kpiTiles of a chosen list (one procedure’s city totals)', () => {
  it('keeps the overview’s ten tiles in their order unless told', () => {
    expect(kpiTiles(metrics(), metrics()).map((t) => t.key)).toEqual([
      'received', 'resolved', 'progressRate', 'onTimeRate', 'overdue',
      'onlineShare', 'onlinePaymentShare', 'digitizedShare', 'feedbackResolvedRate', 'satisfaction',
    ]);
    expect(kpiTiles(metrics(), metrics(), OVERVIEW_KPIS)).toEqual(kpiTiles(metrics(), metrics()));
  });

  it('gives a procedure’s six, late and overdue better when down, pending neither', () => {
    const current = procedure('DD-GCN', { received: 2, resolved: 1, resolvedLate: 1, onTimeRate: 0, pending: 1, overdue: 1 });
    const previous = procedure('DD-GCN', { received: 2, resolved: 2, resolvedLate: 2, onTimeRate: 0.5, pending: 0, overdue: 3 });
    const tiles = kpiTiles(current, previous, PROCEDURE_KPIS);
    expect(tiles.map((t) => [t.key, t.format, t.value, t.previous, t.change, t.trend])).toEqual([
      ['received', 'count', 2, 2, 0, 'same'],
      ['resolved', 'count', 1, 2, -1, 'worse'],
      ['resolvedLate', 'count', 1, 2, -1, 'better'],
      ['onTimeRate', 'percent', 0, 0.5, -50, 'worse'],
      ['pending', 'count', 1, 0, 1, 'neutral'],
      ['overdue', 'count', 1, 3, -2, 'better'],
    ]);
    expect(changeArrow(1, 'neutral')).toBe('▲');
    expect(kpiTiles(current, previous, ['overdue'])[0]).toMatchObject({ key: 'overdue', change: -2, trend: 'better' });
  });

  it('compares a procedure with nothing when it had no dossier in the period before, and its unknown rate with nothing', () => {
    const none = procedure('DD-GCN', { received: 0, resolved: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0, onTimeRate: null, pending: 0, overdue: 0 });
    expect(kpiTiles(procedure('DD-GCN'), none, PROCEDURE_KPIS).every((t) => t.previous === null && t.change === null && t.trend === null)).toBe(true);
    // Nothing resolved before, so no on-time rate: that tile alone has no change.
    const unresolved = procedure('DD-GCN', { resolved: 0, resolvedEarly: 0, resolvedOnTime: 0, resolvedLate: 0, onTimeRate: null, pending: 3 });
    const tiles = kpiTiles(procedure('DD-GCN'), unresolved, PROCEDURE_KPIS);
    expect(tiles.filter((t) => t.change === null).map((t) => t.key)).toEqual(['onTimeRate']);
  });
});
