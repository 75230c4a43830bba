// What drawing a page will cost pdf.js, found from the file's bytes before pdf.js is given the
// page, for the two things that make a small file take minutes and gigabytes:
// - Nesting: pdf.js copies its state on every `q` at a cost that grows with the depth, and does
//   not yield meanwhile, so nothing can stop it (10000 deep: 5-9 s; 100000: many minutes;
//   poppler: 0.4 s). PDF's own limit is 28 (ISO 32000-1, Annex C).
// - Operators: pdf.js holds every operator of a page in memory, about 1 KB each with the
//   rendering (1 million: 28 s and 1.2 GB; 3 million: 84 s and 3.4 GB, from a 44 KB file). A
//   form is read again each time it is drawn, so forms that draw forms multiply (a "billion
//   laughs" page of 1.6 KB draws 100000 squares in 12 s, 10 million in hours).
import { countContent, emptyCount, type ContentCount } from './content-count.js';
import { RawPdfObjects, type PdfStream } from './raw-objects.js';
import { PdfRef, dictOf, nameOf, type PdfDict, type PdfValue } from './raw-syntax.js';

export interface DrawingCost {
  /** The deepest graphics-state nesting (`q` without `Q`), with what the page draws inside it. */
  nesting: number;
  /** Operators pdf.js reads, a form's counted each time it is drawn; Infinity for content over MAX_DECODED_BYTES. */
  operators: number;
}

const NO_COST: DrawingCost = { nesting: 0, operators: 0 };

// Forms drawing forms drawing forms: what a form this deep draws in turn is not looked at.
const MAX_DRAW_DEPTH = 16;
// A page tree deeper than this (looking up inherited resources) is a loop.
const MAX_TREE_LEVELS = 32;
// A page's resources may reach this many streams; the rest are not looked at.
const MAX_STREAMS_A_PAGE = 4096;

/** What a page's or a form's resources draw: forms by their name in `Do`, the rest (patterns, masks, Type 3 glyphs) once each. */
interface Drawn {
  xObjects: Map<string, PdfValue>;
  others: PdfValue[];
}

/** The drawing costs of a file's pages, with each stream's cost remembered across pages. */
export class DrawingCosts {
  private readonly streamCosts = new Map<number, DrawingCost>();
  private streamsLooked = 0;

  constructor(readonly objects: RawPdfObjects) {}

  /** The cost of page object `pageObjectNumber`: its content, what it draws, its annotations' appearances. Zero where it cannot be read this way (e.g. encrypted). */
  async ofPage(pageObjectNumber: number): Promise<DrawingCost> {
    const page = dictOf(await this.objects.resolve(new PdfRef(pageObjectNumber, 0)));
    if (!page) return NO_COST;
    this.streamsLooked = 0;
    const count = emptyCount();
    for (const part of await this.contentParts(page.get('Contents'))) {
      if (part && (await this.addContent(part, count)) === 'too-large') return { nesting: 0, operators: Infinity };
    }
    const drawn = await this.drawnBy(await this.resourcesOf(page));
    drawn.others.push(...(await this.appearancesOf(page)));
    return this.withDrawn(count, drawn, 0);
  }

  /** Counts one content stream into `count`. */
  private async addContent(stream: PdfStream, count: ContentCount): Promise<'too-large' | void> {
    const data = await this.objects.decode(stream);
    if (data === 'too-large') return data;
    if (data) countContent(data, count);
  }

  /** A content's own count plus what it draws: forms as often as `Do` names them, the rest once. */
  private async withDrawn(count: ContentCount, drawn: Drawn, drawDepth: number): Promise<DrawingCost> {
    let inner = 0;
    let operators = count.operators;
    for (const [name, times] of count.drawsByName) {
      const reference = drawn.xObjects.get(name);
      if (!reference) continue;
      const cost = await this.ofStream(reference, drawDepth + 1);
      inner = Math.max(inner, cost.nesting);
      operators += times * cost.operators;
    }
    for (const reference of drawn.others) {
      const cost = await this.ofStream(reference, drawDepth + 1);
      inner = Math.max(inner, cost.nesting);
      operators += cost.operators;
    }
    return { nesting: count.deepest + inner, operators };
  }

  /** The cost of one drawn stream and what it draws in turn (an image draws nothing). */
  private async ofStream(reference: PdfValue, drawDepth: number): Promise<DrawingCost> {
    if (!(reference instanceof PdfRef) || this.streamsLooked >= MAX_STREAMS_A_PAGE) return NO_COST;
    const known = this.streamCosts.get(reference.objectNumber);
    if (known) return known;
    this.streamsLooked++;
    // Marked first, so a form that draws itself counts once.
    this.streamCosts.set(reference.objectNumber, NO_COST);
    const stream = await this.streamOf(reference);
    if (!stream || nameOf(stream.dict.get('Subtype')) === 'Image') return NO_COST;
    const count = emptyCount();
    const cost: DrawingCost =
      (await this.addContent(stream, count)) === 'too-large'
        ? { nesting: 0, operators: Infinity }
        : drawDepth >= MAX_DRAW_DEPTH
          ? { nesting: count.deepest, operators: count.operators }
          : await this.withDrawn(count, await this.drawnBy(dictOf(await this.objects.resolve(stream.dict.get('Resources')))), drawDepth);
    this.streamCosts.set(reference.objectNumber, cost);
    return cost;
  }

  private async contentParts(contents: PdfValue | undefined): Promise<(PdfStream | null)[]> {
    const references = contents instanceof PdfRef ? [contents] : Array.isArray(contents) ? contents : [];
    if (references.length === 1) {
      const single = await this.objects.object((references[0] as PdfRef).objectNumber);
      // One reference to an array of streams.
      if (single && !single.stream && Array.isArray(single.value)) return Promise.all(single.value.map((part) => this.streamOf(part)));
    }
    return Promise.all(references.map((part) => this.streamOf(part)));
  }

  private async streamOf(reference: PdfValue): Promise<PdfStream | null> {
    return reference instanceof PdfRef ? ((await this.objects.object(reference.objectNumber))?.stream ?? null) : null;
  }

  /** The page's resources, inherited from the page tree where the page has none. */
  private async resourcesOf(page: PdfDict): Promise<PdfDict | null> {
    let node: PdfDict | null = page;
    for (let level = 0; node && level < MAX_TREE_LEVELS; level++) {
      const resources = dictOf(await this.objects.resolve(node.get('Resources')));
      if (resources) return resources;
      node = dictOf(await this.objects.resolve(node.get('Parent')));
    }
    return null;
  }

  private async drawnBy(resources: PdfDict | null): Promise<Drawn> {
    const entries = async (key: string) => dictOf(await this.objects.resolve(resources?.get(key))) ?? new Map<string, PdfValue>();
    const drawn: Drawn = { xObjects: await entries('XObject'), others: [...(await entries('Pattern')).values()] };
    for (const state of (await entries('ExtGState')).values()) {
      const mask = dictOf(await this.objects.resolve(dictOf(await this.objects.resolve(state))?.get('SMask')));
      if (mask) drawn.others.push(mask.get('G') ?? null);
    }
    for (const font of (await entries('Font')).values()) {
      const type3 = dictOf(await this.objects.resolve(font));
      if (nameOf(type3?.get('Subtype')) !== 'Type3') continue;
      drawn.others.push(...(dictOf(await this.objects.resolve(type3!.get('CharProcs')))?.values() ?? []));
    }
    return drawn;
  }

  /** The streams of the page's annotations' appearances (normal, rollover, down; each one or one per state). */
  private async appearancesOf(page: PdfDict): Promise<PdfValue[]> {
    const annotations = await this.objects.resolve(page.get('Annots'));
    const drawn: PdfValue[] = [];
    for (const annotation of Array.isArray(annotations) ? annotations.slice(0, MAX_STREAMS_A_PAGE) : []) {
      const appearance = dictOf(dictOf(await this.objects.resolve(annotation))?.get('AP') ?? null);
      for (const key of ['N', 'R', 'D']) {
        const entry = appearance?.get(key);
        const states = entry instanceof PdfRef ? null : dictOf(entry);
        drawn.push(...(states ? states.values() : [entry ?? null]));
      }
    }
    return drawn;
  }
}

/**
 * The drawing costs of one file's pages, its file handle owned by the caller until close() (a pool
 * thread keeps one beside the open document, and closes both together). The file's objects are
 * found on the first page asked for (a scan of its bytes, ~60 ms for 200 MB), then a page takes
 * about 1 ms.
 */
export class FileDrawingCosts {
  private costs: Promise<DrawingCosts | null> | null = null;
  private closed = false;

  constructor(readonly path: string) {}

  /** The drawing cost of page object `pageObjectNumber`; zero where the file cannot be read this way, or once closed. */
  async ofPage(pageObjectNumber: number): Promise<DrawingCost> {
    if (this.closed) return NO_COST;
    this.costs ??= RawPdfObjects.open(this.path).then((objects) => new DrawingCosts(objects), () => null);
    try {
      return (await (await this.costs)?.ofPage(pageObjectNumber)) ?? NO_COST;
    } catch {
      return NO_COST;
    }
  }

  /** Closes the file (once it is open, if it is being opened now). */
  async close(): Promise<void> {
    this.closed = true;
    const costs = this.costs;
    this.costs = null;
    await (await costs)?.objects.close().catch(() => undefined);
  }
}
