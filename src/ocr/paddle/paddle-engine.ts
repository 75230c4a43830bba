// PP-OCR (PaddleOCR's PP-OCRv4 mobile models) on onnxruntime-node: one recognizer, detector and
// direction classifier session per pool thread, each made on first use and reused, one intra-op
// thread each (--workers is the one knob). Reads Chinese and English, mixed, in one pass.
import { readFile } from 'node:fs/promises';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { cropGray } from '../../image/crop-gray.js';
import type { GrayBitmap } from '../../image/gray-bitmap.js';
import type { PixelBox, Word } from '../../types.js';
import { ExclusiveQueue, noModelTimes, SINGLE_LINE_PSM, type ImageToRead, type ModelTimes, type OcrEngine, type RecognizeSettings } from '../ocr-engine.js';
import { classifierBatch, turnedHalfway, upsideDownProbabilities } from './classify-direction.js';
import { detectionInput, textBoxesOf, type DetectionSettings } from './detect-text.js';
import { DASH_CONFIDENCE, isDash, lineBoxAround, isSpeck, lineInkOf, linesOfBlock, splitAtWideGaps, tightBoxes } from './line-ink.js';
import { fuseHardSwish } from './fuse-hard-swish.js';
import { disableRuntimeTelemetry, type PaddleModelFiles } from './model-files.js';
import { characterClasses, decodeLine, recognitionBatch, wordsOfLine } from './recognize-text.js';
import { runningTextLines, standInWords } from './running-text.js';

export interface PaddleSettings {
  detection: DetectionSettings;
  /** Lines per recognizer run at most… */
  batchLines: number;
  /** …and input pixels of width, summed over the batch's padded lines (bounds the output tensor: 6,625 floats a step). */
  batchWidthPx: number;
  /** A batch's lines are padded to at least this width (px at 48 px high). */
  minLineWidthPx: number;
  /** A detected line read less sure than this (0–100) is asked of the direction classifier… */
  classifyBelowConfidence: number;
  /** …and read turned by 180° when the classifier is this sure it is upside down. */
  upsideDownProbability: number;
}

type Ort = typeof import('onnxruntime-node');

/** What the thread running the engine offers it. */
export interface PaddleRuntime {
  /** A quick collection of young garbage (see recognizeBatch); none where the thread offers none. */
  collectYoungGarbage?: () => void;
}

// Tesseract's automatic page segmentation, the mode a whole page is read in.
const AUTOMATIC_PSM = 3;

/** A line image to recognise, where it came from, and which input image it belongs to. */
interface LineToRead {
  image: GrayBitmap;
  box: PixelBox;
  owner: number;
}

export class PaddleEngine implements OcrEngine {
  readonly kind = 'paddle' as const;
  readonly modelTimes: ModelTimes = noModelTimes();
  private readonly queue = new ExclusiveQueue();
  private pageSegmentationMode = SINGLE_LINE_PSM;

  private constructor(
    private readonly ort: Ort,
    private readonly recognizer: InferenceSession,
    /** The detector and the classifier, each made on first use: a thread reading ruled tables needs neither (0.5 s and ~190 MB saved). */
    private readonly sessions: { detector: () => Promise<InferenceSession>; classifier: () => Promise<InferenceSession>; release: () => Promise<void> },
    private readonly classes: string[],
    private readonly settings: PaddleSettings,
    private readonly runtime: PaddleRuntime,
  ) {}

  static async create(files: PaddleModelFiles, settings: PaddleSettings, runtime: PaddleRuntime = {}): Promise<PaddleEngine> {
    // Effective on the main thread (in-process runs); pool threads inherit it from chooseEngine's call.
    disableRuntimeTelemetry();
    const ort = await import('onnxruntime-node');
    // No memory pattern: ONNX Runtime plans one block for all of a run's tensors per input shape,
    // allocated beside its arena once a shape runs again. Without it, peak RSS at --workers 1 on
    // the bench's ten realistic pages fell by 0–35 MB (enpdf-09 367 → 332, synth-s04 407 → 391), in
    // the same time and with the same output (the arithmetic is the same).
    const options: InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all', enableMemPattern: false };
    // Each model with its hard-swish activations fused (fuse-hard-swish.ts): the same function, fewer passes.
    const load = async (file: string) => ort.InferenceSession.create(fuseHardSwish(await readFile(file)).model, options);
    const [recognizer, dictionary] = await Promise.all([load(files.recognition), readFile(files.dictionary, 'utf8')]);
    const made: Promise<InferenceSession>[] = [];
    const onFirstUse = (file: string) => {
      let session: Promise<InferenceSession> | null = null;
      return () => {
        if (!session) made.push((session = load(file)));
        return session;
      };
    };
    const sessions = {
      detector: onFirstUse(files.detection),
      classifier: onFirstUse(files.classifier),
      release: async () => {
        await Promise.all([recognizer.release(), ...made.map(async (session) => (await session).release())]);
      },
    };
    return new PaddleEngine(ort, recognizer, sessions, characterClasses(dictionary), settings, runtime);
  }

  /** Only the layout mode matters: PP-OCR scales each line to its own input height, whatever the DPI. */
  async configure(settings: RecognizeSettings, _dpi: number): Promise<void> {
    this.pageSegmentationMode = settings.pageSegmentationMode;
  }

  async setPageSegmentationMode(mode: number): Promise<void> {
    this.pageSegmentationMode = mode;
  }

  async recognize(width: number, height: number, gray: Uint8Array): Promise<Word[]> {
    const [words] = await this.recognizeEach([{ width, height, gray, pageSegmentationMode: this.pageSegmentationMode }]);
    return words;
  }

  /**
   * Single-line images are read whole; the lines of the others are found first. All lines are
   * recognised in batches, but a page's lines of running text where it asks for stand-ins.
   */
  async recognizeEach(images: ImageToRead[]): Promise<Word[][]> {
    const lines: LineToRead[] = [];
    // Images read in automatic page segmentation (a whole page): their unsure lines go to the direction classifier.
    const wholePages = new Set<number>();
    const dashes = new Map<number, PixelBox>();
    // Per image, the words standing in for its lines of running text, unread.
    const standIns: Word[][] = images.map(() => []);
    let unreadLines = 0;
    for (const [owner, image] of images.entries()) {
      if (image.pageSegmentationMode === SINGLE_LINE_PSM) {
        const ink = lineInkOf(image);
        if (!ink) continue;
        // A lone dash is no text line to PP-OCR (it reads '!', '1', a quote or nothing): known by its shape.
        if (isDash(ink, image.textHeightPx)) dashes.set(owner, ink.box);
        else {
          const box = lineBoxAround(ink, image, image.textHeightPx);
          lines.push({ image: cropGray(image, box), box, owner });
        }
        continue;
      }
      if (image.pageSegmentationMode === AUTOMATIC_PSM) wholePages.add(owner);
      // A block (a cell of several lines) parts into lines by its blank rows; a page, and a block
      // whose lines touch, go to the detector.
      const blockLines = image.pageSegmentationMode === AUTOMATIC_PSM ? null : linesOfBlock(image, image.textHeightPx);
      const found = (blockLines ?? (await this.detectLines(image))).map((box) => ({ image: cropGray(image, box), box, owner }));
      const running = image.standInRunningText ? runningTextLines(found) : [];
      for (const [index, line] of found.entries()) {
        if (running[index]) standIns[owner].push(...standInWords(line, unreadLines++));
        else lines.push(line);
      }
    }
    const read = await this.recognizeLines(lines);
    // A page's lines read unsurely may be upside down (a stamp, a turned label): the classifier
    // decides. Not in other modes: the orientation check compares readings of a sample turned both
    // ways, which turning its lines back would make alike, and the cells of an upright table are upright.
    const doubtful = lines.flatMap((line, index) => (wholePages.has(line.owner) && meanConfidence(read[index]) < this.settings.classifyBelowConfidence ? [index] : []));
    if (doubtful.length > 0) await this.rereadUpsideDown(lines, read, doubtful);
    const words: Word[][] = standIns;
    lines.forEach((line, index) => words[line.owner].push(...read[index]));
    for (const [owner, box] of dashes) words[owner].push({ text: '-', confidence: DASH_CONFIDENCE, box });
    return words;
  }

  exclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
  }

  async terminate(): Promise<void> {
    await this.sessions.release();
  }

  /**
   * The text lines the detector finds in an image, in its pixels. The detector joins text across
   * narrow column gaps ('Site A before/after   Site B …'): such a box is read as its pieces, so
   * columns stay apart as Tesseract's words keep them.
   */
  private async detectLines(image: GrayBitmap): Promise<PixelBox[]> {
    const input = detectionInput(image, this.settings.detection.maxSidePx);
    const tensor = new this.ort.Tensor('float32', input.data, [1, 3, input.height, input.width]);
    const output = await this.run(await this.sessions.detector(), tensor, 'findTextMs');
    const [, , height, width] = output.dims;
    const detected = textBoxesOf(output.data as Float32Array, width, height, input.scale, image, this.settings.detection);
    return detected.flatMap(({ box }) => splitAtWideGaps(cropGray(image, box), box));
  }

  /** Each line's words, in its source image's pixels; lines of similar shape share a batch (less padding). */
  private async recognizeLines(lines: LineToRead[]): Promise<Word[][]> {
    const words: Word[][] = lines.map(() => []);
    const order = lines.map((_, index) => index).sort((a, b) => aspect(lines[a].image) - aspect(lines[b].image));
    for (let start = 0; start < order.length; ) {
      const batch: number[] = [];
      let widest = this.settings.minLineWidthPx;
      while (start < order.length && batch.length < this.settings.batchLines) {
        const width = Math.max(widest, Math.ceil(aspect(lines[order[start]].image) * 48));
        if (batch.length > 0 && width * (batch.length + 1) > this.settings.batchWidthPx) break;
        widest = width;
        batch.push(order[start++]);
      }
      const read = await this.recognizeBatch(batch.map((index) => lines[index]));
      batch.forEach((index, k) => (words[index] = read[k]));
    }
    return words;
  }

  private async recognizeBatch(lines: LineToRead[]): Promise<Word[][]> {
    // The batch before this one is dead by now: its output (steps × 6,625 floats a line, up to 13
    // MB) and input tensors. V8 counts such buffers as external memory and let ~60 MB of them pile
    // up before it collected, at the very time the recognizer's arena is at its largest: the page's
    // peak. A scavenge (~1 ms, 20–60 batches a page) frees them while they are young. Measured,
    // --workers 1, peak RSS over 3 runs: synth-s05 478–490 → 430–449 MB, s08 461–478 → 428–437 MB,
    // s09 460–468 → 426–436 MB; time within noise.
    this.runtime.collectYoungGarbage?.();
    const input = recognitionBatch(lines.map((line) => line.image), this.settings.minLineWidthPx);
    const tensor = new this.ort.Tensor('float32', input.data, [input.count, 3, 48, input.width]);
    const output = await this.run(this.recognizer, tensor, 'recognizeMs');
    const [, steps] = output.dims;
    const stepPx = input.width / steps;
    return lines.map((line, index) => {
      const words = wordsOfLine(decodeLine(output.data as Float32Array, index, steps, this.classes), line.box, stepPx, input.lines[index].scale);
      const boxes = tightBoxes(line.image, line.box, words.map((word) => word.box));
      return words.map((word, k) => ({ ...word, box: boxes[k] })).filter((word) => !isSpeck(word.text, line.image, line.box, word.box));
    });
  }

  /** Lines the classifier takes for upside down are read turned; the surer reading stays. */
  private async rereadUpsideDown(lines: LineToRead[], read: Word[][], doubtful: number[]): Promise<void> {
    const input = classifierBatch(doubtful.map((index) => lines[index].image));
    const output = await this.run(await this.sessions.classifier(), new this.ort.Tensor('float32', input.data, input.dims), 'classifyMs');
    const probabilities = upsideDownProbabilities(output.data as Float32Array, doubtful.length);
    const turned = doubtful.filter((_, k) => probabilities[k] >= this.settings.upsideDownProbability);
    if (turned.length === 0) return;
    const again = await this.recognizeLines(turned.map((index) => ({ ...lines[index], image: turnedHalfway(lines[index].image) })));
    turned.forEach((index, k) => {
      if (meanConfidence(again[k]) > meanConfidence(read[index])) read[index] = again[k].map((word) => ({ ...word, box: lines[index].box }));
    });
  }

  private async run(session: InferenceSession, input: Tensor, stage: keyof ModelTimes): Promise<Tensor> {
    const start = performance.now();
    const outputs = await session.run({ [session.inputNames[0]]: input });
    this.modelTimes[stage] += performance.now() - start;
    return outputs[session.outputNames[0]];
  }
}

const aspect = (image: GrayBitmap) => image.width / Math.max(1, image.height);

const meanConfidence = (words: Word[]) => (words.length === 0 ? 0 : words.reduce((sum, word) => sum + word.confidence, 0) / words.length);
