// What every OCR engine offers the stages: gray images in, words with boxes and a 0–100
// confidence out. Two engines implement it: tesseract.js (tesseract-engine.ts, every tessdata
// language) and PP-OCR on ONNX Runtime (paddle/paddle-engine.ts, Chinese and English).
import type { ModelTimes, Word } from '../types.js';

export type { ModelTimes };

/** Which engine reads scans. */
export type EngineKind = 'tesseract' | 'paddle';

/**
 * How an image is laid out, in Tesseract's page segmentation modes (PSM), which the stages were
 * written for: 7 is one line of text; the others (3 automatic, 6 one block, 11 sparse text) ask
 * the engine to find the lines first. PP-OCR reads mode 7 as one line and finds the lines of any
 * other mode with its text detector.
 */
export const SINGLE_LINE_PSM = 7;

export interface RecognizeSettings {
  /** Tesseract page segmentation mode (e.g. 6 = one uniform block, 11 = sparse text). */
  pageSegmentationMode: number;
}

/** One image to read, with its layout mode. */
export interface ImageToRead {
  width: number;
  height: number;
  gray: Uint8Array;
  pageSegmentationMode: number;
  /** How tall the text is in this image (px), where the caller knows it: PP-OCR reads a lone dash in a line that high. */
  textHeightPx?: number;
  /** A page (automatic segmentation) whose lines of running text stand in unread (Word.unreadLine), where the engine can tell them apart: PP-OCR. */
  standInRunningText?: boolean;
}

export const noModelTimes = (): ModelTimes => ({ findTextMs: 0, classifyMs: 0, recognizeMs: 0 });

/** Adds `later − earlier` (two readings of one engine's modelTimes) to `into`. */
export function addModelTimesBetween(into: ModelTimes, earlier: ModelTimes, later: ModelTimes): void {
  into.findTextMs += later.findTextMs - earlier.findTextMs;
  into.classifyMs += later.classifyMs - earlier.classifyMs;
  into.recognizeMs += later.recognizeMs - earlier.recognizeMs;
}

export function addModelTimes(into: ModelTimes, times: ModelTimes): void {
  addModelTimesBetween(into, noModelTimes(), times);
}

export interface OcrEngine {
  readonly kind: EngineKind;
  /** Its time in its models so far (read before and after a piece of work to time that work). */
  readonly modelTimes: Readonly<ModelTimes>;
  /** Sets the page segmentation mode and DPI for the recognize calls that follow. */
  configure(settings: RecognizeSettings, dpi: number): Promise<void>;
  /** Changes the page segmentation mode only (a no-op when it is already set). */
  setPageSegmentationMode(mode: number): Promise<void>;
  /** OCRs a gray image (0 black … 255 white); returns its words in that image's pixel coordinates. */
  recognize(width: number, height: number, gray: Uint8Array): Promise<Word[]>;
  /** Reads several images, each in its own mode; an engine that reads in batches does so here. */
  recognizeEach(images: ImageToRead[]): Promise<Word[][]>;
  /**
   * Runs `work` with the engine to itself: settings one caller makes (PSM, DPI) are not changed by
   * another caller's work half-way (several tasks share an engine in the in-process executor).
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  terminate(): Promise<void>;
}

/** Runs OCR work with a thread's engine to itself; the engine is started on first use. */
export type WithEngine = <T>(work: (engine: OcrEngine) => Promise<T>) => Promise<T>;

/** A queue that runs work one piece at a time (see OcrEngine.exclusive). */
export class ExclusiveQueue {
  private queue: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
