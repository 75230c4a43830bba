// One page task: decide between the text layer and OCR, find the tables, and hand back either
// the tables' words or their line-erased crops. Runs on a pool thread (or in-process).
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { detectTables } from '../../detect/detect-tables.js';
import { detectVectorTables } from '../../detect/detect-vector-tables.js';
import { splitRowsByWords } from '../../grid/split-rows-by-words.js';
import { detectWordTables } from '../../layout/detect-word-tables.js';
import { wordBandsOutside } from '../../layout/text-outside-tables.js';
import { timed } from '../../measure.js';
import type { LanguageSource } from '../../ocr/language-data.js';
import type { WithEngine } from '../../ocr/ocr-engine.js';
import { checkTextLayerAgainstImage } from '../../ocr/verify-text-layer.js';
import { assessTextLayer, largestImageRatio, type TextLayerVerdict } from '../../pdf/assess-text-layer.js';
import { readTextLayer, type TextLayer } from '../../pdf/read-text-layer.js';
import { readVectorGraphics, type VectorGraphics } from '../../pdf/read-vector-graphics.js';
import type { CellGrid, PixelArea, Ruling, Word } from '../../types.js';
import type { PageTable, PageTask, PageTaskResult } from '../tasks.js';
import { createPageContext, describeTables, pageResult, type PageContext } from './page-context.js';
import { areasToReadWhole, graphicsInAreas, pixelAreasOf, withAreaTables, withOnlyAreas, wordsInAreas } from './page-areas.js';
import { combineGrids, deskewWords, layoutHints, wordsInside } from './page-tables.js';
import { tablesFromScan } from './scan-page.js';

const NO_GRAPHICS: VectorGraphics = { rulings: [], fills: [], imageBoxes: [], obliqueSegments: [] };

/** A page's text layer and vector graphics, in the (perhaps turned) viewport's pixels. */
interface TextLayerPage {
  layer: TextLayer;
  graphics: VectorGraphics;
  size: { width: number; height: number; dpi: number };
}

export async function readPage(page: PDFPageProxy, task: PageTask, withEngineFor: (languages: LanguageSource[]) => WithEngine): Promise<PageTaskResult> {
  const context = createPageContext(page, task, withEngineFor);
  if (task.ocrMode !== 'always') {
    const textLayer = await timed(context.timings, 'textMs', () => readTextAndGraphics(context, page));
    const verdict = await judgeTextLayer(context, textLayer);
    if (verdict.kind === 'usable') return pageResult(context, await tablesFromTextLayer(context, textLayer));
    if (task.ocrMode === 'never') return { kind: 'page', status: 'failed', pageNumber: task.pageNumber, fatal: true, error: `page ${task.pageNumber} needs OCR: ${verdict.reason}` };
    context.notes.push(`page ${task.pageNumber}: OCR, because ${verdict.reason}`);
  }
  return pageResult(context, await tablesFromScan(context));
}

async function readTextAndGraphics(context: PageContext, page: PDFPageProxy): Promise<TextLayerPage> {
  let layer = await readTextLayer(page, context.viewport);
  if (layer.textRotation !== 0) {
    // The page is shown sideways or upside down: turn the view so its text reads left to right.
    const { scale, rotation } = context.viewport;
    context.viewport = page.getViewport({ scale, rotation: (rotation - layer.textRotation + 360) % 360 });
    context.notes.push(`page ${context.task.pageNumber}: its text runs at ${layer.textRotation}°; turned to read it`);
    layer = await readTextLayer(page, context.viewport);
  }
  const size = { width: Math.ceil(context.viewport.width), height: Math.ceil(context.viewport.height), dpi: context.dpi };
  // Without text there is nothing to read from the page's vectors: skip the operator list, which
  // on a scan costs a decode of its image.
  const graphics = layer.words.length > 0 ? await readVectorGraphics(page, context.viewport) : NO_GRAPHICS;
  return { layer, graphics, size };
}

/** Whether the text layer can be read as it is; text over a page image is checked against the image. */
async function judgeTextLayer(context: PageContext, { layer, graphics, size }: TextLayerPage): Promise<Exclude<TextLayerVerdict, { kind: 'check-against-image' }>> {
  const verdict = assessTextLayer(layer, largestImageRatio(graphics.imageBoxes, size.width, size.height));
  if (verdict.kind !== 'check-against-image') return verdict;
  const pageImage = await context.render();
  const check = await context.withEngine((engine) => checkTextLayerAgainstImage(pageImage, layer.words, engine));
  context.notes.push(`page ${context.task.pageNumber}: text over a page image: ${check.reason}`);
  return check.matches ? { kind: 'usable' } : { kind: 'unusable', reason: check.reason };
}

/** Ruled grids of a text-layer page, with the words and rulings they were found with. */
interface RuledGrids {
  grids: CellGrid[];
  rulings: Ruling[];
  words: Word[];
  source: string;
}

/** Tables of a page read from its text layer: grids from vector rulings (else the rendering), then word layout. */
async function tablesFromTextLayer(context: PageContext, { layer, graphics: allGraphics, size }: TextLayerPage): Promise<PageTable[]> {
  const { timings, task, dpi } = context;
  const areas = (context.areas = pixelAreasOf(task.areas, size.width, size.height, dpi));
  const words = areas ? wordsInAreas(layer.words, areas) : layer.words;
  const graphics = areas ? graphicsInAreas(allGraphics, areas) : allGraphics;
  let ruled: RuledGrids = timed(timings, 'detectMs', () => ({ grids: splitRowsByWords(detectVectorTables(graphics, size), words, size), rulings: graphics.rulings, words, source: 'vector rulings' }));
  // No table drawn as vectors: rulings may be in an image, or drawn in ways vectors miss.
  // A page that draws no lines and no images has none in its rendering either.
  if (ruled.grids.length === 0 && (graphics.imageBoxes.length > 0 || graphics.rulings.length > 0)) ruled = await rasterGrids(context, words, areas);
  const wordGrids = timed(timings, 'structureMs', () => detectWordTables(ruled.words, size, layoutHints(ruled.grids, ruled.rulings)));
  const tables = textLayerTables(ruled, wordGrids, areas, dpi);
  context.layout = { width: size.width, height: size.height, textBands: wordBandsOutside(ruled.words, tables.map((table) => table.grid.box)) };
  const fromLayout = tables.filter((table) => wordGrids.includes(table.grid)).length;
  context.notes.push(`page ${task.pageNumber}: text layer, ${describeTables(tables.length - fromLayout, ruled.source, fromLayout)}`);
  if (task.debugDir) await context.writeDebugPicture(await context.render(), { rulings: ruled.rulings, grids: tables.map((table) => table.grid), words: ruled.words });
  return tables;
}

/** Grids from the page's rendering, with the words turned as the rendering's skew turns them. */
async function rasterGrids(context: PageContext, words: Word[], areas: PixelArea[] | null): Promise<RuledGrids> {
  const rendered = await context.render();
  return timed(context.timings, 'detectMs', () => {
    const detection = detectTables(areas ? withOnlyAreas(rendered, areas) : rendered);
    return { grids: detection.grids, rulings: detection.rulings, words: deskewWords(words, detection.image, detection.skewDegrees), source: 'raster rulings' };
  });
}

/** The tables of the ruled and word grids, with --area's tables read whole; none without a word. */
function textLayerTables(ruled: RuledGrids, wordGrids: CellGrid[], areas: PixelArea[] | null, dpi: number): PageTable[] {
  // A ruled area without a single word (chart gridlines, an empty form) is no table to extract.
  const toTable = (grid: CellGrid) => ({ source: 'text-layer' as const, grid, words: wordsInside(ruled.words, grid.box, dpi) });
  const detected = combineGrids(ruled.grids, wordGrids).map(toTable);
  const tables = areas ? withAreaTables(detected, areasToReadWhole(areas, detected.map((table) => table.grid)), ruled.words, dpi, toTable) : detected;
  return tables.filter((table) => table.words.length > 0);
}
