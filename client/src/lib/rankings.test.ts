import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING } from '../../../shared/figures.js';
import { rankingRows, scoresByUnit, sortRows, trendLine } from './rankings.js';
import { snapshot, unit } from './fixtures.js';

describe('rankingRows', () => {
  it('computes rank change against the previous period and every component', () => {
    const rows = rankingRows([unit('A', 1), unit('B', 2), unit('N', 3)], [unit('B', 1), unit('A', 2)], DEFAULT_SCORING);
    expect(rows.map((r) => r.rankChange)).toEqual([1, -1, null]);
    expect(rows[0]?.components.online).toBeCloseTo(0.8); // 40 % online of 50 % for full marks
    expect(rows[0]?.components.progress).toBeCloseTo(0.94);
  });

  it('has no rank change where either period leaves the unit without a score (its place then only follows its code)', () => {
    const rows = rankingRows(
      [unit('A', 1), unit('B', 2), unit('C', 3, { score: null, grade: null })],
      [unit('C', 1), unit('A', 2, { score: null, grade: null }), unit('B', 3, { score: null, grade: null })],
      DEFAULT_SCORING,
    );
    expect(rows.map((r) => r.rankChange)).toEqual([null, null, null]);
  });
});

describe('sortRows', () => {
  const rows = rankingRows(
    [unit('A', 1, { name: 'Ứng Hòa', overdue: 3 }), unit('B', 2, { name: 'Ba Đình', overdue: 9, satisfaction: null }), unit('C', 3, { name: 'Đông Anh', overdue: 3 })],
    null,
    DEFAULT_SCORING,
  );

  it('sorts by a figure, ties in rank order', () => {
    expect(sortRows(rows, { column: 'overdue', descending: true }).map((r) => r.unit.code)).toEqual(['B', 'A', 'C']);
    expect(sortRows(rows, { column: 'overdue', descending: false }).map((r) => r.unit.code)).toEqual(['A', 'C', 'B']);
  });

  it('sorts a component by the share it shows, also above the share that earns full marks', () => {
    const online = rankingRows([unit('A', 1, { onlineShare: 0.554 }), unit('B', 2, { onlineShare: 0.572 })], null, DEFAULT_SCORING);
    expect(sortRows(online, { column: 'online', descending: true }).map((r) => r.unit.code)).toEqual(['B', 'A']);
  });

  it('puts missing values last in both directions', () => {
    expect(sortRows(rows, { column: 'satisfaction', descending: true }).at(-1)?.unit.code).toBe('B');
    expect(sortRows(rows, { column: 'satisfaction', descending: false }).at(-1)?.unit.code).toBe('B');
  });

  it('sorts Vietnamese names alphabetically', () => {
    expect(sortRows(rows, { column: 'name', descending: false }).map((r) => r.unit.name)).toEqual(['Ba Đình', 'Đông Anh', 'Ứng Hòa']);
  });
});

describe('trend lines', () => {
  const earlier = scoresByUnit([
    snapshot([unit('A', 1, { score: 70 }), unit('B', 2, { score: null })]),
    snapshot([unit('B', 1, { score: 60 })]),
    snapshot([unit('A', 1, { score: 75 }), unit('B', 2, { score: 65 })]),
  ]);

  it('lists each unit’s score per earlier period, null where it had none or was not listed', () => {
    expect([...earlier.entries()]).toEqual([['A', [70, null, 75]], ['B', [null, 60, 65]]]);
  });

  it('draws the earlier scores a unit had, then its current one; nothing until the earlier periods are read', () => {
    expect(trendLine(earlier, unit('A', 1, { score: 80 }))).toEqual([70, 75, 80]);
    expect(trendLine(earlier, unit('B', 2, { score: null }))).toEqual([60, 65]);
    expect(trendLine(earlier, unit('NEW', 3, { score: 50 }))).toEqual([50]);
    expect(trendLine(null, unit('A', 1, { score: 80 }))).toEqual([]);
  });
});
