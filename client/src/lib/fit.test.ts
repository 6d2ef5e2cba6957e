import { describe, expect, it } from 'vitest';
import { wholeRowsThatFit } from './fit.js';

describe('wholeRowsThatFit', () => {
  // Rows of 40 px below a 30 px heading: they end at 70, 110, 150, …
  const bottoms = (n: number) => Array.from({ length: n }, (_, i) => 30 + 40 * (i + 1));

  it.each([
    // rows rendered, box height → rows shown
    { rows: 3, height: 150, shown: 3 }, // all fit exactly
    { rows: 3, height: 149, shown: 2 }, // the last one would be cut
    { rows: 8, height: 345, shown: 7 }, // the 8th would end at 350
    { rows: 4, height: 1000, shown: 4 }, // every rendered row fits
    { rows: 4, height: 60, shown: 0 }, // no room for a row: only the count in the heading
    { rows: 0, height: 100, shown: 0 },
  ])('$rows rows in $height px → $shown', ({ rows, height, shown }) => {
    expect(wholeRowsThatFit(bottoms(rows), height)).toBe(shown);
  });

  it('counts a row ending a fraction of a pixel past the box as fitting', () => {
    expect(wholeRowsThatFit([70.3, 110.3], 110)).toBe(2);
  });

  it('measures rows of different heights (a procedure name on two lines)', () => {
    expect(wholeRowsThatFit([70, 140, 180, 220], 200)).toBe(3);
  });
});
