// One page through the pool: its task, retried once after a crash or a timeout. A failed result
// (the page cannot be read) would fail again, so only a crash or a timeout is retried.
import type { LanguageSource } from '../ocr/language-data.js';
import { addModelTimes } from '../ocr/ocr-engine.js';
import type { PaddleModelFiles } from '../ocr/paddle/model-files.js';
import type { Options } from '../options.js';
import type { StageTimings } from '../types.js';
import { retryOnce } from './retry-once.js';
import type { TaskExecutor } from './task-executor.js';
import { pageOcrMs, type PageTaskResult, type PageTimings } from './tasks.js';

export interface PageLanguages {
  languages: LanguageSource[];
  /** `--lang auto` with CJK data installed: added on pages that read as CJK; else null. */
  autoCjkLanguages: LanguageSource[] | null;
  /** `--lang auto` without CJK data: warn of a page the Latin model reads unsurely. */
  warnIfNotLatin: boolean;
  /** PP-OCR's files when it reads the scans; null for tesseract.js. */
  paddle: PaddleModelFiles | null;
}

/** The page's tables (words or crops to OCR), or a failed result saying why it was skipped. */
export async function readPageThroughPool(executor: TaskExecutor, pageNumber: number, languages: PageLanguages, options: Options, log: (message: string) => void): Promise<PageTaskResult> {
  const attempted = await retryOnce(
    (attempt) =>
      executor.runPage(
        {
          kind: 'page',
          pdfPath: options.input,
          password: options.password,
          pageNumber,
          dpi: options.dpi,
          maxPagePixels: options.maxPagePixels,
          ocrMode: options.ocrMode,
          areas: options.areas,
          ...languages,
          startTimeoutMs: options.ocrStartTimeoutMs,
          debugDir: options.debugDir,
          attempt,
        },
        options.taskTimeoutMs,
      ),
    (result: PageTaskResult) => ({ value: result }),
    (reason) => log(`page ${pageNumber}: ${reason}; trying once more`),
  );
  return attempted.ok ? attempted.value : { kind: 'page', status: 'failed', pageNumber, error: `it failed twice (${attempted.reason})`, fatal: false };
}

/** Adds a page task's times to the run's (thread time, summed over pages). */
export function addPageTimings(timings: StageTimings, page: PageTimings): void {
  timings.renderMs += page.renderMs;
  timings.textMs += page.textMs;
  timings.detectMs += page.detectMs;
  timings.structureMs += page.structureMs;
  timings.ocrMs += pageOcrMs(page);
  addModelTimes(timings.ocrModels, page.models);
  timings.ocrProbeMs += page.ocr.probeMs;
  timings.ocrPageMs += page.ocr.pageMs;
  timings.ocrRereadMs += page.ocr.rereadMs;
}
