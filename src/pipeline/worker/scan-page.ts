// The scan path of a page task: the page turned upright, its ruled tables cut out as crops to OCR,
// and, where no ruled table holds the text, tables found in the layout of one OCR pass's words.
import { inPageMargins, mayBeContinuation } from '../../assemble/join-tables.js';
import { detectTables } from '../../detect/detect-tables.js';
import { hasPageInk } from '../../image/page-ink.js';
import { rotateQuarterTurns } from '../../image/rotate-quarter-turns.js';
import { detectWordTables, type WordTableTrace } from '../../layout/detect-word-tables.js';
import { countGappedBands, inkBandsOutside, wordBandsOutside } from '../../layout/text-outside-tables.js';
import { timed } from '../../measure.js';
import { cropTableForOcr } from '../../ocr/crop-table.js';
import { detectOrientation } from '../../ocr/detect-orientation.js';
import { detectCjkPage, readsAsLatin } from '../../ocr/detect-script.js';
import { readBandTexts } from '../../ocr/read-band-text.js';
import { readPageWords, readUnreadLines, rereadUnsureWords } from '../../ocr/read-page-words.js';
import type { CellGrid, PageDetection, PageImage, PageLayout, PixelArea, PixelBox, TextBand, Word } from '../../types.js';
import type { PageTable } from '../tasks.js';
import { describeTables, type PageContext } from './page-context.js';
import { areasToReadWhole, pixelAreasOf, turnAreas, withAreaTables, withOnlyAreas } from './page-areas.js';
import { combineGrids, isSingleColumn, layoutHints, withBoxesWhite, wordsInside } from './page-tables.js';

// A block of this many lines with column gaps that was still rejected is worth a warning.
const MIN_NEAR_MISS_LINES = 4;
// Lines with column gaps outside the ruled tables that make the page worth a word-layout pass.
const MIN_GAPPED_LINES = 3;
// A table's caption or a note under it is a line or two; more lines between are a paragraph.
const MAX_CAPTION_LINES = 2;
// A table ending above this share of its page did not run out of room: it does not go on.
const MAY_GO_ON_BELOW = 0.6;

/** The ruled tables of a scan, and whether text beside them asks for a word-layout pass too. */
interface RuledTables {
  tables: PageTable[];
  /** Boxes of the ruled grids of more than one column (a one-column grid gives way to word layout). */
  boxes: PixelBox[];
  /** Ink bands outside those boxes (none when there is no ruled table). */
  bandsOutside: TextBand[];
  /** Text beside the ruled tables laid out in columns, or a one-column grid: the page pass runs. */
  besideRuled: boolean;
}

/** A scan's tables, with the words of the page pass where one ran. */
interface ScanTables {
  tables: PageTable[];
  pageWords: Word[];
  wordTables: number;
}

/** Tables of a scanned page: turned upright, ruled tables as crops to OCR, else word layout from one OCR pass. */
export async function tablesFromScan(context: PageContext): Promise<PageTable[]> {
  const { task, timings } = context;
  const pageImage = await uprightPage(context);
  if (!pageImage) return [];
  const detection = timed(timings, 'detectMs', () => detectTables(pageImage));
  if (task.autoCjkLanguages || task.warnIfNotLatin) await timed(timings.ocr, 'probeMs', () => chooseAutoLanguages(context, detection.image));
  const ruled = timed(timings, 'detectMs', () => ruledTablesOf(detection));
  let scan: ScanTables = ruled.tables.length === 0 || ruled.besideRuled ? await withWordTables(context, detection, ruled) : { tables: ruled.tables, pageWords: [], wordTables: 0 };
  if (context.areas) scan = await readAreasWhole(context, detection, scan, context.areas);
  context.layout = await scanLayout(context, detection, scan, ruled);
  context.notes.push(`page ${task.pageNumber}: OCR, ${describeTables(scan.tables.length - scan.wordTables, 'raster rulings', scan.wordTables)}, skew ${detection.skewDegrees.toFixed(2)}°`);
  await context.writeDebugPicture(detection.image, { rulings: detection.rulings, grids: scan.tables.map((table) => table.grid), words: scan.pageWords });
  return scan.tables;
}

/** The page rendered, white outside --area, turned upright; null (the page noted empty) when it has no ink. */
async function uprightPage(context: PageContext): Promise<PageImage | null> {
  const { task, timings } = context;
  const rendered = await context.render();
  const areas = (context.areas = pixelAreasOf(task.areas, rendered.width, rendered.height, context.dpi));
  const pageImage = areas ? timed(timings, 'detectMs', () => withOnlyAreas(rendered, areas)) : rendered;
  if (!timed(timings, 'detectMs', () => hasPageInk(pageImage))) {
    context.empty = true;
    context.layout = { width: pageImage.width, height: pageImage.height, textBands: [] };
    context.notes.push(`page ${task.pageNumber}: empty (no mark bigger than a speck); not searched for tables`);
    await context.writeDebugPicture(pageImage, { rulings: [], grids: [], words: [] });
    return null;
  }
  // A page scanned sideways or upside down is turned upright first (cheap when it already is).
  // The engine is only asked for when the page's geometry leaves its orientation unsure.
  const orientation = await timed(timings, 'detectMs', () => detectOrientation(pageImage, context.withEngine));
  if (orientation.clockwiseDegrees === 0) return pageImage;
  if (context.areas) context.areas = turnAreas(context.areas, pageImage.width, pageImage.height, orientation.clockwiseDegrees);
  context.notes.push(`page ${task.pageNumber}: turned ${orientation.clockwiseDegrees}° clockwise (${orientation.reason})`);
  return timed(timings, 'detectMs', () => rotateQuarterTurns(pageImage, orientation.clockwiseDegrees));
}

// --lang auto without chi_sim data reads every page with eng: a Chinese page would be garbled
// without a word said (a date read as the number 200644844).
const NOT_LATIN_WARNING = 'the English model reads this page unsurely; if it is Chinese, its language data is not installed (apt-get install tesseract-ocr-chi-sim, or add onnxruntime-node for PP-OCR), so it was read as English';

/** `--lang auto` on a scanned page: chi_sim+eng where it reads as CJK; without CJK data, a warning where it does not read as Latin. */
async function chooseAutoLanguages(context: PageContext, image: PageImage): Promise<void> {
  const { task } = context;
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

function ruledTablesOf(detection: PageDetection): RuledTables {
  const tables: PageTable[] = detection.grids.map((grid) => ({ source: 'crop', grid, crop: cropTableForOcr(detection.image, grid) }));
  if (tables.length === 0) return { tables, boxes: [], bandsOutside: [], besideRuled: false };
  // A one-column ruled grid (zebra bands, rules between rows only) gives way to a word grid over
  // it: its words are read by the page pass, and its row edges guide the word layout.
  const boxes = detection.grids.filter((grid) => !isSingleColumn(grid)).map((grid) => grid.box);
  const bandsOutside = inkBandsOutside(detection.image, boxes);
  const besideRuled = boxes.length < tables.length || countGappedBands(detection.image, boxes, bandsOutside) >= MIN_GAPPED_LINES;
  return { tables, boxes, bandsOutside, besideRuled };
}

/**
 * No ruled table, or text beside the ruled ones laid out in columns (a borderless or three-line
 * table next to a ruled widget): tables found in the layout of the page's words, read by one OCR
 * pass over the page without the ruled tables, their unsure words read again.
 */
async function withWordTables(context: PageContext, detection: PageDetection, ruled: RuledTables): Promise<ScanTables> {
  const { timings } = context;
  const withEngine = context.withEngineFor(context.languages);
  const outside = ruled.besideRuled ? withBoxesWhite(detection.image, ruled.boxes) : detection.image;
  // Running text stands in unread, but not in --area (what the user pointed at is read).
  const standIn = !context.areas;
  const pagePass = await timed(timings.ocr, 'pageMs', () => withEngine((engine) => readPageWords(engine, outside, detection.rulings, standIn)));
  let trace: WordTableTrace = { candidates: [] };
  let found = timed(timings, 'structureMs', () => findWordTables(context, detection, pagePass.words, trace));
  // A table that took in a line of running text has its words read: the page's unread lines are
  // read and the tables found again from what they say.
  if (found.some((table) => table.words.some((word) => word.unreadLine !== undefined))) {
    pagePass.words = await timed(timings.ocr, 'pageMs', () => withEngine((engine) => readUnreadLines(engine, pagePass.page, pagePass.words)));
    trace = { candidates: [] };
    found = timed(timings, 'structureMs', () => findWordTables(context, detection, pagePass.words, trace));
  }
  const unread = new Set(pagePass.words.flatMap((word) => (word.unreadLine === undefined ? [] : [word.unreadLine]))).size;
  if (unread > 0) context.notes.push(`page ${context.task.pageNumber}: ${unread} lines of running text outside the tables not read`);
  await timed(timings.ocr, 'rereadMs', () =>
    withEngine(async (engine) => {
      for (const table of found) table.words = await rereadUnsureWords(engine, pagePass.page, table.words);
    }),
  );
  const all = [...ruled.tables, ...found];
  const tables = combineGrids(detection.grids, found.map((table) => table.grid)).map((grid) => all.find((table) => table.grid === grid)!);
  const nearMiss = tables.length === 0 ? trace.candidates.find((candidate) => candidate.lines >= MIN_NEAR_MISS_LINES && candidate.reason !== 'no column structure') : undefined;
  if (nearMiss) context.warnings.push(`page ${context.task.pageNumber}: ${nearMiss.lines} lines of text are laid out like a table, but no table was taken from them (${nearMiss.reason}); check the page`);
  return { tables, pageWords: pagePass.words, wordTables: found.length };
}

type WordTable = Extract<PageTable, { source: 'ocr-words' }>;

/** The tables in the layout of a page pass's words, each with the words inside it. */
function findWordTables(context: PageContext, detection: PageDetection, words: Word[], trace: WordTableTrace): WordTable[] {
  const { image, grids, rulings } = detection;
  const wordGrids = detectWordTables(words, { width: image.width, height: image.height, dpi: image.dpi }, layoutHints(grids, rulings), trace);
  return wordGrids.map((grid) => ({ source: 'ocr-words' as const, grid, words: wordsInside(words, grid.box, context.dpi) })).filter((table) => table.words.length > 0);
}

/**
 * --area on a scan: an area with --columns, or with no table detected in it, is read as one table
 * of its words (from the page pass, made now if the page had none: the page is white outside the areas).
 */
async function readAreasWhole(context: PageContext, detection: PageDetection, scan: ScanTables, areas: PixelArea[]): Promise<ScanTables> {
  const whole = areasToReadWhole(areas, scan.tables.map((table) => table.grid));
  if (whole.length === 0) return scan;
  const words = scan.pageWords.length > 0 ? scan.pageWords : (await timed(context.timings.ocr, 'pageMs', () => context.withEngineFor(context.languages)((engine) => readPageWords(engine, detection.image, detection.rulings)))).words;
  const toTable = (grid: CellGrid): PageTable => ({ source: 'ocr-words', grid, words: wordsInside(words, grid.box, context.dpi) });
  return { ...scan, tables: withAreaTables(scan.tables, whole, words, context.dpi, toTable), pageWords: words };
}

/** The page's size and its text outside the tables: from the page pass's words, else its ink bands. */
async function scanLayout(context: PageContext, detection: PageDetection, scan: ScanTables, ruled: RuledTables): Promise<PageLayout> {
  const { image } = detection;
  const tableBoxes = scan.tables.map((table) => table.grid.box);
  if (scan.pageWords.length > 0) return { width: image.width, height: image.height, textBands: wordBandsOutside(scan.pageWords, tableBoxes) };
  // Without a page pass the tables are the ruled ones (none of one column), whose bands outside are known.
  const withoutPagePass = ruled.tables.length > 0 && !ruled.besideRuled;
  const inkBands = withoutPagePass ? ruled.bandsOutside : timed(context.timings, 'detectMs', () => inkBandsOutside(image, tableBoxes));
  return { width: image.width, height: image.height, textBands: await readCaptionLines(context, image, inkBands, tableBoxes) };
}

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
  const read = await timed(context.timings.ocr, 'pageMs', () => context.withEngineFor(context.languages)((engine) => readBandTexts(engine, image, toRead)));
  return bands.map((band) => read[toRead.indexOf(band)] ?? band);
}
