// The glue between the stages on one page, shared with the tests: which words belong to a table,
// what the word-layout pass is told about the ruled tables, and how the two kinds of grid combine.
import { sortReadingOrder } from '../../grid/sort-reading-order.js';
import { rotatePoint } from '../../image/rotate-gray.js';
import type { CellGrid, PageImage, PixelBox, Ruling, Word } from '../../types.js';
import { centreInside, overlapArea, rulingInside } from '../../measure.js';

/** Moves word boxes the way deskewing moved the page image (grids then refer to the deskewed image). */
export function deskewWords(words: Word[], image: PageImage, skewDegrees: number): Word[] {
  if (skewDegrees === 0) return words;
  return words.map((word) => {
    const corners = [
      rotatePoint(word.box.left, word.box.top, image.width, image.height, skewDegrees),
      rotatePoint(word.box.right, word.box.top, image.width, image.height, skewDegrees),
      rotatePoint(word.box.left, word.box.bottom, image.width, image.height, skewDegrees),
      rotatePoint(word.box.right, word.box.bottom, image.width, image.height, skewDegrees),
    ];
    const xs = corners.map(([x]) => x);
    const ys = corners.map(([, y]) => y);
    return { ...word, box: { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) } };
  });
}

// A word belongs to a table when its centre is inside the table box, give or take this many pixels
// per 100 DPI (text may overhang the outer ruling slightly).
const TABLE_BOX_TOLERANCE_PX_PER_100_DPI = 2;

/** The words whose centre lies inside `box` (the rest of the page's text is not this table's). */
export function wordsInside(words: Word[], box: PixelBox, dpi: number): Word[] {
  const tolerance = (TABLE_BOX_TOLERANCE_PX_PER_100_DPI * dpi) / 100;
  return words.filter((word) => centreInside(word, box, tolerance));
}

/** A copy of the page with the boxes painted white (their tables are read from their own crops). */
export function withBoxesWhite(image: PageImage, boxes: PixelBox[]): PageImage {
  const gray = image.gray.slice();
  for (const box of boxes) {
    for (let y = Math.max(0, box.top); y < Math.min(image.height, box.bottom); y++) gray.fill(255, y * image.width + Math.max(0, box.left), y * image.width + Math.min(image.width, box.right));
  }
  return { ...image, gray };
}

/** A ruled grid of one column: zebra stripes or a frame with a header rule, whose columns are in the words. */
export const isSingleColumn = (grid: CellGrid) => grid.columnEdges.length <= 2;

/**
 * Hints for word-layout tables: the ruled tables already found (their words are theirs), and the
 * horizontal rules outside them. A one-column ruled grid is not excluded: its row edges become
 * rules, so the word layout can find its columns.
 */
export function layoutHints(ruledGrids: CellGrid[], rulings: Ruling[]) {
  const excludeBoxes = ruledGrids.filter((grid) => !isSingleColumn(grid)).map((grid) => grid.box);
  const insideRuled = (ruling: Ruling) => excludeBoxes.some((box) => rulingInside(ruling, box, 2));
  const rowRules: Ruling[] = ruledGrids.filter(isSingleColumn).flatMap((grid) =>
    grid.rowEdges.map((position) => ({ orientation: 'horizontal' as const, position, start: grid.box.left, end: grid.box.right, thickness: 1 })),
  );
  return { excludeBoxes, horizontalRules: [...rulings.filter((ruling) => ruling.orientation === 'horizontal' && !insideRuled(ruling)), ...rowRules] };
}

/** Ruled and word-layout grids together; a one-column ruled grid gives way to a word grid over it. */
export function combineGrids(ruledGrids: CellGrid[], wordGrids: CellGrid[]): CellGrid[] {
  const kept = ruledGrids.filter((grid) => !isSingleColumn(grid) || !wordGrids.some((word) => overlapArea(word.box, grid.box) > 0));
  return sortReadingOrder([...kept, ...wordGrids]);
}
