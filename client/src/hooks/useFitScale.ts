import { useLayoutEffect, useState, type RefObject } from 'react';
import { useBoxSize } from './useBoxSize.js';

/** Below this the text is no longer readable from across the room: the box clips rather than shrink further. */
const SMALLEST = 0.6;
/** Close enough to the largest scale that fits. */
const PRECISION = 0.02;

/** The search so far: `lo` fits (or is the smallest allowed), `hi` does not; `trial` is on screen, null once settled on `lo`. */
interface Search {
  key: string;
  lo: number;
  hi: number;
  trial: number | null;
}

/**
 * How much a box's text must shrink (1 = as designed) for its content to fit its height: the wall never scrolls,
 * and a catalog with long names, or more units than the layout was drawn for, must still show whole. Tried at full
 * size first whenever the content (`key`) or the box's size changes; when that overflows, the largest scale that
 * fits is searched by halving (smaller text also wraps less, so the size needed is measured, not computed), each
 * try laid out and measured before the browser paints. The box sets its font size from the scale (CSS `--fit`).
 */
export function useFitScale(box: RefObject<HTMLElement | null>, key: string): number {
  const size = useBoxSize(box);
  const current = `${key}|${size}`;
  const [search, setSearch] = useState<Search>({ key: '', lo: SMALLEST, hi: 1, trial: 1 });
  const { lo, hi, trial } = search.key === current ? search : { lo: SMALLEST, hi: 1, trial: 1 };

  // After every render: the figures inside change as they go live (a wider number, a name wrapping anew) without
  // the key changing, and a settled scale that no longer fits searches again below itself.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element || element.clientHeight === 0) return;
    // No slack: scrollHeight is already rounded to whole pixels, and a row 1.2 px past the box is a row cut.
    const fits = element.scrollHeight <= element.clientHeight;
    if (trial === null) {
      if (!fits && lo > SMALLEST) setSearch({ key: current, lo: SMALLEST, hi: lo, trial: (SMALLEST + lo) / 2 });
      return;
    }
    const next = fits ? { lo: trial, hi } : { lo, hi: trial };
    const settled = (fits && trial === 1) || next.hi - next.lo < PRECISION;
    setSearch({ key: current, ...next, trial: settled ? null : (next.lo + next.hi) / 2 });
  });

  return trial ?? lo;
}
