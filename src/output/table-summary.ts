// What the run report and the JSON output say about each table: where it is, where it came from,
// its size and how sure OCR was of it.
import { SETTINGS } from '../options.js';
import type { PixelBox, TypedTable } from '../types.js';
import { POINTS_PER_INCH } from '../measure.js';

export interface BoxJson {
  /** In page pixels at `dpi`, origin top-left. */
  pixels: PixelBox;
  /** In PDF points (1/72 inch) from the page's top-left corner, as the page is shown (after /Rotate). */
  points: PixelBox;
  dpi: number;
}

export interface TableSummary {
  /** The page it starts on (1-based). */
  page: number;
  /** Its position on that page in reading order (1-based). */
  index: number;
  /** Every page it covers (more than one when joined across pages). */
  pages: number[];
  source: 'text-layer' | 'ocr';
  box: BoxJson;
  rows: number;
  columns: number;
  confidence: {
    /** Mean and lowest cell confidence (0-100) over OCR'd cells with text; null for text-layer tables. */
    mean: number | null;
    min: number | null;
    /** Cells below the low-confidence threshold. */
    lowCells: number;
    threshold: number;
  };
  /** Total rows' figures checked against the rows they close, and how many did not add up (each such cell has a comment). */
  totals: { checked: number; notAddingUp: number };
  /** Cells whose value is in doubt, written as text with a fill and a comment. */
  doubtfulValues: number;
  /** The parts on following pages, for a joined table. */
  continuations: { page: number; box: BoxJson; firstRow: number; droppedHeaderRows: number }[];
  warnings: string[];
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;

export function boxJson(box: PixelBox, dpi: number): BoxJson {
  const toPoints = (pixels: number) => round((pixels * POINTS_PER_INCH) / dpi, 2);
  return {
    pixels: { ...box },
    points: { left: toPoints(box.left), top: toPoints(box.top), right: toPoints(box.right), bottom: toPoints(box.bottom) },
    dpi,
  };
}

export function summariseTable(table: TypedTable): TableSummary {
  const confidences = table.cells.filter((cell) => cell.text !== '' && cell.confidence !== null).map((cell) => cell.confidence!);
  return {
    page: table.pageNumber,
    index: table.tableIndex + 1,
    pages: [table.pageNumber, ...table.continuations.map((part) => part.pageNumber)],
    source: table.source,
    box: boxJson(table.box, table.dpi),
    rows: table.rowCount,
    columns: table.columnCount,
    confidence: {
      mean: confidences.length > 0 ? round(confidences.reduce((sum, value) => sum + value, 0) / confidences.length) : null,
      min: confidences.length > 0 ? round(Math.min(...confidences)) : null,
      lowCells: table.cells.filter((cell) => cell.check !== null).length,
      threshold: SETTINGS.lowConfidence,
    },
    totals: { checked: table.totals.length, notAddingUp: table.totals.filter((total) => !total.addsUp).length },
    doubtfulValues: table.cells.filter((cell) => cell.doubtfulValue).length,
    continuations: table.continuations.map((part) => ({ page: part.pageNumber, box: boxJson(part.box, part.dpi), firstRow: part.firstRow, droppedHeaderRows: part.droppedHeaderRows })),
    warnings: table.warnings,
  };
}
