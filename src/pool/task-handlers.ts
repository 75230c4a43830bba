// The work a pool thread does, with the state it keeps between tasks: each thread opens a PDF
// once and keeps it open, and creates one tesseract.js worker on its first OCR task.
import { performance } from 'node:perf_hooks';
import { detectTables } from '../detect/detect-tables.js';
import { errorText } from '../errors.js';
import { cropTableForOcr } from '../ocr/crop-table.js';
import { readTableCrop } from '../ocr/read-table-crop.js';
import { TesseractEngine, languageKeyOf } from '../ocr/tesseract-engine.js';
import { openPdf, readPdfFile, type PdfDocument } from '../pdf/open-pdf.js';
import { renderPage } from '../pdf/render-page.js';
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
      const renderStart = performance.now();
      const rendered = await renderPage(document, task.pageNumber, { dpi: task.dpi, maxPagePixels: task.maxPagePixels });
      const detectStart = performance.now();
      const detection = detectTables(rendered.image);
      const tables = detection.grids.map((grid) => ({ grid, crop: cropTableForOcr(detection.image, grid) }));
      const detectEnd = performance.now();
      return {
        kind: 'page',
        status: 'ok',
        pageNumber: task.pageNumber,
        dpi: detection.image.dpi,
        skewDegrees: detection.skewDegrees,
        tables,
        warnings: rendered.warning ? [rendered.warning] : [],
        renderMs: detectStart - renderStart,
        detectMs: detectEnd - detectStart,
      };
    } catch (error) {
      return { kind: 'page', status: 'failed', pageNumber: task.pageNumber, error: errorText(error) };
    }
  }

  private getEngine(task: OcrTask): Promise<TesseractEngine> {
    const key = languageKeyOf(task.languages);
    if (!this.engine || this.engineKey !== key) {
      const previous = this.engine;
      previous?.then((engine) => engine.terminate()).catch(() => undefined);
      this.engineKey = key;
      this.engine = TesseractEngine.create(task.languages, task.startTimeoutMs);
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
      engine = await this.getEngine(task);
    } catch (error) {
      return { kind: 'ocr', status: 'failed', error: `the OCR engine did not start: ${errorText(error)}`, engineFailed: true };
    }
    try {
      const start = performance.now();
      const words = await readTableCrop(engine, task.crop, task.cellBoxes, { layout: task.layout, pageSegmentationMode: task.pageSegmentationMode });
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
