// One page task: decide between the text layer and OCR, find the tables, and hand back either
// the tables' words or their line-erased crops. Runs on a pool thread (or in-process).
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { detectTables } from '../../detect/detect-tables.js';
import { detectVectorTables } from '../../detect/detect-vector-tables.js';
import { splitRowsByWords } from '../../grid/split-rows-by-words.js';
import { detectWordTables, type WordTableTrace } from '../../layout/detect-word-tables.js';
import { countGappedBands, inkBandsOutside, wordBandsOutside } from '../../layout/text-outside-tables.js';
import { readBandTexts } from '../../ocr/read-band-text.js';
import { readPageWords, rereadUnsureWords } from '../../ocr/read-page-words.js';
import { collectGarbage } from '../../pool/collect-garbage.js';
import { hasPageInk } from '../../image/page-ink.js';
import { rotateQuarterTurns } from '../../image/rotate-quarter-turns.js';
import { cropTableForOcr } from '../../ocr/crop-table.js';
import { detectOrientation } from '../../ocr/detect-orientation.js';
import { detectCjkPage, readsAsLatin } from '../../ocr/detect-script.js';
import type { LanguageSource } from '../../ocr/language-data.js';
import type { WithEngine } from '../../ocr/ocr-engine.js';
import { checkTextLayerAgainstImage } from '../../ocr/verify-text-layer.js';
import { assessTextLayer, largestImageRatio, type TextLayerVerdict } from '../../pdf/assess-text-layer.js';
import { readTextLayer } from '../../pdf/read-text-layer.js';
import { readVectorGraphics, type VectorGraphics } from '../../pdf/read-vector-graphics.js';
import { pageViewportFor, renderPage } from '../../pdf/render-page.js';
import { writeOverlayPng, type OverlayContent } from '../../report/debug-overlay.js';
import { inPageMargins, mayBeContinuation } from '../../assemble/join-tables.js';
import type { CellGrid, PageDetection, PageImage, PageLayout, PixelArea, PixelBox, Ruling, TextBand, Word } from '../../types.js';
import { combineGrids, deskewWords, isSingleColumn, layoutHints, withBoxesWhite, wordsInside } from './page-tables.js';
import { areasToReadWhole, graphicsInAreas, pixelAreasOf, turnAreas, withAreaTables, withOnlyAreas, wordsInAreas } from './page-areas.js';
import type { PageTable, PageTask, PageTaskResult } from '../tasks.js';

// A block of this many lines with column gaps that was still rejected is worth a warning.
const MIN_NEAR_MISS_LINES = 4;

// Lines with column gaps outside the ruled tables that make the page worth a word-layout pass.
const MIN_GAPPED_LINES = 3;

const NO_GRAPHICS: VectorGraphics = { rulings: [], fills: [], imageBoxes: [], obliqueSegments: [] };

function describeTables(ruled: number, ruledSource: string, fromLayout: number): string {
  const plural = (count: number) => `${count} table${count === 1 ? '' : 's'}`;
  return `${plural(ruled)} from ${ruledSource}${fromLayout > 0 ? `, ${plural(fromLayout)} from word layout` : ''}`;
}

/** What the steps of one page task share: the page's rendering (made once, when first needed), notes and timings. */
interface PageContext {
  task: PageTask;
  dpi: number;
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
  timings: { renderMs: number; detectMs: number; textMs: number; ocrMs: number; ocrProbeMs: number; ocrRereadMs: number };
  writeDebugPicture: (pageImage: PageImage, content: OverlayContent) => Promise<void>;
  /** The page's size and its text outside tables, set by the path that read the page. */
  layout: PageLayout;
  /** Set when the page has nothing on it. */
  empty: boolean;
  /** --area in this page's pixels (set by the path that reads the page), or null for the whole page. */
  areas: PixelArea[] | null;
}

export async function readPage(page: PDFPageProxy, task: PageTask, withEngineFor: (languages: LanguageSource[]) => WithEngine): Promise<PageTaskResult> {
  const withEngine = withEngineFor(task.languages);
  const { pageNumber } = task;
  const viewportChoice = pageViewportFor(page, task);
  const { dpi, warning } = viewportChoice;
  let viewport = viewportChoice.viewport;
  let image: PageImage | null = null;
  const context: PageContext = {
    task,
    dpi,
    withEngine,
    withEngineFor,
    languages: task.languages,
    notes: [],
    warnings: [],
    timings: { renderMs: 0, detectMs: 0, textMs: 0, ocrMs: 0, ocrProbeMs: 0, ocrRereadMs: 0 },
    layout: { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), textBands: [] },
    empty: false,
    areas: null,
    render: async () => {
      if (!image) {
        const start = performance.now();
        image = await renderPage(page, viewport, dpi);
        // The decoded page images pdf.js keeps for redrawing are not needed past this point: free
        // them, and collect the decoder's dead buffers (~50 MB for a 300-DPI colour scan; V8 lets
        // that much external memory pile up before it collects), before detection allocates its
        // own bitmaps. Measured: peak RSS 655 → 600 MB at --workers 2 for ~3 % more CPU.
        page.cleanup();
        collectGarbage();
        context.timings.renderMs += performance.now() - start;
      }
      return image;
    },
    writeDebugPicture: async (pageImage, content) => {
      if (!task.debugDir) return;
      await writeOverlayPng(path.join(task.debugDir, `page-${pageNumber}.png`), pageImage.width, pageImage.height, pageImage.gray, content);
    },
  };
  const result = (tables: PageTable[]): PageTaskResult => ({
    kind: 'page',
    status: 'ok',
    pageNumber,
    dpi,
    tables,
    empty: context.empty,
    languages: context.languages,
    paddle: task.paddle,
    warnings: [...(warning ? [warning] : []), ...context.warnings],
    notes: context.notes,
    layout: context.layout,
    ...context.timings,
  });

  if (task.ocrMode !== 'always') {
    const textStart = performance.now();
    let layer = await readTextLayer(page, viewport);
    if (layer.textRotation !== 0) {
      // The page is shown sideways or upside down: turn the view so its text reads left to right.
      viewport = page.getViewport({ scale: viewport.scale, rotation: (viewport.rotation - layer.textRotation + 360) % 360 });
      context.notes.push(`page ${pageNumber}: its text runs at ${layer.textRotation}°; turned to read it`);
      layer = await readTextLayer(page, viewport);
    }
    const size = { width: Math.ceil(viewport.width), height: Math.ceil(viewport.height), dpi };
    // Without text there is nothing to read from the page's vectors: skip the operator list, which
    // on a scan costs a decode of its image.
    const graphics = layer.words.length > 0 ? await readVectorGraphics(page, viewport) : NO_GRAPHICS;
    context.timings.textMs += performance.now() - textStart;
    let verdict: TextLayerVerdict = assessTextLayer(layer, largestImageRatio(graphics.imageBoxes, size.width, size.height));
    if (verdict.kind === 'check-against-image') {
      const pageImage = await context.render();
      const check = await withEngine((engine) => checkTextLayerAgainstImage(pageImage, layer.words, engine));
      context.notes.push(`page ${pageNumber}: text over a page image: ${check.reason}`);
      verdict = check.matches ? { kind: 'usable' } : { kind: 'unusable', reason: check.reason };
    }
    if (verdict.kind === 'usable') return result(await tablesFromTextLayer(context, layer.words, graphics, size));
    if (task.ocrMode === 'never') {
      return { kind: 'page', status: 'failed', pageNumber, fatal: true, error: `page ${pageNumber} needs OCR: ${verdict.reason}` };
    }
    context.notes.push(`page ${pageNumber}: OCR, because ${verdict.reason}`);
  }
  return result(await tablesFromScan(context));
}

// --lang auto without chi_sim data reads every page with eng: a Chinese page would be garbled
// without a word said (a date read as the number 200644844).
const NOT_LATIN_WARNING = 'the English model reads this page unsurely; if it is Chinese, its language data is not installed (apt-get install tesseract-ocr-chi-sim, or add onnxruntime-node for PP-OCR), so it was read as English';

/** `--lang auto` on a scanned page: chi_sim+eng where it reads as CJK; without CJK data, a warning where it does not read as Latin. */
async function chooseAutoLanguages(task: PageTask, context: PageContext, image: PageImage): Promise<void> {
  const cjkLanguages = task.autoCjkLanguages;
  if (!cjkLanguages) {
    const reading = await readsAsLatin(image, context.withEngine);
    if (!reading.latin) context.warnings.push(`page ${task.pageNumber}: ${NOT_LATIN_WARNING} (${reading.reason})`);
    return;
  }
  const script = await detectCjkPage(image, context.withEngine, context.withEngineFor(cjkLanguages));
  // CJK first: the whole-page pass then takes Chinese for Chinese, not for English guesses.
  if (script.cjk) context.languages = [...cjkLanguages, ...task.languages.filter((language) => !cjkLanguages.some((cjk) => cjk.code === language.code))];
  context.notes.push(`page ${task.pageNumber}: --lang auto: ${context.languages.map((language) => language.code).join('+')} (${script.reason})`);
}

/** Tables of a page read from its text layer: grids from vector rulings (else the rendering), then word layout. */
async function tablesFromTextLayer(context: PageContext, allWords: Word[], allGraphics: VectorGraphics, size: { width: number; height: number; dpi: number }): Promise<PageTable[]> {
  const { timings, task, dpi } = context;
  let detectStart = performance.now();
  const areas = (context.areas = pixelAreasOf(task.areas, size.width, size.height, dpi));
  const pageWords = areas ? wordsInAreas(allWords, areas) : allWords;
  const graphics = areas ? graphicsInAreas(allGraphics, areas) : allGraphics;
  let grids = splitRowsByWords(detectVectorTables(graphics, size), pageWords, size);
  let words = pageWords;
  let rulings: Ruling[] = graphics.rulings;
  let gridSource = 'vector rulings';
  // No table drawn as vectors: rulings may be in an image, or drawn in ways vectors miss.
  // A page that draws no lines and no images has none in its rendering either.
  if (grids.length === 0 && (graphics.imageBoxes.length > 0 || graphics.rulings.length > 0)) {
    timings.detectMs += performance.now() - detectStart;
    const rendered = await context.render();
    detectStart = performance.now();
    const detection = detectTables(areas ? withOnlyAreas(rendered, areas) : rendered);
    grids = detection.grids;
    rulings = detection.rulings;
    words = deskewWords(words, detection.image, detection.skewDegrees);
    gridSource = 'raster rulings';
  }
  const wordGrids = detectWordTables(words, size, layoutHints(grids, rulings));
  timings.detectMs += performance.now() - detectStart;
  // A ruled area without a single word (chart gridlines, an empty form) is no table to extract.
  const toTable = (grid: CellGrid) => ({ source: 'text-layer' as const, grid, words: wordsInside(words, grid.box, dpi) });
  const detected = combineGrids(grids, wordGrids).map(toTable);
  const tables = (areas ? withAreaTables(detected, areasToReadWhole(areas, detected.map((table) => table.grid)), words, dpi, toTable) : detected).filter((table) => table.words.length > 0);
  context.layout = { width: size.width, height: size.height, textBands: wordBandsOutside(words, tables.map((table) => table.grid.box)) };
  const fromLayout = tables.filter((table) => wordGrids.includes(table.grid)).length;
  context.notes.push(`page ${task.pageNumber}: text layer, ${describeTables(tables.length - fromLayout, gridSource, fromLayout)}`);
  if (task.debugDir) await context.writeDebugPicture(await context.render(), { rulings, grids: tables.map((table) => table.grid), words });
  return tables;
}

// A table's caption or a note under it is a line or two; more lines between are a paragraph.
const MAX_CAPTION_LINES = 2;
// A table ending above this share of its page did not run out of room: it does not go on.
const MAY_GO_ON_BELOW = 0.6;

/**
 * The page's ink bands, with the text read of those that decide a join across pages: the line or
 * two right above its first table and right below its last (outside the page margins). A caption
 * "Table 3 (continued)" does not stop a join; any other text does.
 */
async function readCaptionLines(context: PageContext, image: PageImage, bands: TextBand[], tableBoxes: PixelBox[]): Promise<TextBand[]> {
  if (tableBoxes.length === 0) return bands;
  const inBody = bands.filter((band) => !inPageMargins(band, image.height));
  const firstTop = Math.min(...tableBoxes.map((box) => box.top));
  const lastBottom = Math.max(...tableBoxes.map((box) => box.bottom));
  const above = mayBeContinuation(firstTop, image.height) ? inBody.filter((band) => band.bottom <= firstTop) : [];
  const below = lastBottom >= MAY_GO_ON_BELOW * image.height ? inBody.filter((band) => band.top >= lastBottom) : [];
  const toRead = [above, below].filter((side) => side.length <= MAX_CAPTION_LINES).flat();
  if (toRead.length === 0) return bands;
  const start = performance.now();
  const read = await context.withEngineFor(context.languages)((engine) => readBandTexts(engine, image, toRead));
  context.timings.ocrMs += performance.now() - start;
  return bands.map((band) => read[toRead.indexOf(band)] ?? band);
}

/**
 * --area on a scan: an area with --columns, or with no table detected in it, is read as one table
 * of its words (from the page pass, made now if the page had none: the page is white outside the areas).
 */
async function readAreasWhole(context: PageContext, detection: PageDetection, tables: PageTable[], pageWords: Word[], areas: PixelArea[]): Promise<{ tables: PageTable[]; pageWords: Word[] }> {
  const whole = areasToReadWhole(areas, tables.map((table) => table.grid));
  if (whole.length === 0) return { tables, pageWords };
  let words = pageWords;
  if (words.length === 0) {
    const ocrStart = performance.now();
    words = (await context.withEngineFor(context.languages)((engine) => readPageWords(engine, detection.image, detection.rulings))).words;
    context.timings.ocrMs += performance.now() - ocrStart;
  }
  const toTable = (grid: CellGrid): PageTable => ({ source: 'ocr-words', grid, words: wordsInside(words, grid.box, context.dpi) });
  return { tables: withAreaTables(tables, whole, words, context.dpi, toTable), pageWords: words };
}

/** Tables of a scanned page: turned upright, ruled tables as crops to OCR, else word layout from one OCR pass. */
async function tablesFromScan(context: PageContext): Promise<PageTable[]> {
  const { timings, task, dpi } = context;
  let pageImage = await context.render();
  let detectStart = performance.now();
  context.areas = pixelAreasOf(task.areas, pageImage.width, pageImage.height, dpi);
  if (context.areas) pageImage = withOnlyAreas(pageImage, context.areas);
  if (!hasPageInk(pageImage)) {
    timings.detectMs += performance.now() - detectStart;
    context.empty = true;
    context.layout = { width: pageImage.width, height: pageImage.height, textBands: [] };
    context.notes.push(`page ${task.pageNumber}: empty (no mark bigger than a speck); not searched for tables`);
    await context.writeDebugPicture(pageImage, { rulings: [], grids: [], words: [] });
    return [];
  }
  // A page scanned sideways or upside down is turned upright first (cheap when it already is).
  // The engine is only asked for when the page's geometry leaves its orientation unsure.
  const orientation = await detectOrientation(pageImage, context.withEngine);
  if (orientation.clockwiseDegrees !== 0) {
    if (context.areas) context.areas = turnAreas(context.areas, pageImage.width, pageImage.height, orientation.clockwiseDegrees);
    pageImage = rotateQuarterTurns(pageImage, orientation.clockwiseDegrees);
    context.notes.push(`page ${task.pageNumber}: turned ${orientation.clockwiseDegrees}° clockwise (${orientation.reason})`);
  }
  const detection = detectTables(pageImage);
  if (task.autoCjkLanguages || task.warnIfNotLatin) {
    timings.detectMs += performance.now() - detectStart;
    const ocrStart = performance.now();
    await chooseAutoLanguages(task, context, detection.image);
    timings.ocrMs += performance.now() - ocrStart;
    timings.ocrProbeMs += performance.now() - ocrStart;
    detectStart = performance.now();
  }
  const ruledTables: PageTable[] = detection.grids.map((grid) => ({ source: 'crop', grid, crop: cropTableForOcr(detection.image, grid) }));
  let tables = ruledTables;
  let pageWords: Word[] = [];
  let wordTables = 0;
  // No ruled table, or text beside the ruled ones laid out in columns (a borderless or three-line
  // table next to a ruled widget): look for tables in the layout of the page's words, read by one
  // OCR pass over the page without the ruled tables.
  // A one-column ruled grid (zebra bands, rules between rows only) gives way to a word grid over
  // it: its words are read by the page pass, and its row edges guide the word layout.
  const ruledBoxes = detection.grids.filter((grid) => !isSingleColumn(grid)).map((grid) => grid.box);
  const bandsOutsideRuled = ruledTables.length > 0 ? inkBandsOutside(detection.image, ruledBoxes) : [];
  const besideRuled = ruledTables.length > 0
    && (ruledBoxes.length < ruledTables.length || countGappedBands(detection.image, ruledBoxes, bandsOutsideRuled) >= MIN_GAPPED_LINES);
  if (ruledTables.length === 0 || besideRuled) {
    timings.detectMs += performance.now() - detectStart;
    const ocrStart = performance.now();
    const outside = besideRuled ? withBoxesWhite(detection.image, ruledBoxes) : detection.image;
    const pagePass = await context.withEngineFor(context.languages)((engine) => readPageWords(engine, outside, detection.rulings));
    pageWords = pagePass.words;
    timings.ocrMs += performance.now() - ocrStart;
    detectStart = performance.now();
    const size = { width: detection.image.width, height: detection.image.height, dpi: detection.image.dpi };
    const trace: WordTableTrace = { candidates: [] };
    const wordGrids = detectWordTables(pageWords, size, layoutHints(detection.grids, detection.rulings), trace);
    const found = wordGrids
      .map((grid) => ({ source: 'ocr-words' as const, grid, words: wordsInside(pageWords, grid.box, dpi) }))
      .filter((table) => table.words.length > 0);
    // The re-read is OCR time: detection's clock leaves it out.
    timings.detectMs += performance.now() - detectStart;
    const rereadStart = performance.now();
    await context.withEngineFor(context.languages)(async (engine) => {
      for (const table of found) table.words = await rereadUnsureWords(engine, pagePass.page, table.words);
    });
    const rereadMs = performance.now() - rereadStart;
    timings.ocrMs += rereadMs;
    timings.ocrRereadMs += rereadMs;
    detectStart = performance.now();
    wordTables = found.length;
    const all = [...ruledTables, ...found];
    tables = combineGrids(detection.grids, found.map((table) => table.grid)).map((grid) => all.find((table) => table.grid === grid)!);
    const nearMiss = tables.length === 0 ? trace.candidates.find((candidate) => candidate.lines >= MIN_NEAR_MISS_LINES && candidate.reason !== 'no column structure') : undefined;
    if (nearMiss) context.warnings.push(`page ${task.pageNumber}: ${nearMiss.lines} lines of text are laid out like a table, but no table was taken from them (${nearMiss.reason}); check the page`);
  }
  if (context.areas) ({ tables, pageWords } = await readAreasWhole(context, detection, tables, pageWords, context.areas));
  const tableBoxes = tables.map((table) => table.grid.box);
  // Without a page pass the tables are the ruled ones (none of one column), whose bands outside are known.
  const withoutPagePass = ruledTables.length > 0 && !besideRuled;
  const inkBands = pageWords.length > 0 ? [] : withoutPagePass ? bandsOutsideRuled : inkBandsOutside(detection.image, tableBoxes);
  const textBands = pageWords.length > 0 ? wordBandsOutside(pageWords, tableBoxes) : await readCaptionLines(context, detection.image, inkBands, tableBoxes);
  context.layout = { width: detection.image.width, height: detection.image.height, textBands };
  timings.detectMs += performance.now() - detectStart;
  context.notes.push(`page ${task.pageNumber}: OCR, ${describeTables(tables.length - wordTables, 'raster rulings', wordTables)}, skew ${detection.skewDegrees.toFixed(2)}°`);
  await context.writeDebugPicture(detection.image, { rulings: detection.rulings, grids: tables.map((table) => table.grid), words: pageWords });
  return tables;
}
