import { describe, expect, it } from 'vitest';
import { wholeRowsThatFit } from './fit.js';

describe('wholeRowsThatFit', () => {
  // Rows of 40 px below a 30 px heading: they end at 70, 110, 150, …
  const bottoms = (n: number) => Array.from({ length: n }, (_, i) => 30 + 40 * (i + 1));

  it.each([
    // rows rendered, total, box height, "+N" line height → rows shown
    { rows: 3, total: 3, height: 150, more: 30, shown: 3 }, // all fit exactly: no "+N" line needed
    { rows: 3, total: 3, height: 149, more: 30, shown: 2 }, // the last one would be cut: two, and "+1" below them
    { rows: 8, total: 8, height: 345, more: 30, shown: 7 }, // the 8th would end at 350; 7 end at 310, the line at 340
    { rows: 8, total: 8, height: 320, more: 30, shown: 6 }, // 7 would end at 310, the line at 340 > 320
    { rows: 4, total: 12, height: 1000, more: 30, shown: 4 }, // every rendered row fits, eight more are said
    { rows: 4, total: 4, height: 60, more: 30, shown: 0 }, // no room for a row: only the count
    { rows: 0, total: 0, height: 100, more: 30, shown: 0 },
  ])('$rows of $total rows in $height px → $shown', ({ rows, total, height, more, shown }) => {
    expect(wholeRowsThatFit(bottoms(rows), height, more, total)).toBe(shown);
  });

  it('counts a row ending a fraction of a pixel past the box as fitting', () => {
    expect(wholeRowsThatFit([70.3, 110.3], 110, 30, 2)).toBe(2);
  });

  it('measures rows of different heights (a procedure name on two lines)', () => {
    expect(wholeRowsThatFit([70, 140, 180, 220], 200, 25, 4)).toBe(2);
  });
});
