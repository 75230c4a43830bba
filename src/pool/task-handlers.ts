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

/** Per-thread state. One instance per pool thread (or one for the in-process executor). */
export class TaskHandlers {
  private readonly documents = new Map<string, Promise<PdfDocument>>();
  private engine: Promise<TesseractEngine> | null = null;
  private engineKey = '';

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
        return await readPage(page, task, () => this.getEngine(task.languages, task.startTimeoutMs));
      } finally {
        page.cleanup();
      }
    } catch (error) {
      return { kind: 'page', status: 'failed', pageNumber: task.pageNumber, error: errorText(error), fatal: false };
    }
  }

  private getEngine(languages: LanguageSource[], startTimeoutMs: number): Promise<TesseractEngine> {
    const key = languageKeyOf(languages);
    if (!this.engine || this.engineKey !== key) {
      const previous = this.engine;
      previous?.then((engine) => engine.terminate()).catch(() => undefined);
      this.engineKey = key;
      this.engine = TesseractEngine.create(languages, startTimeoutMs);
      // A failed start is not cached: the next task tries again.
      this.engine.catch(() => {
        if (this.engineKey === key) this.engine = null;
      });
    }
    return this.engine;
  }

  async runOcrTask(task: OcrTask): Promise<OcrTaskResult> {
    let engine: TesseractEngine;
    try {
      engine = await this.getEngine(task.languages, task.startTimeoutMs);
    } catch (error) {
      return { kind: 'ocr', status: 'failed', error: `the OCR engine did not start: ${errorText(error)}`, engineFailed: true };
    }
    try {
      const start = performance.now();
      const words = await readTableCrop(engine, task.crop, task.cellBoxes, { layout: task.layout, pageSegmentationMode: task.pageSegmentationMode });
      if (task.debugFile) {
        const { crop } = task;
        await writeOverlayPng(task.debugFile, crop.width, crop.height, crop.gray, { rulings: [], grids: [], words, cellBoxes: task.cellBoxes });
      }
      return { kind: 'ocr', status: 'ok', words, ocrMs: performance.now() - start };
    } catch (error) {
      return { kind: 'ocr', status: 'failed', error: errorText(error), engineFailed: false };
    }
  }

  /** Closes the documents and the tesseract.js worker (a live one keeps the process alive). */
  async close(): Promise<void> {
    const documents = [...this.documents.values()];
    this.documents.clear();
    await Promise.all(documents.map((document) => document.then((doc) => doc.destroy()).catch(() => undefined)));
    const engine = this.engine;
    this.engine = null;
    await engine?.then((e) => e.terminate()).catch(() => undefined);
  }
}
