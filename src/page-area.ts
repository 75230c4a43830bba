// --area top,left,bottom,right and --columns x1,x2,…: where to look for tables when detection
// needs help (tabula's --area/--columns, Camelot's table_areas/columns). Lengths are PDF points
// from the page's top-left corner as it is displayed, or percentages of its width/height (`10%`).
import { UsageError } from './errors.js';
import type { PixelArea } from './types.js';
import { POINTS_PER_INCH } from './measure.js';

/** A length on the page: PDF points, or a percentage of the page's width (x) or height (y). */
export interface PageLength {
  value: number;
  unit: 'pt' | '%';
}

/** A region to search, and where its column separators are when given. */
export interface PageArea {
  top: PageLength;
  left: PageLength;
  bottom: PageLength;
  right: PageLength;
  /** x positions of the column separators inside the area (--columns); null: found from the layout. */
  columns: PageLength[] | null;
}

const AREA_HINT = 'give top,left,bottom,right in PDF points from the page\'s top-left corner, or percentages, e.g. --area 100,50,400,550 or --area 10%,0%,60%,100%';
const COLUMNS_HINT = 'give the x positions of the column separators, in PDF points from the page\'s left edge or percentages, e.g. --columns 120,250,380';

function parseLength(token: string, option: string, spec: string, hint: string): PageLength {
  const match = /^(\d+(?:\.\d+)?|\.\d+)(%?)$/.exec(token.trim());
  if (!match) throw new UsageError(`option ${option}: '${spec}' is not valid ('${token}' is not a length)`, hint);
  const length: PageLength = { value: Number(match[1]), unit: match[2] === '%' ? '%' : 'pt' };
  if (length.unit === '%' && length.value > 100) throw new UsageError(`option ${option}: '${spec}' is not valid (${token} is past the page)`, hint);
  return length;
}

/** `top,left,bottom,right`; throws a UsageError naming the option. */
export function parseArea(spec: string): Omit<PageArea, 'columns'> {
  const tokens = spec.split(',');
  if (tokens.length !== 4) throw new UsageError(`option --area: '${spec}' is not valid (it needs 4 values, not ${tokens.length})`, AREA_HINT);
  const [top, left, bottom, right] = tokens.map((token) => parseLength(token, '--area', spec, AREA_HINT));
  // Units may differ per value; the order is checked where both are the same unit (else per page).
  const before = (a: PageLength, b: PageLength) => a.unit !== b.unit || a.value < b.value;
  if (!before(top, bottom) || !before(left, right)) throw new UsageError(`option --area: '${spec}' is not valid (top must be above bottom and left before right)`, AREA_HINT);
  return { top, left, bottom, right };
}

export function parseColumns(spec: string): PageLength[] {
  return spec.split(',').map((token) => parseLength(token, '--columns', spec, COLUMNS_HINT));
}

/**
 * The areas of --area and --columns. One --columns applies to every area; several pair up with
 * the areas in order. --columns without --area is for the whole page.
 */
export function resolveAreas(areaSpecs: readonly string[], columnSpecs: readonly string[]): PageArea[] {
  const columns = columnSpecs.map(parseColumns);
  const whole: Omit<PageArea, 'columns'> = { top: { value: 0, unit: '%' }, left: { value: 0, unit: '%' }, bottom: { value: 100, unit: '%' }, right: { value: 100, unit: '%' } };
  const areas = areaSpecs.length > 0 ? areaSpecs.map(parseArea) : columns.length > 0 ? [whole] : [];
  if (columns.length > 1 && columns.length !== areas.length) {
    throw new UsageError(`option --columns: given ${columns.length} times for ${areas.length} area${areas.length === 1 ? '' : 's'}`, 'give --columns once (for every --area) or once per --area, in the same order');
  }
  return areas.map((area, index) => ({ ...area, columns: columns.length === 0 ? null : columns[columns.length === 1 ? 0 : index] }));
}

/**
 * The areas in pixels of a page image `width` × `height` rendered at `dpi`, clipped to it (an area
 * wholly off the page is dropped). Column separators outside their area are left out.
 */
export function areasInPixels(areas: readonly PageArea[], width: number, height: number, dpi: number): PixelArea[] {
  const x = (length: PageLength) => (length.unit === '%' ? (length.value / 100) * width : (length.value * dpi) / POINTS_PER_INCH);
  const y = (length: PageLength) => (length.unit === '%' ? (length.value / 100) * height : (length.value * dpi) / POINTS_PER_INCH);
  return areas.flatMap((area): PixelArea[] => {
    const box = {
      left: Math.max(0, Math.round(x(area.left))),
      top: Math.max(0, Math.round(y(area.top))),
      right: Math.min(width, Math.round(x(area.right))),
      bottom: Math.min(height, Math.round(y(area.bottom))),
    };
    if (box.right <= box.left || box.bottom <= box.top) return [];
    const columns = area.columns?.map((column) => Math.round(x(column))).filter((position) => position > box.left && position < box.right).sort((a, b) => a - b) ?? null;
    return [{ box, columns }];
  });
}
