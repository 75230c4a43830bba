// One tesseract.js worker, created once per pool thread and reused for every crop it OCRs.
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createWorker, OEM, PSM, type Worker as TesseractWorker } from 'tesseract.js';
import type { Word } from '../types.js';
import type { LanguageSource } from './language-data.js';
import { ExclusiveQueue, noModelTimes, type ImageToRead, type ModelTimes, type OcrEngine, type RecognizeSettings } from './ocr-engine.js';
import { encodePgm } from './pgm.js';

export class TesseractEngine implements OcrEngine {
  readonly kind = 'tesseract' as const;
  readonly modelTimes: ModelTimes = noModelTimes();
  private readonly queue = new ExclusiveQueue();
  private pageSegmentationMode: number | null = null;
  // Set by terminate(). Work given up past --timeout on the main thread (--workers 1) goes on after
  // its engine was terminated: it must fail here, as a rejection of ours. tesseract.js, asked after
  // termination, throws from inside a promise it leaves unhandled, and that ends the process.
  private terminated = false;

  private constructor(
    private readonly worker: TesseractWorker,
    readonly languageKey: string,
  ) {}

  /**
   * Loads the languages from local files (never the network, no cache file written). A missing or
   * broken file can make tesseract.js hang, so creation is bounded by `startTimeoutMs`.
   */
  static async create(languages: LanguageSource[], startTimeoutMs: number): Promise<TesseractEngine> {
    const location = await languageFolderFor(languages);
    let failure: string | null = null;
    const creating = createWorker(languages.map((language) => language.code), OEM.LSTM_ONLY, {
      langPath: location.langPath,
      gzip: location.gzip,
      cacheMethod: 'none',
      // Without a handler a failed load throws asynchronously where nobody can catch it.
      errorHandler: (error: unknown) => {
        failure = String(error);
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`tesseract.js did not start within ${startTimeoutMs} ms${failure ? `: ${failure}` : ''}`)), startTimeoutMs);
    });
    try {
      const worker = await Promise.race([creating, timeout]);
      return new TesseractEngine(worker, languageKeyOf(languages));
    } catch (error) {
      creating.then((worker) => worker.terminate()).catch(() => undefined);
      throw error;
    } finally {
      clearTimeout(timer);
      // The data is in the worker's memory now; a temporary folder of links is no longer needed.
      await location.cleanUp();
    }
  }

  /** Sets the page segmentation mode and DPI for the recognize calls that follow. */
  async configure(settings: RecognizeSettings, dpi: number): Promise<void> {
    this.pageSegmentationMode = settings.pageSegmentationMode;
    await this.live().setParameters({
      tessedit_pageseg_mode: String(settings.pageSegmentationMode) as PSM,
      // Without it Tesseract assumes 70 DPI from the PGM and warns; the real DPI sizes its heuristics.
      user_defined_dpi: String(Math.round(dpi)),
      preserve_interword_spaces: '1',
      // Tesseract prints notes ("Detected 24 diacritics") to stderr, into the user's terminal.
      debug_file: '/dev/null',
    });
  }

  /** Changes the page segmentation mode only (a no-op when it is already set). */
  async setPageSegmentationMode(mode: number): Promise<void> {
    if (mode === this.pageSegmentationMode) return;
    this.pageSegmentationMode = mode;
    await this.live().setParameters({ tessedit_pageseg_mode: String(mode) as PSM });
  }

  /** OCRs a gray image; returns its words in that image's pixel coordinates. */
  async recognize(width: number, height: number, gray: Uint8Array): Promise<Word[]> {
    const pgm = encodePgm(width, height, gray);
    // A view, not a copy: tesseract.js copies the image once more itself.
    const image = Buffer.from(pgm.buffer, pgm.byteOffset, pgm.byteLength);
    // TSV, not the block tree: the same words, boxes and confidences, and 15–20 % less time per
    // cell (tesseract.js builds the tree of every symbol and its alternatives: 41 vs 34 ms on a
    // 300×70 cell, measured).
    const start = performance.now();
    const { data } = await this.live().recognize(image, {}, { tsv: true, text: false });
    this.modelTimes.recognizeMs += performance.now() - start;
    return wordsOfTsv(data.tsv ?? '');
  }

  /** Reads the images one after the other (Tesseract reads one image per call). */
  async recognizeEach(images: ImageToRead[]): Promise<Word[][]> {
    const words: Word[][] = [];
    for (const image of images) {
      await this.setPageSegmentationMode(image.pageSegmentationMode);
      words.push(await this.recognize(image.width, image.height, image.gray));
    }
    return words;
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
  }

  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    await this.worker.terminate();
  }

  /** The worker, unless the engine was terminated. */
  private live(): TesseractWorker {
    if (this.terminated) throw new Error('the OCR engine was stopped (its task ran past --timeout)');
    return this.worker;
  }
}

export function languageKeyOf(languages: LanguageSource[]): string {
  return languages.map((language) => `${language.code}=${language.file}`).join('+');
}

interface LanguageFolder {
  langPath: string;
  /** tesseract.js only uses this to pick the file name (`.traineddata.gz` or not); it detects gzip by content. */
  gzip: boolean;
  cleanUp: () => Promise<void>;
}

/**
 * tesseract.js reads every language from one folder (its `{ code, data }` form is broken in v7:
 * initialize() joins the data instead of the codes). When the files are in different folders
 * (e.g. eng from npm, chi_sim from Debian), link them into a temporary folder for the load.
 */
async function languageFolderFor(languages: LanguageSource[]): Promise<LanguageFolder> {
  const folders = new Set(languages.map((language) => path.dirname(language.file)));
  const gzipped = new Set(languages.map((language) => language.file.endsWith('.gz')));
  if (folders.size === 1 && gzipped.size === 1) {
    return { langPath: [...folders][0], gzip: [...gzipped][0], cleanUp: async () => undefined };
  }
  const linkFolder = await mkdtemp(path.join(os.tmpdir(), 'pdf2xlsx-tessdata-'));
  await Promise.all(languages.map((language) => symlink(path.resolve(language.file), path.join(linkFolder, `${language.code}.traineddata`))));
  return { langPath: linkFolder, gzip: false, cleanUp: () => rm(linkFolder, { recursive: true, force: true }) };
}

// A TSV row: level, page, block, paragraph, line, word, left, top, width, height, confidence, text.
const TSV_WORD_LEVEL = '5';
const TSV_COLUMNS = 12;

/** The words of Tesseract's TSV output, in reading order. */
export function wordsOfTsv(tsv: string): Word[] {
  const words: Word[] = [];
  for (const row of tsv.split('\n')) {
    const fields = row.split('\t');
    if (fields.length < TSV_COLUMNS || fields[0] !== TSV_WORD_LEVEL) continue;
    // A word's text holds no tab, but keep anything after the 11th tab as text all the same.
    const text = fields.slice(TSV_COLUMNS - 1).join('\t').trim();
    if (text === '') continue;
    const [left, top, width, height, confidence] = fields.slice(6, 11).map(Number);
    // Whole numbers, as the block tree gives them (every confidence threshold was set on those).
    words.push({ text, confidence: Math.trunc(confidence), box: { left, top, right: left + width, bottom: top + height } });
  }
  return words;
}
