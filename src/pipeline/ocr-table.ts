// One table crop through the pool: its cell boxes moved into the crop, OCR'd on a pool thread,
// the words moved back into page pixels, retried once after a crash or a timeout.
import path from 'node:path';
import { OcrError } from '../errors.js';
import type { LanguageSource } from '../ocr/language-data.js';
import type { PaddleModelFiles } from '../ocr/paddle/model-files.js';
import { SETTINGS, type Options } from '../options.js';
import type { CellGrid, ModelTimes, PixelBox, TableCrop, Word } from '../types.js';
import { retryOnce, type Attempted } from './retry-once.js';
import type { TaskExecutor } from './task-executor.js';
import type { OcrTaskResult } from './tasks.js';

const boxInCrop = (box: PixelBox, crop: TableCrop): PixelBox => ({
  left: box.left - crop.offsetLeft,
  top: box.top - crop.offsetTop,
  right: box.right - crop.offsetLeft,
  bottom: box.bottom - crop.offsetTop,
});

const wordsOnPage = (words: Word[], crop: TableCrop): Word[] =>
  words.map((word) => ({
    ...word,
    box: { left: word.box.left + crop.offsetLeft, top: word.box.top + crop.offsetTop, right: word.box.right + crop.offsetLeft, bottom: word.box.bottom + crop.offsetTop },
  }));

export interface OcrTableJob {
  pageNumber: number;
  tableIndex: number;
  grid: CellGrid;
  crop: TableCrop;
  languages: LanguageSource[];
  paddle: PaddleModelFiles | null;
  /** Only these of the grid's cells (all when absent), read this much larger than usual (1 when absent). */
  only?: { cellIndexes: number[]; upscale: number };
}

interface OcrTableWords {
  /** In page pixels. */
  words: Word[];
  ocrMs: number;
  /** The part of ocrMs in the engine's models. */
  models: ModelTimes;
  /** The crop's pixels, untouched, when the first try read it (a second reading needs them); else null. */
  crop: TableCrop | null;
}

export type OcrTableOutcome = Attempted<OcrTableWords>;

/**
 * The table's words in page pixels, or why OCR failed twice. Throws OcrError when the engine
 * itself cannot start (missing or broken language data): no table could be read then.
 */
export async function ocrTable(executor: TaskExecutor, job: OcrTableJob, options: Options, log: (message: string) => void): Promise<OcrTableOutcome> {
  const { pageNumber, tableIndex, grid, crop } = job;
  const cells = job.only ? job.only.cellIndexes.map((index) => grid.cells[index]) : grid.cells;
  const cellBoxes = cells.map(({ box }) => boxInCrop(box, crop));
  // The crop's pixels are transferred to the worker; the retry needs its own copy.
  const retryPixels = crop.gray.slice();
  let retried = false;
  return retryOnce<OcrTaskResult, OcrTableWords>(
    (attempt) => {
      retried = attempt > 1;
      return executor.runOcr(
        {
          kind: 'ocr',
          pageNumber,
          tableIndex,
          attempt,
          crop: attempt === 1 ? crop : { ...crop, gray: retryPixels },
          cellBoxes,
          layout: SETTINGS.ocrLayout,
          languages: job.languages,
          paddle: job.paddle,
          pageSegmentationMode: SETTINGS.pageSegmentationMode,
          upscale: job.only?.upscale ?? 1,
          startTimeoutMs: options.ocrStartTimeoutMs,
          debugFile: options.debugDir ? path.join(options.debugDir, `page-${pageNumber}-table-${tableIndex + 1}-ocr${job.only ? '-reread' : ''}.png`) : null,
        },
        options.taskTimeoutMs,
      );
    },
    (result) => {
      if (result.status === 'ok') return { value: { words: wordsOnPage(result.words, crop), ocrMs: result.ocrMs, models: result.models, crop: retried ? null : { ...crop, gray: retryPixels } } };
      if (result.engineFailed) throw new OcrError(result.error);
      return { failure: result.error };
    },
    (reason) => log(`page ${pageNumber}, table ${tableIndex + 1}: OCR failed (${reason}); trying once more`),
  );
}
