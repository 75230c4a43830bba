// What the steps of one page task share: the page's rendering (made once, when first needed), its
// engines, and what the task gives back besides its tables (notes, warnings, layout, timings).
import path from 'node:path';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils.js';
import { timed } from '../../measure.js';
import type { LanguageSource } from '../../ocr/language-data.js';
import type { WithEngine } from '../../ocr/ocr-engine.js';
import { pageViewportFor, renderPage } from '../../pdf/render-page.js';
import { collectGarbage } from '../../pool/collect-garbage.js';
import { writeOverlayPng, type OverlayContent } from '../../report/debug-overlay.js';
import type { PageImage, PageLayout, PixelArea } from '../../types.js';
import { noPageTimings, type PageTable, type PageTask, type PageTaskResult, type PageTimings } from '../tasks.js';

export interface PageContext {
  task: PageTask;
  dpi: number;
  /** Turned when the page's text runs sideways; the rendering follows it. */
  viewport: PageViewport;
  render: () => Promise<PageImage>;
  /** An engine for the task's languages. */
  withEngine: WithEngine;
  /** An engine for other languages (`--lang auto`). */
  withEngineFor: (languages: LanguageSource[]) => WithEngine;
  /** The languages the page's tables are OCR'd in. */
  languages: LanguageSource[];
  notes: string[];
  /** Problems the user should hear of (printed as warnings, in the report). */
  warnings: string[];
  timings: PageTimings;
  writeDebugPicture: (pageImage: PageImage, content: OverlayContent) => Promise<void>;
  /** The page's size and its text outside tables, set by the path that read the page. */
  layout: PageLayout;
  /** Set when the page has nothing on it. */
  empty: boolean;
  /** --area in this page's pixels (set by the path that reads the page), or null for the whole page. */
  areas: PixelArea[] | null;
}

export function createPageContext(page: PDFPageProxy, task: PageTask, withEngineFor: (languages: LanguageSource[]) => WithEngine): PageContext {
  const { dpi, viewport, warning } = pageViewportFor(page, task);
  let image: Promise<PageImage> | null = null;
  const context: PageContext = {
    task,
    dpi,
    viewport,
    withEngine: withEngineFor(task.languages),
    withEngineFor,
    languages: task.languages,
    notes: [],
    warnings: warning ? [warning] : [],
    timings: noPageTimings(),
    layout: { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), textBands: [] },
    empty: false,
    areas: null,
    render: () => (image ??= timed(context.timings, 'renderMs', () => renderAndFree(page, context.viewport, dpi))),
    writeDebugPicture: async (pageImage, content) => {
      if (!task.debugDir) return;
      await writeOverlayPng(path.join(task.debugDir, `page-${task.pageNumber}.png`), pageImage.width, pageImage.height, pageImage.gray, content);
    },
  };
  return context;
}

async function renderAndFree(page: PDFPageProxy, viewport: PageViewport, dpi: number): Promise<PageImage> {
  const image = await renderPage(page, viewport, dpi);
  // The decoded page images pdf.js keeps for redrawing are not needed past this point: free
  // them, and collect the decoder's dead buffers (~50 MB for a 300-DPI colour scan; V8 lets
  // that much external memory pile up before it collects), before detection allocates its
  // own bitmaps. Measured: peak RSS 655 → 600 MB at --workers 2 for ~3 % more CPU.
  page.cleanup();
  collectGarbage();
  return image;
}

/** The page task's result: its tables and what the context gathered on the way. */
export function pageResult(context: PageContext, tables: PageTable[]): PageTaskResult {
  return {
    kind: 'page',
    status: 'ok',
    pageNumber: context.task.pageNumber,
    dpi: context.dpi,
    tables,
    empty: context.empty,
    languages: context.languages,
    paddle: context.task.paddle,
    warnings: context.warnings,
    notes: context.notes,
    layout: context.layout,
    timings: context.timings,
  };
}

/** "2 tables from vector rulings, 1 table from word layout", for --verbose. */
export function describeTables(ruled: number, ruledSource: string, fromLayout: number): string {
  const plural = (count: number) => `${count} table${count === 1 ? '' : 's'}`;
  return `${plural(ruled)} from ${ruledSource}${fromLayout > 0 ? `, ${plural(fromLayout)} from word layout` : ''}`;
}
