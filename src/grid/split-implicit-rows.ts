// Rows that a ruled table does not rule: tables ruled only between columns, or only under the
// header (three-line tables), give one tall grid row holding many rows of text. Where every
// column's text breaks at the same blank band, the band is a row boundary.
import type { CellGrid, GridCell } from '../types.js';

export interface ImplicitRowSettings {
  /** Kept clear of each cell's borders when looking at its ink (the ruling and its blur). */
  marginPx: number;
  /** Blank bands thinner than this are the leading inside a line of text (accents, descenders). */
  minGapPx: number;
  /** Ink bands thinner than this are specks or an underline, not a line of text. */
  minLineHeightPx: number;
}

/** Mask value of dark ink (text). */
const DARK_INK = 1;
// Share of a row's inked columns whose text must lie on both sides of a blank band for the band
// to split the row: one wrapped cell beside one-line cells is one row, not two.
const MIN_SPLITTING_COLUMNS_RATIO = 0.75;
// A line of a column with extra lines that reaches this share of its cell's width wrapped into
// the line below (a short line followed by another is a heading of its own).
const WRAPPED_LINE_REACH_RATIO = 0.6;
// A two-line first row is most often a header whose labels wrap, not two rows.
const MIN_LINES_TO_SPLIT_FIRST_ROW = 3;

/**
 * Whether the first column's lines beyond `usual` are headings of their own: exactly that many of
 * its lines have nothing beside them in the listed columns, and none of those continues a line
 * above it that reaches across the cell (wrapped text).
 */
function headingsExplainExtraLines(cell: GridCell, bands: Band[], listed: Band[][], usual: number, settings: ImplicitRowSettings): boolean {
  const beside = (band: Band) => listed.some((others) => others.some((other) => other.top < band.bottom && band.top < other.bottom));
  const left = cell.box.left + settings.marginPx;
  const reach = left + WRAPPED_LINE_REACH_RATIO * (cell.box.right - settings.marginPx - left);
  const alone = bands.map((band, k) => ({ band, k })).filter(({ band }) => !beside(band));
  if (bands.length - alone.length !== usual) return false;
  return alone.every(({ k }) => k === 0 || bands[k - 1].right < reach);
}

interface Band {
  top: number;
  bottom: number; // exclusive
  /** The rightmost ink of the band (exclusive). */
  right: number;
}

/** y bands of ink in `cell` (rows of the mask with ink inside its margins), thin gaps joined, specks dropped. */
function inkBands(mask: Uint8Array, width: number, cell: GridCell, settings: ImplicitRowSettings): Band[] {
  const left = cell.box.left + settings.marginPx;
  const right = cell.box.right - settings.marginPx;
  const bands: Band[] = [];
  for (let y = cell.box.top + settings.marginPx; y < cell.box.bottom - settings.marginPx; y++) {
    let inkRight = -1;
    for (let x = right - 1, o = y * width; x >= left && inkRight < 0; x--) if (mask[o + x] === DARK_INK) inkRight = x + 1;
    if (inkRight < 0) continue;
    const last = bands[bands.length - 1];
    if (last && y - last.bottom < settings.minGapPx) {
      last.bottom = y + 1;
      last.right = Math.max(last.right, inkRight);
    } else {
      bands.push({ top: y, bottom: y + 1, right: inkRight });
    }
  }
  return bands.filter((band) => band.bottom - band.top >= settings.minLineHeightPx);
}

/** Where one grid row splits: the middles of the blank bands that most of its inked columns break at. */
function rowSplits(mask: Uint8Array, width: number, rowCells: GridCell[], settings: ImplicitRowSettings, isFirstRow: boolean): number[] {
  const inked = rowCells.map((cell) => ({ cell, bands: inkBands(mask, width, cell, settings) })).filter(({ bands }) => bands.length > 0);
  const bandsByCell = inked.map(({ bands }) => bands);
  if (bandsByCell.length < 2) return [];
  // The row's text lines: the union of its cells' ink bands.
  const lines = bandsByCell.flat().sort((a, b) => a.top - b.top).reduce<Band[]>((merged, band) => {
    const last = merged[merged.length - 1];
    if (last && band.top < last.bottom + settings.minGapPx) last.bottom = Math.max(last.bottom, band.bottom);
    else merged.push({ ...band });
    return merged;
  }, []);
  if (lines.length < 2 || (isFirstRow && lines.length < MIN_LINES_TO_SPLIT_FIRST_ROW)) return [];
  // Rows of a list hold one line per column (a sparse column has fewer): most columns have the
  // same count of lines and none has more. Labels wrapped to different lengths (a header row)
  // or one wrapped cell give a column with more lines than the others: one row. The first column
  // may hold more: lines of its own (a section heading such as 'Operating expenses:') that have
  // nothing beside them, unless such a line is the wrapped rest of a line reaching across its cell.
  const counts = bandsByCell.map((bands) => bands.length);
  const usual = Math.max(...counts.slice(1));
  const listed = bandsByCell.slice(1).filter((bands) => bands.length === usual);
  let agreeing = listed.length;
  if (counts[0] === usual) agreeing++;
  if (counts[0] > usual) {
    if (!headingsExplainExtraLines(inked[0].cell, bandsByCell[0], listed, usual, settings)) return [];
    agreeing++;
  }
  if (counts[0] === usual) listed.push(bandsByCell[0]);
  if (usual < 2 || listed.length < 2 || agreeing < MIN_SPLITTING_COLUMNS_RATIO * counts.length) return [];
  const splits: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const y = Math.round((lines[i - 1].bottom + lines[i].top) / 2);
    if (listed.every((bands) => bands.some((band) => band.bottom <= y) && bands.some((band) => band.top >= y))) splits.push(y);
  }
  return splits;
}

/**
 * Splits grid rows at the blank bands between their text lines where the columns agree (see the
 * top of this file); cells spanning several rows keep spanning. Returns the grid unchanged when
 * no row splits.
 */
export function splitImplicitRows(grid: CellGrid, mask: Uint8Array, width: number, settings: ImplicitRowSettings): CellGrid {
  const rows = grid.rowEdges.length - 1;
  const splitsByRow = new Map<number, number[]>();
  for (let row = 0; row < rows; row++) {
    const rowCells = grid.cells.filter((cell) => cell.row === row && cell.rowSpan === 1);
    const splits = rowSplits(mask, width, rowCells, settings, row === 0);
    if (splits.length > 0) splitsByRow.set(row, splits);
  }
  if (splitsByRow.size === 0) return grid;
  const rowEdges = [...grid.rowEdges, ...[...splitsByRow.values()].flat()].sort((a, b) => a - b);
  const rowAt = (y: number) => rowEdges.indexOf(y);
  const cells: GridCell[] = [];
  for (const cell of grid.cells) {
    const top = grid.rowEdges[cell.row];
    const bottom = grid.rowEdges[cell.row + cell.rowSpan];
    const splits = cell.rowSpan === 1 ? splitsByRow.get(cell.row) : undefined;
    if (!splits) {
      cells.push({ ...cell, row: rowAt(top), rowSpan: rowAt(bottom) - rowAt(top), box: { ...cell.box } });
      continue;
    }
    const edges = [top, ...splits, bottom];
    for (let k = 0; k + 1 < edges.length; k++) {
      const box = { ...cell.box, top: k === 0 ? cell.box.top : edges[k], bottom: k === edges.length - 2 ? cell.box.bottom : edges[k + 1] };
      cells.push({ ...cell, row: rowAt(edges[k]), rowSpan: 1, box });
    }
  }
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { ...grid, rowEdges, cells };
}
