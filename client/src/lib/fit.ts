/** Half a pixel: layout lengths are fractional, and a row ending 0.2 px past its box is not cut in any way one sees. */
const SUBPIXEL = 0.5;

/**
 * How many rows of a list, shown from the top, fit a box of `height` whole. `rowBottoms`: where each rendered row
 * ends, from the top of the box, in order. (The "+N more" line sits in the card's heading, beside its title, and
 * takes none of the box.)
 */
export function wholeRowsThatFit(rowBottoms: readonly number[], height: number): number {
  const cut = rowBottoms.findIndex((bottom) => bottom > height + SUBPIXEL);
  return cut === -1 ? rowBottoms.length : cut;
}
