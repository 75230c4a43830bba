// What crosses the worker boundary: plain data in, plain data out (plus transferred pixel
// buffers). Expected failures come back as `status: 'failed'` values, because error classes do
// not survive the structured clone.
import type { LanguageSource } from '../ocr/language-data.js';
import { noModelTimes, type ModelTimes } from '../ocr/ocr-engine.js';
import type { PaddleModelFiles } from '../ocr/paddle/model-files.js';
import type { OcrMode } from '../options.js';
import type { PageArea } from '../page-area.js';
import type { CellGrid, OcrLayout, PageLayout, PixelBox, TableCrop, Word } from '../types.js';

/** Read one page: its text layer or its rendering, its tables, and their OCR crops where needed. */
export interface PageTask {
  kind: 'page';
  pdfPath: string;
  password: string | null;
  pageNumber: number;
  dpi: number;
  maxPagePixels: number;
  ocrMode: OcrMode;
  /** The OCR languages (for checking a scan's text layer against its image, too). */
  languages: LanguageSource[];
  /** `--lang auto` with CJK data installed: a scanned page that reads as CJK adds these languages; else null. */
  autoCjkLanguages: LanguageSource[] | null;
  /** Where to search the page for tables (--area, --columns); empty: the whole page. */
  areas: PageArea[];
  /** `--lang auto` without CJK data (tesseract.js): a scanned page the Latin model reads unsurely gets a warning. */
  warnIfNotLatin: boolean;
  /** PP-OCR's files when it reads this page's scans (else tesseract.js, in `languages`). */
  paddle: PaddleModelFiles | null;
  startTimeoutMs: number;
  /** Folder for this page's debug picture (--debug-dir), or null. */
  debugDir: string | null;
  /** 1 for the first try, 2 for the retry after a crash or a timeout. */
  attempt: number;
}


/** A page task's thread time (ms) by stage. */
export interface PageTimings {
  renderMs: number;
  /** Reading the text layer and the vector graphics. */
  textMs: number;
  /** Finding tables in the page's image (rulings, orientation). */
  detectMs: number;
  /** Tables found in the layout of the page's words. */
  structureMs: number;
  /** OCR done in the page task, by purpose (the table crops are OCR tasks of their own). */
  ocr: {
    /** `--lang auto`: which script the page is in. */
    probeMs: number;
    /** The whole-page pass of a word-layout page, and caption lines. */
    pageMs: number;
    /** Unsure words of word-layout tables read again. */
    rereadMs: number;
  };
  /** The part of that OCR spent in the engine's models, by what they do. */
  models: ModelTimes;
}

export const noPageTimings = (): PageTimings => ({ renderMs: 0, textMs: 0, detectMs: 0, structureMs: 0, ocr: { probeMs: 0, pageMs: 0, rereadMs: 0 }, models: noModelTimes() });

/** All the OCR a page task did. */
export const pageOcrMs = ({ ocr }: PageTimings): number => ocr.probeMs + ocr.pageMs + ocr.rereadMs;

/** A table found on a page: its words from the text layer, or a crop still to OCR. */
export type PageTable =
  | { source: 'text-layer'; grid: CellGrid; words: Word[] }
  /** Found in the layout of a whole-page OCR pass: already read. */
  | { source: 'ocr-words'; grid: CellGrid; words: Word[] }
  /** A crop still to OCR (a ruled table of a scan). */
  | { source: 'crop'; grid: CellGrid; crop: TableCrop };

export type PageTaskResult =
  | {
      kind: 'page';
      status: 'ok';
      pageNumber: number;
      dpi: number;
      tables: PageTable[];
      /** Nothing on the page (a blank or separator page): it was neither searched nor OCR'd. */
      empty: boolean;
      /** The languages its tables are to be OCR'd in (the task's, or with `--lang auto` perhaps CJK first). */
      languages: LanguageSource[];
      /** PP-OCR's files when its tables are to be read with it; null when tesseract.js reads them (also after PP-OCR failed to start here). */
      paddle: PaddleModelFiles | null;
      warnings: string[];
      /** What was decided for the page and why, for --verbose. */
      notes: string[];
      layout: PageLayout;
      timings: PageTimings;
    }
  /** `fatal`: the run cannot go on (e.g. --ocr never and a page needs OCR); else the page is skipped. */
  | { kind: 'page'; status: 'failed'; pageNumber: number; error: string; fatal: boolean };

/** OCR one table crop. */
export interface OcrTask {
  kind: 'ocr';
  pageNumber: number;
  /** 0-based, reading order on its page. */
  tableIndex: number;
  /** 1 for the first try, 2 for the retry. */
  attempt: number;
  crop: TableCrop;
  /** The grid's cells in crop coordinates. */
  cellBoxes: PixelBox[];
  layout: OcrLayout;
  languages: LanguageSource[];
  /** PP-OCR's files, or null for tesseract.js in `languages`. */
  paddle: PaddleModelFiles | null;
  pageSegmentationMode: number;
  /** How much larger than usual the cells are read: 1 at first, more for a second reading of doubtful figures. */
  upscale: number;
  startTimeoutMs: number;
  /** Where to write the crop with its OCR'd words (--debug-dir), or null. */
  debugFile: string | null;
}

export type OcrTaskResult =
  | { kind: 'ocr'; status: 'ok'; words: Word[]; ocrMs: number; models: ModelTimes }
  /** `engineFailed`: the OCR engine could not start, so no table can be read (fatal for the run). */
  | { kind: 'ocr'; status: 'failed'; error: string; engineFailed: boolean };

export type PoolTask = PageTask | OcrTask;
export type PoolTaskResult = PageTaskResult | OcrTaskResult;
