// Test helper: draw born-digital pages with pdf-lib (text placed at points, top-left origin;
// rules; justified paragraphs) and read them back as the pipeline would: text-layer words at
// 300 DPI, the page's horizontal rulings, and the boxes of ruled tables found from vectors.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { buildTable } from '../../src/assemble/build-table.ts';
import { detectVectorTables } from '../../src/detect/detect-vector-tables.ts';
import { detectWordTables } from '../../src/layout/detect-word-tables.ts';
import { openPdf } from '../../src/pdf/open-pdf.ts';
import { readTextLayer } from '../../src/pdf/read-text-layer.ts';
import { readVectorGraphics } from '../../src/pdf/read-vector-graphics.ts';
import type { CellGrid, ExtractedTable, PixelBox, Ruling, Word } from '../../src/types.ts';
import { layoutHints, wordsInside } from '../../src/pipeline/worker/page-tables.ts';
import { gridProblem } from './mono-words.ts';

export const PAGE_WIDTH_PT = 612;
export const PAGE_HEIGHT_PT = 792;
export const FONT_SIZE_PT = 10;
export const LEADING_PT = 13;

export type Align = 'left' | 'right' | 'centre';

/** Draws on one page in points from the top-left corner. */
export class PageDrawer {
  constructor(
    readonly page: PDFPage,
    readonly font: PDFFont,
    readonly bold: PDFFont,
  ) {}

  width(text: string, sizePt = FONT_SIZE_PT, bold = false): number {
    return (bold ? this.bold : this.font).widthOfTextAtSize(text, sizePt);
  }

  /** Text whose baseline is at `yPt` from the top; `xPt` is its left, right or centre by `align`. */
  text(text: string, xPt: number, yPt: number, options: { align?: Align; sizePt?: number; bold?: boolean } = {}): void {
    const size = options.sizePt ?? FONT_SIZE_PT;
    const width = this.width(text, size, options.bold);
    const x = options.align === 'right' ? xPt - width : options.align === 'centre' ? xPt - width / 2 : xPt;
    this.page.drawText(text, { x, y: PAGE_HEIGHT_PT - yPt, size, font: options.bold ? this.bold : this.font });
  }

  /** A horizontal rule at `yPt` from the top. */
  rule(x1Pt: number, x2Pt: number, yPt: number, thicknessPt = 0.6): void {
    this.page.drawLine({ start: { x: x1Pt, y: PAGE_HEIGHT_PT - yPt }, end: { x: x2Pt, y: PAGE_HEIGHT_PT - yPt }, thickness: thicknessPt, color: rgb(0, 0, 0) });
  }

  /** A stroked rectangle (a frame), top-left origin. */
  frame(leftPt: number, topPt: number, rightPt: number, bottomPt: number): void {
    this.page.drawRectangle({
      x: leftPt,
      y: PAGE_HEIGHT_PT - bottomPt,
      width: rightPt - leftPt,
      height: bottomPt - topPt,
      borderColor: rgb(0, 0, 0),
      borderWidth: 0.6,
    });
  }

  /** A filled rectangle (zebra shading), top-left origin. */
  shade(leftPt: number, topPt: number, rightPt: number, bottomPt: number, gray = 0.92): void {
    this.page.drawRectangle({ x: leftPt, y: PAGE_HEIGHT_PT - bottomPt, width: rightPt - leftPt, height: bottomPt - topPt, color: rgb(gray, gray, gray) });
  }

  /**
   * A paragraph of `text` wrapped to `widthPt`, first baseline at `yPt`; justified lines get their
   * spare width spread over the word spaces (the last line stays ragged). Returns the baseline
   * below the last line.
   */
  paragraph(text: string, xPt: number, yPt: number, widthPt: number, options: { justify?: boolean; indentPt?: number; hangingPt?: number } = {}): number {
    const words = text.split(/\s+/).filter(Boolean);
    const space = this.width(' ');
    const lines: string[][] = [];
    let current: string[] = [];
    let lineWidth = 0;
    const available = (index: number) => widthPt - (index === 0 ? (options.indentPt ?? 0) : (options.hangingPt ?? 0));
    for (const word of words) {
      const w = this.width(word);
      if (current.length > 0 && lineWidth + space + w > available(lines.length)) {
        lines.push(current);
        current = [];
        lineWidth = 0;
      }
      lineWidth += (current.length > 0 ? space : 0) + w;
      current.push(word);
    }
    if (current.length > 0) lines.push(current);
    let y = yPt;
    lines.forEach((line, index) => {
      const x0 = xPt + (index === 0 ? (options.indentPt ?? 0) : (options.hangingPt ?? 0));
      const natural = line.reduce((sum, word) => sum + this.width(word), 0);
      const last = index === lines.length - 1;
      const gap = options.justify && !last && line.length > 1 ? (available(index) - natural) / (line.length - 1) : space;
      let x = x0;
      for (const word of line) {
        this.text(word, x, y);
        x += this.width(word) + gap;
      }
      y += LEADING_PT;
    });
    return y;
  }
}

/** What detectWordTables gets for a page, as the pipeline would pass it. */
export interface ReadPage {
  words: Word[];
  page: { width: number; height: number; dpi: number };
  /** Every vector ruling of the page. */
  rulings: Ruling[];
  ruledGrids: CellGrid[];
}

/** Builds one Letter page with `draw` and reads it back at `dpi`. */
export async function drawPage(draw: (d: PageDrawer) => void, dpi = 300): Promise<ReadPage> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([PAGE_WIDTH_PT, PAGE_HEIGHT_PT]);
  const drawer = new PageDrawer(page, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  draw(drawer);
  return readPdfPage(await pdf.save(), 1, dpi);
}

/** Words, horizontal rulings (outside ruled tables) and ruled grids of one page of a PDF. */
export async function readPdfPage(bytes: Uint8Array, pageNumber: number, dpi = 300): Promise<ReadPage> {
  const document = await openPdf(bytes.slice(), null, 'test.pdf'); // openPdf detaches what it is given
  try {
    const pdfPage = await document.getPage(pageNumber);
    const viewport = pdfPage.getViewport({ scale: dpi / 72 });
    const page = { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), dpi };
    const layer = await readTextLayer(pdfPage, viewport);
    const graphics = await readVectorGraphics(pdfPage, viewport);
    const ruledGrids = detectVectorTables(graphics, page);
    return { words: layer.words, page, rulings: graphics.rulings, ruledGrids };
  } finally {
    await document.destroy();
  }
}

/**
 * Runs detectWordTables on a read page with the hints the pipeline gives it (the ruled tables
 * excluded, the rules outside them), checks each grid's contract, and builds each table from the
 * words in its box, as the pipeline does.
 */
export function wordTablesOf(read: ReadPage, hints = layoutHints(read.ruledGrids, read.rulings)): { grids: CellGrid[]; tables: ExtractedTable[] } {
  const grids = detectWordTables(read.words, read.page, hints);
  for (const grid of grids) {
    const problem = gridProblem(grid);
    if (problem) throw new Error(`grid breaks the CellGrid contract: ${problem}`);
  }
  const tables = grids.map((grid, i) => buildTable(grid, wordsInside(read.words, grid.box, read.page.dpi), { pageNumber: 1, tableIndex: i, dpi: read.page.dpi, source: 'text-layer', lowConfidence: 60 }));
  return { grids, tables };
}

/** A table's texts as rows of strings (merged cells: text in the top-left cell, '' in the covered ones). */
export function rowsOf(table: ExtractedTable): string[][] {
  const rows = Array.from({ length: table.rowCount }, () => Array.from({ length: table.columnCount }, () => ''));
  for (const cell of table.cells) rows[cell.row][cell.col] = cell.text;
  return rows;
}

/** The merged cells of a table as 'r,c+rowSpan x colSpan' strings. */
export function spansOf(table: ExtractedTable): string[] {
  return table.cells.filter((c) => c.rowSpan > 1 || c.colSpan > 1).map((c) => `${c.row},${c.col}:${c.rowSpan}x${c.colSpan}`);
}

export const LOREM = [
  'The committee reviewed the annual figures in detail and found that the growth in the northern region was driven mostly by new contracts signed in the second half of the year.',
  'Costs rose less than expected because the price of raw materials stayed flat, while the savings from the new logistics centre began to show in the last quarter of the period under review.',
  'For the coming year the board expects moderate growth, provided that demand in the export markets holds up and that the planned investments in the southern plants are completed on schedule.',
  'A detailed breakdown of the results by region and by product line is given in the tables of the appendix, together with the notes on the accounting methods used throughout this report.',
];
