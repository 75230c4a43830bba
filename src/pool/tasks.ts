// What crosses the worker boundary: plain data in, plain data out (plus transferred pixel
// buffers). Expected failures come back as `status: 'failed'` values, because error classes do
// not survive the structured clone.
import type { LanguageSource } from '../ocr/language-data.js';
import type { OcrLayout } from '../ocr/read-table-crop.js';
import type { CellGrid, OcrWord, PixelBox, TableCrop } from '../types.js';

/** Render one page, find its tables, cut their line-erased crops. */
export interface PageTask {
  kind: 'page';
  pdfPath: string;
  password: string | null;
  pageNumber: number;
  dpi: number;
  maxPagePixels: number;
}

export interface PageTable {
  grid: CellGrid;
  crop: TableCrop;
}

export type PageTaskResult =
  | {
      kind: 'page';
      status: 'ok';
      pageNumber: number;
      dpi: number;
      skewDegrees: number;
      tables: PageTable[];
      warnings: string[];
      renderMs: number;
      detectMs: number;
    }
  | { kind: 'page'; status: 'failed'; pageNumber: number; error: string };

/** OCR one table crop. */
export interface OcrTask {
  kind: 'ocr';
  crop: TableCrop;
  /** The grid's cells in crop coordinates. */
  cellBoxes: PixelBox[];
  layout: OcrLayout;
  languages: LanguageSource[];
  pageSegmentationMode: number;
  startTimeoutMs: number;
}

export type OcrTaskResult =
  | { kind: 'ocr'; status: 'ok'; words: OcrWord[]; ocrMs: number }
  /** `engineFailed`: the OCR engine could not start, so no table can be read (fatal for the run). */
  | { kind: 'ocr'; status: 'failed'; error: string; engineFailed: boolean };

export type PoolTask = PageTask | OcrTask;
export type PoolTaskResult = PageTaskResult | OcrTaskResult;
