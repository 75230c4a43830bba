// --area on one page: the search is limited to the areas (words, vector graphics and pixels
// outside them are left out before detection), and an area with --columns, or with no table
// detected in it, is read as one table of its words (layout/area-table.ts).
import { sortReadingOrder } from '../../grid/sort-reading-order.js';
import { quarterTurnPixel, type QuarterTurn } from '../../image/rotate-quarter-turns.js';
import { gridFromArea, wordsInArea } from '../../layout/area-table.js';
import { overlapArea } from '../../measure.js';
import { areasInPixels, type PageArea } from '../../page-area.js';
import type { CellGrid, PageImage, PixelArea, PixelBox, Ruling, VectorGraphics, Word } from '../../types.js';

/** The page's areas in pixels, or null when --area (and --columns) were not given: the whole page. */
export function pixelAreasOf(areas: readonly PageArea[], width: number, height: number, dpi: number): PixelArea[] | null {
  return areas.length === 0 ? null : areasInPixels(areas, width, height, dpi);
}

const inside = (x: number, y: number, box: PixelBox) => x >= box.left && x < box.right && y >= box.top && y < box.bottom;

export function wordsInAreas(words: readonly Word[], areas: readonly PixelArea[]): Word[] {
  return areas.flatMap((area) => wordsInArea(words, area));
}

/** The part of a ruling inside a box, or null. */
function clipRuling(ruling: Ruling, box: PixelBox): Ruling | null {
  const horizontal = ruling.orientation === 'horizontal';
  const [low, high] = horizontal ? [box.left, box.right] : [box.top, box.bottom];
  const [across0, across1] = horizontal ? [box.top, box.bottom] : [box.left, box.right];
  if (ruling.position < across0 || ruling.position >= across1) return null;
  const start = Math.max(ruling.start, low);
  const end = Math.min(ruling.end, high);
  return end > start ? { ...ruling, start, end } : null;
}

function clipBox<T extends PixelBox>(item: T, box: PixelBox): T | null {
  const clipped = { ...item, left: Math.max(item.left, box.left), top: Math.max(item.top, box.top), right: Math.min(item.right, box.right), bottom: Math.min(item.bottom, box.bottom) };
  return clipped.right > clipped.left && clipped.bottom > clipped.top ? clipped : null;
}

/** The page's vector graphics as far as they lie in the areas. */
export function graphicsInAreas(graphics: VectorGraphics, areas: readonly PixelArea[]): VectorGraphics {
  const clipEach = <T>(items: readonly T[], clip: (item: T, box: PixelBox) => T | null) => areas.flatMap((area) => items.map((item) => clip(item, area.box)).filter((item): item is T => item !== null));
  const oblique: number[] = [];
  for (let i = 0; i + 3 < graphics.obliqueSegments.length; i += 4) {
    const [x0, y0, x1, y1] = graphics.obliqueSegments.slice(i, i + 4);
    if (areas.some((area) => inside(x0, y0, area.box) || inside(x1, y1, area.box))) oblique.push(x0, y0, x1, y1);
  }
  return { rulings: clipEach(graphics.rulings, clipRuling), fills: clipEach(graphics.fills, clipBox), imageBoxes: clipEach(graphics.imageBoxes, clipBox), obliqueSegments: oblique };
}

/** A copy of the page, white outside the areas. */
export function withOnlyAreas(image: PageImage, areas: readonly PixelArea[]): PageImage {
  const gray = new Uint8Array(image.gray.length).fill(255);
  for (const { box } of areas) {
    for (let y = box.top; y < box.bottom; y++) gray.set(image.gray.subarray(y * image.width + box.left, y * image.width + box.right), y * image.width + box.left);
  }
  return { ...image, gray };
}

/** The areas where a page `width` × `height` was turned `degrees` clockwise (to read it upright). */
export function turnAreas(areas: readonly PixelArea[], width: number, height: number, degrees: QuarterTurn): PixelArea[] {
  if (degrees === 0) return [...areas];
  return areas.map(({ box }) => {
    const [x0, y0] = quarterTurnPixel(box.left, box.top, width, height, degrees);
    const [x1, y1] = quarterTurnPixel(box.right - 1, box.bottom - 1, width, height, degrees);
    // Column separators are across the page as the user saw it: after a turn they no longer are.
    return { box: { left: Math.min(x0, x1), top: Math.min(y0, y1), right: Math.max(x0, x1) + 1, bottom: Math.max(y0, y1) + 1 }, columns: null };
  });
}

const overlaps = (a: PixelBox, b: PixelBox) => overlapArea(a, b) > 0;

/** The areas to read as one table each: those with --columns, and those where no table was detected. */
export function areasToReadWhole(areas: readonly PixelArea[], grids: readonly CellGrid[]): PixelArea[] {
  return areas.filter((area) => area.columns !== null || !grids.some((grid) => overlaps(grid.box, area.box)));
}

/**
 * The tables once the whole-area ones are in: a detected table overlapping an area read whole
 * gives way to it. `toTable` makes a page table of an area's grid.
 */
export function withAreaTables<T extends { grid: CellGrid }>(tables: readonly T[], wholeAreas: readonly PixelArea[], words: readonly Word[], dpi: number, toTable: (grid: CellGrid) => T): T[] {
  const areaGrids = wholeAreas.map((area) => gridFromArea(words, area, dpi)).filter((grid): grid is CellGrid => grid !== null);
  const kept = tables.filter((table) => !wholeAreas.some((area) => overlaps(table.grid.box, area.box)));
  const placed = [...kept, ...areaGrids.map(toTable)].map((table) => ({ box: table.grid.box, table }));
  return sortReadingOrder(placed).map(({ table }) => table);
}
