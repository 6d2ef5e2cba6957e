import { describe, expect, it } from 'vitest';
import { isNextSeq, mergeUpdate } from './live.js';
import { metrics, snapshot, unit } from './fixtures.js';

describe('isNextSeq', () => {
  it('accepts only the next number', () => {
    expect(isNextSeq(4, { seq: 5 })).toBe(true);
    expect(isNextSeq(4, { seq: 6 })).toBe(false);
    expect(isNextSeq(4, { seq: 4 })).toBe(false);
    expect(isNextSeq(null, { seq: 1 })).toBe(false);
  });
});

describe('mergeUpdate', () => {
  const before = snapshot([unit('A', 1), unit('B', 2), unit('C', 3)]);

  it('replaces changed units by code and re-sorts by rank', () => {
    const after = mergeUpdate(before, {
      seq: 2, asOf: '2026-11-24T10:01:00+07:00', total: metrics({ received: 101 }),
      units: [unit('C', 1, { score: 95 }), unit('A', 3, { score: 80 })],
    });
    expect(after.units.map((u) => [u.code, u.rank])).toEqual([['C', 1], ['B', 2], ['A', 3]]);
    expect(after.total.received).toBe(101);
    expect(after.asOf).toBe('2026-11-24T10:01:00+07:00');
    expect(before.units[0]?.code).toBe('A');
  });

  it('adds units it did not know and ignores units of another kind', () => {
    const after = mergeUpdate(before, {
      seq: 2, asOf: before.asOf, total: before.total,
      units: [unit('D', 4), unit('S1', 1, { kind: 'department' })],
    });
    expect(after.units.map((u) => u.code)).toEqual(['A', 'B', 'C', 'D']);
  });
});
