// The work a pool thread does, with the state it keeps between tasks: an open PDF and a
// tesseract.js worker, each reused for a number of tasks and then replaced.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { errorText } from '../../errors.js';
import { SETTINGS } from '../../options.js';
import type { LanguageSource } from '../../ocr/language-data.js';
import { groupLanguagesByScript, type CellEngines } from '../../ocr/cell-readers.js';
import { readTableCrop } from '../../ocr/read-table-crop.js';
import { addModelTimesBetween, noModelTimes, type ModelTimes, type OcrEngine } from '../../ocr/ocr-engine.js';
import type { PaddleModelFiles } from '../../ocr/paddle/model-files.js';
import { PaddleEngine } from '../../ocr/paddle/paddle-engine.js';
import { TesseractEngine, languageKeyOf } from '../../ocr/tesseract-engine.js';
import { FileDrawingCosts, type DrawingCost } from '../../pdf/drawing-cost.js';
import { findOversizedImages } from '../../pdf/oversized-images.js';
import { MAX_DECODED_BYTES } from '../../pdf/raw-objects.js';
import { MAX_IMAGE_PIXELS, openPdfFile, pageBytesReadBy, type PdfDocument } from '../../pdf/open-pdf.js';
import { collectPdfjsWarnings } from '../../pdf/pdfjs-warnings.js';
import { writeOverlayPng } from '../../report/debug-overlay.js';
import { collectGarbage, collectYoungGarbage } from '../../pool/collect-garbage.js';
import { readPage } from './read-page.js';
import { RecycledResource } from '../../pool/recycled-resource.js';
import type { TaskHandler } from '../../pool/executor.js';
import type { OcrTask, OcrTaskResult, PageTask, PageTaskResult, PoolTask, PoolTaskResult } from '../tasks.js';

// A test hook, not a user option: PDF2XLSX_TEST_HOOK names a module whose beforeTask() runs
// before each task (the fault tests' test/support/fault-hook.mjs makes chosen tasks fail, hang or
// crash their thread). Unset, as for every user, nothing is loaded.
interface TestHook {
  beforeTask(task: { kind: 'ocr' | 'page'; pageNumber: number; tableIndex: number | null; attempt: number }): Promise<void>;
}
const testHookFile = process.env.PDF2XLSX_TEST_HOOK;
const testHook: Promise<TestHook | null> = testHookFile ? import(pathToFileURL(testHookFile).href) : Promise.resolve(null);

// A tesseract.js worker's WASM heap never shrinks: start a fresh one after this many OCR tasks
// (tables), so a long run's memory stays flat (a restart costs ~0.35 s).
const ENGINE_RECYCLE_AFTER_TASKS = 200;
// pdf.js keeps every byte range of the file it has read (a scan's page images included): reopen
// the document once its pages have read this much, so memory follows the pages in flight, not
// the file size (about 20 pages of a 300-DPI scan). Reopening reads the xref, the page tree and
// fonts again (~70 ms for a 200-page scan), and the drawing costs scan the file's bytes again
// (~60 ms for 200 MB).
const DOCUMENT_RECYCLE_AFTER_BYTES = 8 * 1024 * 1024;

// pdf.js's words when it does not decode an image over MAX_IMAGE_PIXELS.
const IMAGE_LEFT_OUT = /image exceeded maximum allowed size/i;

/** The warning for a page whose images pdf.js left out for their size, naming them where it can. */
async function imagesLeftOutWarning(task: PageTask): Promise<string> {
  const images = await findOversizedImages(task.pdfPath, MAX_IMAGE_PIXELS);
  const named = images.map((image) => `object ${image.objectNumber}, ${image.width}×${image.height} = ${Math.round((image.width * image.height) / 1e6)} MP`);
  const which = named.length > 0 ? ` (the file's images over the limit: ${named.join('; ')})` : '';
  return `page ${task.pageNumber}: an image larger than ${MAX_IMAGE_PIXELS / 1e6} MP was left out, not decoded${which}; what it shows is missing from this page`;
}

/** Why a page is not given to pdf.js, or null when it may be. */
function tooCostlyBecause({ nesting, operators }: DrawingCost): string | null {
  if (operators === Infinity) return `its content is over ${MAX_DECODED_BYTES / 2 ** 20} MB once decompressed, which pdf.js would try to hold in memory`;
  if (nesting > SETTINGS.maxGraphicsNesting) {
    return `its content nests the graphics state ${nesting} deep (q without Q; PDF's own limit is 28), over the ${SETTINGS.maxGraphicsNesting} this tool reads: pdf.js's time grows with the square of the depth`;
  }
  if (operators > SETTINGS.maxPageOperators) {
    return `drawing it takes ${operators} operators (a form counted each time it is drawn), over the ${SETTINGS.maxPageOperators} this tool reads: pdf.js would take minutes and gigabytes over it`;
  }
  return null;
}

/** An open PDF and the reader of its pages' drawing costs: one file's handles, replaced and closed together. */
interface OpenPdf {
  document: PdfDocument;
  drawingCosts: FileDrawingCosts;
}

/** Per-thread state. One instance per pool thread (or one for the in-process executor). */
export class TaskHandlers implements TaskHandler<PoolTask, PoolTaskResult> {
  private readonly pdf = new RecycledResource<OpenPdf>(
    async ({ document, drawingCosts }) => {
      await Promise.all([document.destroy(), drawingCosts.close()]);
    },
    (pdf) => pdf !== undefined && pageBytesReadBy(pdf.document) >= DOCUMENT_RECYCLE_AFTER_BYTES,
  );
  /** One engine per set of languages (a thread reading `chi_sim+eng` cell by cell has a Latin and a CJK one). */
  private readonly engines = new Map<string, RecycledResource<TesseractEngine>>();
  /** PP-OCR's sessions, made on first use and kept (ONNX Runtime's memory does not creep like tesseract.js's heap). */
  private readonly paddle = new RecycledResource<PaddleEngine>((engine) => engine.terminate(), () => false);
  /** Why PP-OCR could not start on this thread, once it failed: tesseract.js reads from then on. */
  private paddleFailure: string | null = null;

  run(task: PoolTask): Promise<PoolTaskResult> {
    return task.kind === 'ocr' ? this.runOcrTask(task) : this.runPageTask(task);
  }

  async runPageTask(task: PageTask): Promise<PageTaskResult> {
    let rendered = true;
    try {
      await (await testHook)?.beforeTask({ kind: 'page', pageNumber: task.pageNumber, tableIndex: null, attempt: task.attempt });
      const key = JSON.stringify([task.pdfPath, task.password]);
      const open = async (): Promise<OpenPdf> => ({
        document: await openPdfFile(task.pdfPath, task.password),
        drawingCosts: new FileDrawingCosts(task.pdfPath),
      });
      const models = noModelTimes();
      const result = await this.pdf.use(key, open, async ({ document, drawingCosts }) => {
        const page = await document.getPage(task.pageNumber);
        // Checked before pdf.js reads the page's content, which it cannot be stopped from doing.
        const tooCostly = page.ref ? tooCostlyBecause(await drawingCosts.ofPage(page.ref.num)) : null;
        if (tooCostly) return { kind: 'page', status: 'failed', pageNumber: task.pageNumber, error: tooCostly, fatal: false } satisfies PageTaskResult;
        try {
          const failedBefore = this.paddleFailure;
          const { result, warnings } = await collectPdfjsWarnings(() => readPage(page, task, (languages) => (work) => this.withEngine(languages, task.paddle, task.startTimeoutMs, models, work)));
          if (result.status === 'ok') result.timings.models = models;
          if (result.status === 'ok' && warnings.some((warning) => IMAGE_LEFT_OUT.test(warning))) result.warnings.push(await imagesLeftOutWarning(task));
          if (result.status === 'ok' && task.paddle && this.paddleFailure) {
            // Its tables are read by tesseract.js too; the thread says so once.
            result.paddle = null;
            if (!failedBefore) result.warnings.push(`PP-OCR could not start (${this.paddleFailure}); scans are read with tesseract.js`);
          }
          return result;
        } finally {
          page.cleanup();
        }
      });
      rendered = result.status !== 'ok' || result.timings.renderMs > 0;
      return result;
    } catch (error) {
      return { kind: 'page', status: 'failed', pageNumber: task.pageNumber, error: errorText(error), fatal: false };
    } finally {
      // Text-layer pages leave little behind and take milliseconds: no collection for them.
      if (rendered) collectGarbage();
    }
  }

  /**
   * Runs `work` with this thread's engine to itself: PP-OCR when `paddle` names its files and it
   * starts, else tesseract.js for `languages`.
   */
  private async withEngine<T>(languages: LanguageSource[], paddle: PaddleModelFiles | null, startTimeoutMs: number, models: ModelTimes, work: (engine: OcrEngine) => Promise<T>): Promise<T> {
    if (paddle && !this.paddleFailure) {
      let started = false;
      try {
        return await this.paddle.use('paddle', () => PaddleEngine.create(paddle, SETTINGS.paddle, { collectYoungGarbage }), (ready) => {
          started = true;
          return ready.exclusive(() => timedInModels(ready, models, () => work(ready)));
        });
      } catch (error) {
        if (started) throw error;
        this.paddleFailure = errorText(error);
      }
    }
    return this.withTesseract(languages, startTimeoutMs, models, work);
  }

  /** Runs `work` with this thread's tesseract.js engine for `languages` to itself. */
  private withTesseract<T>(languages: LanguageSource[], startTimeoutMs: number, models: ModelTimes, work: (engine: TesseractEngine) => Promise<T>): Promise<T> {
    const key = languageKeyOf(languages);
    let engine = this.engines.get(key);
    if (!engine) {
      engine = new RecycledResource<TesseractEngine>((done) => done.terminate(), (_engine, tasks) => tasks >= ENGINE_RECYCLE_AFTER_TASKS);
      this.engines.set(key, engine);
    }
    const create = () => TesseractEngine.create(languages, startTimeoutMs);
    return engine.use(key, create, (ready) => ready.exclusive(() => timedInModels(ready, models, () => work(ready))));
  }

  /**
   * Runs `work` with the engines for a table's cells: one for all the languages, or, when they mix
   * CJK and other scripts, one per script (always taken in the same order, so tasks sharing the
   * engines in-process cannot wait on each other).
   */
  private withCellEngines<T>(languages: LanguageSource[], paddle: PaddleModelFiles | null, startTimeoutMs: number, models: ModelTimes, work: (engines: CellEngines) => Promise<T>): Promise<T> {
    const { cjk, latin } = groupLanguagesByScript(languages);
    // PP-OCR reads both scripts in one pass.
    if ((paddle && !this.paddleFailure) || cjk.length === 0 || latin.length === 0) return this.withEngine(languages, paddle, startTimeoutMs, models, (engine) => work({ kind: 'single', engine }));
    return this.withTesseract(latin, startTimeoutMs, models, (latinEngine) =>
      this.withTesseract(cjk, startTimeoutMs, models, (cjkEngine) => work({ kind: 'by-script', latin: latinEngine, cjk: cjkEngine, cjkFirst: cjk.includes(languages[0]) })));
  }

  async runOcrTask(task: OcrTask): Promise<OcrTaskResult> {
    const start = performance.now();
    let engineStarted = false;
    const models = noModelTimes();
    try {
      const words = await this.withCellEngines(task.languages, task.paddle, task.startTimeoutMs, models, async (engines) => {
        engineStarted = true;
        await (await testHook)?.beforeTask({ kind: 'ocr', pageNumber: task.pageNumber, tableIndex: task.tableIndex, attempt: task.attempt });
        return readTableCrop(engines, task.crop, task.cellBoxes, { layout: task.layout, pageSegmentationMode: task.pageSegmentationMode, upscale: task.upscale });
      });
      if (task.debugFile) {
        const { crop } = task;
        await writeOverlayPng(task.debugFile, crop.width, crop.height, crop.gray, { rulings: [], grids: [], words, cellBoxes: task.cellBoxes });
      }
      return { kind: 'ocr', status: 'ok', words, ocrMs: performance.now() - start, models };
    } catch (error) {
      if (!engineStarted) return { kind: 'ocr', status: 'failed', error: `the OCR engine did not start: ${errorText(error)}`, engineFailed: true };
      return { kind: 'ocr', status: 'failed', error: errorText(error), engineFailed: false };
    }
  }

  /**
   * Gives up the work in progress (it ran past its time): the OCR engine is terminated, which ends
   * a hung recognition, and the document is closed; the next task makes fresh ones.
   */
  abandonWork(): void {
    for (const engine of this.engines.values()) engine.discardCurrent();
    // A fresh PP-OCR engine for the next task (the given-up work may still hold this one's queue);
    // its sessions are released once that work ends, never in the middle of an inference.
    this.paddle.retireCurrent();
    this.pdf.discardCurrent();
  }

  /** Closes the document and the tesseract.js worker (a live one keeps the process alive). */
  async close(): Promise<void> {
    await this.pdf.closeAll();
    for (const engine of this.engines.values()) await engine.closeAll();
    await this.paddle.closeAll();
  }
}

/**
 * Runs `work` (which has `engine` to itself) and adds the time the engine spent in its models
 * meanwhile to `models`. The engine counts on as other tasks use it, hence the difference.
 */
async function timedInModels<T>(engine: OcrEngine, models: ModelTimes, work: () => Promise<T>): Promise<T> {
  const before = { ...engine.modelTimes };
  try {
    return await work();
  } finally {
    addModelTimesBetween(models, before, engine.modelTimes);
  }
}
