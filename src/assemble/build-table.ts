// A cell grid plus the words read in it → an ExtractedTable (no pixels past this point).
import type { CellGrid, ExtractedTable, Word } from '../types.js';
import { assignWordsToCells, cellConfidence, cellText } from './assign-words-to-cells.js';
import { correctByColumn } from './column-consensus.js';
import { findDoubtfulCells, findGluedFigures } from './find-doubtful-cells.js';

export interface TableOrigin {
  pageNumber: number;
  tableIndex: number;
  dpi: number;
  source: ExtractedTable['source'];
  /** OCR confidence (0-100) below which a number's reading is in doubt. */
  lowConfidence: number;
}

/** Builds the table; `words` are in page pixels. `warnings` are carried into the table. */
export function buildTable(grid: CellGrid, words: Word[], origin: TableOrigin, warnings: string[] = []): ExtractedTable {
  const wordsByCell = assignWordsToCells(grid, words);
  const read = wordsByCell.map(cellText);
  // OCR'd cells: confusions the other cells of their column give away are undone (header row aside).
  const texts = origin.source === 'ocr' ? correctByColumn(read, grid.cells.map((cell) => cell.col), grid.cells.map((cell) => cell.row === 0)) : read;
  const doubts = origin.source === 'ocr'
    ? findDoubtfulCells(
        texts.map((text, index) => ({ text, minConfidence: wordsByCell[index].length > 0 ? Math.min(...wordsByCell[index].map((word) => word.confidence)) : null })),
        grid.cells.map((cell) => cell.col),
        grid.cells.map((cell) => cell.row),
        origin.lowConfidence,
      )
    : grid.cells.map(() => null);
  if (origin.source === 'ocr') {
    const glued = findGluedFigures(grid.cells.map((cell, index) => ({ row: cell.row, col: cell.col, colSpan: cell.colSpan, text: texts[index] })));
    glued.forEach((doubt, index) => (doubts[index] ??= doubt));
  }
  return {
    pageNumber: origin.pageNumber,
    tableIndex: origin.tableIndex,
    rowCount: grid.rowEdges.length - 1,
    columnCount: grid.columnEdges.length - 1,
    cells: grid.cells.map((cell, index) => ({
      row: cell.row,
      col: cell.col,
      rowSpan: cell.rowSpan,
      colSpan: cell.colSpan,
      text: texts[index],
      confidence: origin.source === 'ocr' ? cellConfidence(wordsByCell[index]) : null,
      doubt: doubts[index],
    })),
    box: grid.box,
    columnEdges: grid.columnEdges,
    dpi: origin.dpi,
    source: origin.source,
    continuations: [],
    warnings,
  };
}
