/** The pure parts of the live channel: view keys and the diff that decides what an update carries. */
import { describe, expect, it } from 'vitest';
import { emptyCounts, metricsFromCounts } from '../shared/figures.js';
import type { Snapshot, UnitFigures } from '../shared/snapshot.js';
import { LiveCounters, summary } from '../server/live/live.stats.js';
import { diffCity, viewKey, viewSpec } from '../server/live/views.js';

const metrics = metricsFromCounts(emptyCounts());
const unit = (code: string, rank: number, received = 0): UnitFigures => ({
  ...metrics, received, code, name: code, kind: 'district', parentCode: null, rank, score: null, grade: null,
});
const snapshot = (units: UnitFigures[], over: Partial<Snapshot> = {}): Snapshot => ({
  asOf: '2026-11-24T10:00:00+07:00', from: '2026-11-24T00:00:00+07:00', to: '2026-11-25T00:00:00+07:00', kind: 'district',
  total: { ...metrics, received: units.reduce((sum, u) => sum + u.received, 0) }, units, ...over,
});

describe('view keys', () => {
  it.each([
    [{ view: 'city', period: 'today' } as const, 'city:today:district'],
    [{ view: 'city', period: '7d', kind: 'department' } as const, 'city:7d:department'],
    [{ view: 'unit', period: 'month', unitCode: 'HN-HK', kind: 'commune' } as const, 'unit:month:HN-HK'],
  ])('%o → %s', (subscription, key) => {
    expect(viewKey(viewSpec(subscription))).toBe(key);
  });
});

describe('diffCity', () => {
  const before = snapshot([unit('A', 1), unit('B', 2)]);

  it.each<[string, Snapshot, ReturnType<typeof diffCity>]>([
    ['nothing changed (only asOf)', snapshot([unit('A', 1), unit('B', 2)], { asOf: '2026-11-24T10:05:00+07:00' }), { kind: 'update', units: [], totalChanged: false }],
    ['one unit changed', snapshot([unit('A', 1), unit('B', 2, 1)]), { kind: 'update', units: [unit('B', 2, 1)], totalChanged: true }],
    ['ranks swapped', snapshot([unit('B', 1, 1), unit('A', 2)]), { kind: 'update', units: [unit('B', 1, 1), unit('A', 2)], totalChanged: true }],
    ['the period rolled over', snapshot([unit('A', 1), unit('B', 2)], { from: '2026-11-25T00:00:00+07:00', to: '2026-11-26T00:00:00+07:00' }), { kind: 'snapshot' }],
    ['a unit joined the catalog', snapshot([unit('A', 1), unit('B', 2), unit('C', 3)]), { kind: 'snapshot' }],
    ['a unit was replaced', snapshot([unit('A', 1), unit('C', 2)]), { kind: 'snapshot' }],
  ])('%s', (_name, after, expected) => {
    expect(diffCity(before, after)).toEqual(expected);
  });

  it('treats a null becoming a number as a change', () => {
    const after = snapshot([{ ...unit('A', 1), onTimeRate: 0 }, unit('B', 2)]);
    expect(diffCity(before, after)).toMatchObject({ kind: 'update', units: [{ code: 'A', onTimeRate: 0 }] });
  });
});

describe('live stats', () => {
  it('keeps delay quantiles over recent samples and summarizes a minute in one line', () => {
    const counters = new LiveCounters();
    for (let ms = 1; ms <= 100; ms += 1) counters.recordDelay(ms);
    counters.updatesSent = 7;
    const stats = counters.snapshot(3, { 'city:today:district': 2, 'unit:today:HN-HK': 1 });
    expect(stats).toMatchObject({ sockets: 3, views: 2, updatesSent: 7, emitDelayMs: { p50: 51, p99: 100, max: 100, samples: 100 } });
    const line = summary(stats, { updatesSent: 2, snapshotsSent: 0 });
    expect(line).toContain('3 sockets, 3 subscriptions on 2 views');
    expect(line).toContain('5 updates');
    expect(line).not.toContain('\n');
  });
});
