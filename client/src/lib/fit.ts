/** Half a pixel: layout lengths are fractional, and a row ending 0.2 px past its box is not cut in any way one sees. */
const SUBPIXEL = 0.5;

/**
 * How many rows of a list, shown from the top, fit a box of `height` whole. When some are left out, a line saying
 * how many (`moreHeight` tall) must fit below the last row shown. `rowBottoms`: where each rendered row ends,
 * from the top of the box, in order; `total`: the rows of the whole list, rendered or not.
 */
export function wholeRowsThatFit(rowBottoms: readonly number[], height: number, moreHeight: number, total: number): number {
  const last = rowBottoms.at(-1) ?? 0;
  if (rowBottoms.length >= total && last <= height + SUBPIXEL) return rowBottoms.length;
  const room = height - moreHeight + SUBPIXEL;
  const fitting = rowBottoms.findIndex((bottom) => bottom > room);
  return fitting === -1 ? rowBottoms.length : fitting;
}
