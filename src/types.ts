// The data that crosses stage boundaries, and nothing else.
// One coordinate space after rendering: pixels at the render DPI, origin top-left,
// x to the right, y downwards. Right/bottom edges are exclusive.

/** A rectangle in page pixels (at the page's render DPI). `right`/`bottom` are exclusive. */
export interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** An 8-bit grayscale page bitmap: 0 is black, 255 is white, row-major, `width` bytes per row. */
export interface PageImage {
  pageNumber: number; // 1-based
  dpi: number;
  width: number;
  height: number;
  gray: Uint8Array;
}

/** One straight ruling line found in a page bitmap. */
export interface Ruling {
  orientation: 'horizontal' | 'vertical';
  /** Centre of the line across its direction: y for horizontal, x for vertical. */
  position: number;
  /** Extent along its direction: x range for horizontal, y range for vertical (end exclusive). */
  start: number;
  end: number;
  /** Line thickness in pixels. */
  thickness: number;
}

/** A filled rectangle and its colour: '#rrggbb', or 'pattern' for a shading or tiling pattern. */
export interface Fill extends PixelBox {
  color: string;
}

/** What a born-digital page draws, in the render viewport's pixels (origin top-left, /Rotate applied). */
export interface VectorGraphics {
  /** Straight axis-aligned strokes, sides of stroked rectangles, and thin filled rectangles. */
  rulings: Ruling[];
  /** Filled rectangles too large to be lines, neither white nor a page background; touching pieces of one colour joined. */
  fills: Fill[];
  /** Where images (including stencil masks) are painted: their unit square under the CTM. */
  imageBoxes: PixelBox[];
  /**
   * Drawn lines that are not axis-aligned (strokes, sides of filled shapes other than
   * rectangles) and the chords of curves, as flat x0, y0, x1, y1 quadruples: chart series and
   * diagonals, which cross a chart's gridlines but never a table's borders.
   */
  obliqueSegments: number[];
}

/** A region of a page image to search for tables (--area), and its column separators (--columns; null: from the layout). */
export interface PixelArea {
  box: PixelBox;
  columns: number[] | null;
}

/** One cell of a table grid; a merged cell spans several grid rows and/or columns. */
export interface GridCell {
  row: number; // 0-based grid row of the top-left corner
  col: number; // 0-based grid column of the top-left corner
  rowSpan: number; // >= 1
  colSpan: number; // >= 1
  box: PixelBox; // between the ruling centres that bound it
}

/** A table's cell structure in page pixels. */
export interface CellGrid {
  box: PixelBox; // the table's outer box
  /** x positions of the column boundaries, ascending; columns = columnEdges.length - 1. */
  columnEdges: number[];
  /** y positions of the row boundaries, ascending; rows = rowEdges.length - 1. */
  rowEdges: number[];
  /** Every grid position is covered by exactly one cell; cells in row-major order of their top-left corner. */
  cells: GridCell[];
}

/** What table detection found on one page. */
export interface PageDetection {
  /** The image the grids refer to: the input, or a deskewed copy of it. */
  image: PageImage;
  /** The rotation applied to deskew the page, in degrees (0 when none). */
  skewDegrees: number;
  rulings: Ruling[];
  /** Tables in reading order: top to bottom, then left to right. */
  grids: CellGrid[];
}

/** A word read by OCR or from the PDF's text layer, in the coordinates of the image it was read from. */
export interface Word {
  text: string;
  confidence: number; // 0-100; 100 for text-layer words
  box: PixelBox;
  /**
   * Set on a stand-in for a word of running text that a page pass found but did not read (its box
   * from the ink, its text unknown): the number of the line it is part of.
   */
  unreadLine?: number;
}

/** A grayscale image cut out of a page, with its position on the page. */
export interface TableCrop {
  /** Position of the crop's top-left pixel on the page. */
  offsetLeft: number;
  offsetTop: number;
  width: number;
  height: number;
  gray: Uint8Array; // owns its ArrayBuffer, so it can be transferred to a worker
  dpi: number;
}

/** One cell of an extracted table, in grid position. */
export interface ExtractedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** Mean word confidence (0-100); null for an empty cell or text-layer text. */
  confidence: number | null;
  /** Why the value read may be wrong (e.g. a decimal place count its column disagrees with); null when nothing says so. */
  doubt: string | null;
}

/** A finished table: what the workbook writer needs, no pixels. */
export interface ExtractedTable {
  pageNumber: number; // 1-based
  tableIndex: number; // 0-based, reading order on its page
  rowCount: number;
  columnCount: number;
  /** One entry per grid cell (merged cells once, at their top-left corner). */
  cells: ExtractedCell[];
  /** The table's box on its (first) page, in pixels at `dpi`. */
  box: PixelBox;
  /** x of the column boundaries on the (first) page, in pixels at `dpi`. */
  columnEdges: number[];
  dpi: number;
  source: 'ocr' | 'text-layer';
  /** Where the table goes on when it was joined with its continuation on the following pages. */
  continuations: TableContinuation[];
  /** Non-fatal problems with this table (e.g. OCR failed, cells left empty). */
  warnings: string[];
}

/** A part of a joined table on a following page. */
export interface TableContinuation {
  pageNumber: number;
  box: PixelBox;
  dpi: number;
  /** Its first row in the joined table (0-based), after any repeated header rows were dropped. */
  firstRow: number;
  /** Header rows it repeated, dropped from the joined table. */
  droppedHeaderRows: number;
}

/** How tables are laid out in the workbook: one sheet each, one sheet per page, or all stacked on one sheet. */
export type SheetLayout = 'per-table' | 'per-page' | 'one';

// ---- Between the page and the join ----

/** A horizontal band of text (a line, or lines that touch), in page pixels. */
export interface TextBand {
  top: number;
  bottom: number;
  /** Its words left to right, where they are known (text layer or page OCR); absent for ink found in pixels. */
  text?: string;
}

/** A page's size in pixels (as read, turned upright) and its text outside tables, for joining tables across pages. */
export interface PageLayout {
  width: number;
  height: number;
  textBands: TextBand[];
}

/** A page as the join of continued tables sees it. */
export interface PageGeometry {
  pageNumber: number;
  dpi: number;
  layout: PageLayout;
}

/** How a table crop is OCR'd: each non-empty cell on its own, or the whole crop at once. */
export type OcrLayout = 'cells' | 'table';

// ---- Typed tables: what the writers write ----

/** A cell's value in a spreadsheet. */
export type CellValue =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number; numFmt: string } // numFmt: an Excel number format code
  | { kind: 'date'; value: Date; numFmt: string }; // value: a Date at UTC midnight of that day

export interface TypedCell extends ExtractedCell {
  /** Why the reader should check this cell against the PDF; null when nothing says so. */
  check: string | null;
  /**
   * The value itself is in doubt (a number misread by its column's pattern, a total that does not
   * add up): the cell is written as its text with a visible fill, whatever --mark-low-confidence says.
   */
  doubtfulValue: boolean;
}

/** A total row's figure checked against the rows it closes. */
export interface TotalCheck {
  row: number;
  col: number;
  addsUp: boolean;
}

/** A joined table, typed: the writers write it as it is. */
export interface TypedTable extends ExtractedTable {
  cells: TypedCell[];
  /** values[row][col]; positions covered by a merged cell hold empty text. */
  values: CellValue[][];
  /** How many top rows are header rows (labels: never typed). */
  headerRows: number;
  /** The totals checked, one per total row and additive column. */
  totals: TotalCheck[];
}

// ---- The run ----

/** Thread time (ms) an OCR engine spent in its models, by what they do. */
export interface ModelTimes {
  /** Finding the text lines of a page or block (PP-OCR's detector). */
  findTextMs: number;
  /** Telling upside-down lines (PP-OCR's direction classifier). */
  classifyMs: number;
  /** Reading lines (PP-OCR's recognizer; all of Tesseract's work, which finds and reads in one). */
  recognizeMs: number;
}

export interface StageTimings {
  openMs: number;
  /** Summed over pages / tables: thread time, not wall time. */
  renderMs: number;
  /** Reading text layers and vector graphics. */
  textMs: number;
  /** Finding tables in page images (rulings, orientation). */
  detectMs: number;
  /** Finding tables in the layout of words (text layer or page pass). */
  structureMs: number;
  /** All OCR; its parts below: the `--lang auto` probe, whole-page passes, re-reads, table cells. */
  ocrMs: number;
  ocrProbeMs: number;
  ocrPageMs: number;
  /** Unsure words of word-layout tables read again. */
  ocrRereadMs: number;
  ocrCellsMs: number;
  /** The part of all OCR spent in the engines' models: finding text, classifying direction, reading. */
  ocrModels: ModelTimes;
  /** Words into cells, on the main thread. */
  assembleMs: number;
  writeMs: number;
  totalMs: number;
}

/** How busy the run kept the machine. */
export interface RunLoad {
  /** User + system CPU time of the whole process (all threads). */
  cpuMs: number;
  /** Share of the run the main thread's event loop was busy (scheduling, gathering, assembling, writing). */
  mainThreadBusyRatio: number;
  /**
   * Of the main thread's busy time, the part while the pool was working (scheduling, gathering,
   * assembling): it overlaps the workers. The rest (open, join, write) is serial with them.
   */
  mainThreadBusyMs: number;
  mainThreadBusyDuringPoolMs: number;
  /**
   * Thread time of the tasks (render, text, detect, OCR) over the pool's wall time × threads: how
   * busy the workers were.
   */
  poolBusyRatio: number;
}

export interface RunResult {
  tables: TypedTable[];
  /**
   * Pages and tables that could not be read (a page skipped, a table left empty), each also a
   * warning: the run finished, but its output lacks them (EXIT_CODES.partial).
   */
  failures: string[];
  /** Files written (none when the output went to standard output). */
  outputFiles: string[];
  pageNumbers: number[];
  /** The pages read (skipped pages are missing), in page order. */
  pages: PageGeometry[];
  /** Pages with nothing on them (blank or separator pages), in page order. */
  emptyPages: number[];
  warnings: string[];
  timings: StageTimings;
  load: RunLoad;
}

/** What extraction gives, before anything is written. */
export type ExtractionResult = Omit<RunResult, 'outputFiles'>;
