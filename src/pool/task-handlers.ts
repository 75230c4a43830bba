// The work a pool thread does, with the state it keeps between tasks: each thread opens a PDF
// once and keeps it open, and creates one tesseract.js worker on its first OCR task.
import { performance } from 'node:perf_hooks';
import { errorText } from '../errors.js';
import type { LanguageSource } from '../ocr/language-data.js';
import { readTableCrop } from '../ocr/read-table-crop.js';
import { TesseractEngine, languageKeyOf } from '../ocr/tesseract-engine.js';
import { openPdf, readPdfFile, type PdfDocument } from '../pdf/open-pdf.js';
import { writeOverlayPng } from '../report/debug-overlay.js';
import { readPage } from './read-page.js';
import type { OcrTask, OcrTaskResult, PageTask, PageTaskResult } from './tasks.js';

// A tesseract.js worker's WASM heap never shrinks: start a fresh one after this many OCR tasks
// (tables), so a long run's memory stays flat (a restart costs ~0.35 s).
const ENGINE_RECYCLE_AFTER_TASKS = 200;

/** A thread's tesseract.js worker, how many callers use it now, and how many tasks it has had. */
interface EngineEntry {
  key: string;
  engine: Promise<TesseractEngine>;
  users: number;
  tasks: number;
  /** Replaced by a fresh engine: terminated once its last user is done. */
  retired: boolean;
}

interface EngineLease {
  engine: Promise<TesseractEngine>;
  release: () => void;
}

/** Per-thread state. One instance per pool thread (or one for the in-process executor). */
export class TaskHandlers {
  private readonly documents = new Map<string, Promise<PdfDocument>>();
  private engine: EngineEntry | null = null;

  private openDocument(pdfPath: string, password: string | null): Promise<PdfDocument> {
    const key = `${pdfPath}\0${password ?? ''}`;
    let document = this.documents.get(key);
    if (!document) {
      document = readPdfFile(pdfPath).then((data) => openPdf(data, password, pdfPath));
      document.catch(() => this.documents.delete(key));
      this.documents.set(key, document);
    }
    return document;
  }

  async runPageTask(task: PageTask): Promise<PageTaskResult> {
    try {
      const document = await this.openDocument(task.pdfPath, task.password);
      const page = await document.getPage(task.pageNumber);
      try {
        return await readPage(page, task, (work) => this.withEngine(task.languages, task.startTimeoutMs, work));
      } finally {
        page.cleanup();
      }
    } catch (error) {
      return { kind: 'page', status: 'failed', pageNumber: task.pageNumber, error: errorText(error), fatal: false };
    }
  }

  /** The engine for `languages`, counted as in use by one more caller until `release`. */
  private acquireEngine(languages: LanguageSource[], startTimeoutMs: number): EngineLease {
    const key = languageKeyOf(languages);
    let entry = this.engine;
    if (!entry || entry.key !== key || entry.tasks >= ENGINE_RECYCLE_AFTER_TASKS) {
      if (entry) this.retire(entry);
      const created: EngineEntry = { key, engine: TesseractEngine.create(languages, startTimeoutMs), users: 0, tasks: 0, retired: false };
      // A failed start is not kept: the next task tries again.
      created.engine.catch(() => {
        if (this.engine === created) this.engine = null;
      });
      this.engine = entry = created;
    }
    const leased = entry;
    leased.users++;
    leased.tasks++;
    return {
      engine: leased.engine,
      release: () => {
        leased.users--;
        if (leased.retired && leased.users === 0) leased.engine.then((engine) => engine.terminate()).catch(() => undefined);
      },
    };
  }

  private retire(entry: EngineEntry): void {
    entry.retired = true;
    if (this.engine === entry) this.engine = null;
    if (entry.users === 0) entry.engine.then((engine) => engine.terminate()).catch(() => undefined);
  }

  /** Runs `work` with this thread's engine to itself. */
  private async withEngine<T>(languages: LanguageSource[], startTimeoutMs: number, work: (engine: TesseractEngine) => Promise<T>): Promise<T> {
    const lease = this.acquireEngine(languages, startTimeoutMs);
    try {
      const engine = await lease.engine;
      return await engine.exclusive(() => work(engine));
    } finally {
      lease.release();
    }
  }

  async runOcrTask(task: OcrTask): Promise<OcrTaskResult> {
    const start = performance.now();
    let engineStarted = false;
    try {
      const words = await this.withEngine(task.languages, task.startTimeoutMs, (engine) => {
        engineStarted = true;
        return readTableCrop(engine, task.crop, task.cellBoxes, { layout: task.layout, pageSegmentationMode: task.pageSegmentationMode });
      });
      if (task.debugFile) {
        const { crop } = task;
        await writeOverlayPng(task.debugFile, crop.width, crop.height, crop.gray, { rulings: [], grids: [], words, cellBoxes: task.cellBoxes });
      }
      return { kind: 'ocr', status: 'ok', words, ocrMs: performance.now() - start };
    } catch (error) {
      if (!engineStarted) return { kind: 'ocr', status: 'failed', error: `the OCR engine did not start: ${errorText(error)}`, engineFailed: true };
      return { kind: 'ocr', status: 'failed', error: errorText(error), engineFailed: false };
    }
  }

  /** Closes the documents and the tesseract.js worker (a live one keeps the process alive). */
  async close(): Promise<void> {
    const documents = [...this.documents.values()];
    this.documents.clear();
    await Promise.all(documents.map((document) => document.then((doc) => doc.destroy()).catch(() => undefined)));
    const entry = this.engine;
    this.engine = null;
    await entry?.engine.then((engine) => engine.terminate()).catch(() => undefined);
  }
}
