// How deep a page nests the graphics state (`q` without its `Q`), found from the file's bytes
// before pdf.js is given the page. pdf.js copies its state on every `q` at a cost that grows with
// the depth, and it does not yield while it does, so nothing can stop it: a page nested 10000
// deep takes 5-9 s and one nested 100000 deep takes many minutes (poppler: 0.4 s). PDF's own
// limit is 28 (ISO 32000-1, Annex C); a page deeper than the caller's limit is not given to pdf.js.
import { stat } from 'node:fs/promises';
import { RawPdfObjects } from './raw-objects.js';
import { PdfRef, dictOf, endsToken, isWhitespace, nameOf, type PdfDict, type PdfValue } from './raw-syntax.js';

const CHAR = (text: string) => text.charCodeAt(0);
const [PERCENT, OPEN_PAREN, CLOSE_PAREN, LESS, GREATER, BACKSLASH, SAVE, RESTORE, LETTER_I, LETTER_D, LETTER_E] = [...'%()<>\\qQIDE'].map(CHAR);

/** The state of a count over a page's content, carried from one of its content streams to the next. */
export interface NestingCount {
  depth: number;
  deepest: number;
}

/** Counts `q` and `Q` operators in `content` (strings, comments and inline image data skipped). */
export function countNesting(content: Uint8Array, count: NestingCount = { depth: 0, deepest: 0 }): NestingCount {
  const length = content.length;
  let at = 0;
  while (at < length) {
    const byte = content[at];
    if (isWhitespace(byte)) at++;
    else if (byte === PERCENT) {
      while (at < length && content[at] !== 10 && content[at] !== 13) at++;
    } else if (byte === OPEN_PAREN) {
      let open = 1;
      for (at++; at < length && open > 0; at++) {
        if (content[at] === BACKSLASH) at++;
        else if (content[at] === OPEN_PAREN) open++;
        else if (content[at] === CLOSE_PAREN) open--;
      }
    } else if (byte === LESS) {
      if (content[at + 1] === LESS) at += 2;
      else {
        while (at < length && content[at] !== GREATER) at++;
        at++;
      }
    } else if (endsToken(byte)) at++;
    else {
      const start = at;
      while (at < length && !endsToken(content[at])) at++;
      const size = at - start;
      if (size === 1 && byte === SAVE) count.deepest = Math.max(count.deepest, ++count.depth);
      else if (size === 1 && byte === RESTORE) count.depth = Math.max(0, count.depth - 1);
      else if (size === 2 && byte === LETTER_I && content[start + 1] === LETTER_D) at = afterInlineImage(content, at + 1);
    }
  }
  return count;
}

/** Where an inline image's data ends: after `EI` with whitespace before it and a token end after. */
function afterInlineImage(content: Uint8Array, from: number): number {
  for (let at = from; at + 1 < content.length; at++) {
    if (content[at] === LETTER_E && content[at + 1] === LETTER_I && isWhitespace(content[at - 1]) && (at + 2 >= content.length || endsToken(content[at + 2]))) return at + 2;
  }
  return content.length;
}

// Forms drawing forms drawing forms: what a form this deep draws in turn is not looked at.
const MAX_DRAW_DEPTH = 16;
// A page tree deeper than this (looking up inherited resources) is a loop.
const MAX_TREE_LEVELS = 32;
// A page's resources may reach this many streams; the rest are not looked at.
const MAX_STREAMS_A_PAGE = 4096;

/** The deepest nesting of a file's pages, with what each stream adds remembered across pages. */
export class GraphicsNesting {
  /** By stream object: the deepest nesting of its content and of what it draws. */
  private readonly streamDepths = new Map<number, number>();
  private streamsLooked = 0;

  constructor(readonly objects: RawPdfObjects) {}

  /**
   * The deepest graphics-state nesting pdf.js meets drawing the page object `pageObjectNumber`:
   * its content's, plus the deepest of what it draws (forms, tiling patterns, Type 3 glyphs, soft
   * masks, annotation appearances). 0 where the page cannot be read this way (e.g. encrypted).
   */
  async ofPage(pageObjectNumber: number): Promise<number> {
    const page = dictOf(await this.objects.resolve(new PdfRef(pageObjectNumber, 0)));
    if (!page) return 0;
    this.streamsLooked = 0;
    const count: NestingCount = { depth: 0, deepest: 0 };
    for (const part of await this.contentParts(page.get('Contents'))) {
      const data = part ? await this.objects.decode(part.stream) : null;
      if (data) countNesting(data, count);
    }
    const drawn = [...(await this.streamsDrawnBy(await this.resourcesOf(page))), ...(await this.appearancesOf(page))];
    return count.deepest + (await this.deepestOf(drawn, 0));
  }

  private async contentParts(contents: PdfValue | undefined) {
    const references = contents instanceof PdfRef ? [contents] : Array.isArray(contents) ? contents : [];
    if (references.length === 1) {
      const single = await this.objects.object((references[0] as PdfRef).objectNumber);
      // One reference to an array of streams.
      if (single && !single.stream && Array.isArray(single.value)) return Promise.all(single.value.map((part) => this.streamObject(part)));
    }
    return Promise.all(references.map((part) => this.streamObject(part)));
  }

  private async streamObject(reference: PdfValue) {
    if (!(reference instanceof PdfRef)) return null;
    const object = await this.objects.object(reference.objectNumber);
    return object?.stream ? { objectNumber: reference.objectNumber, stream: object.stream } : null;
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

  /** The references to streams that drawing with `resources` may run. */
  private async streamsDrawnBy(resources: PdfDict | null): Promise<PdfValue[]> {
    if (!resources) return [];
    const entries = async (key: string) => [...(dictOf(await this.objects.resolve(resources.get(key)))?.values() ?? [])];
    const drawn: PdfValue[] = [...(await entries('XObject')), ...(await entries('Pattern'))];
    for (const state of await entries('ExtGState')) {
      const mask = dictOf(await this.objects.resolve(dictOf(await this.objects.resolve(state))?.get('SMask')));
      if (mask) drawn.push(mask.get('G') ?? null);
    }
    for (const font of await entries('Font')) {
      const type3 = dictOf(await this.objects.resolve(font));
      if (nameOf(type3?.get('Subtype')) !== 'Type3') continue;
      drawn.push(...(dictOf(await this.objects.resolve(type3!.get('CharProcs')))?.values() ?? []));
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

  private async deepestOf(references: PdfValue[], drawDepth: number): Promise<number> {
    let deepest = 0;
    for (const reference of references) deepest = Math.max(deepest, await this.ofStream(reference, drawDepth + 1));
    return deepest;
  }

  /** The deepest nesting of one drawn stream and what it draws in turn (images and shadings draw nothing). */
  private async ofStream(reference: PdfValue, drawDepth: number): Promise<number> {
    if (!(reference instanceof PdfRef) || this.streamsLooked >= MAX_STREAMS_A_PAGE) return 0;
    const known = this.streamDepths.get(reference.objectNumber);
    if (known !== undefined) return known;
    this.streamsLooked++;
    // Marked first, so a form that draws itself counts once.
    this.streamDepths.set(reference.objectNumber, 0);
    const object = await this.streamObject(reference);
    if (!object || nameOf(object.stream.dict.get('Subtype')) === 'Image') return 0;
    const data = await this.objects.decode(object.stream);
    const own = data ? countNesting(data).deepest : 0;
    const inner = drawDepth >= MAX_DRAW_DEPTH ? 0 : await this.deepestOf(await this.streamsDrawnBy(dictOf(await this.objects.resolve(object.stream.dict.get('Resources')))), drawDepth);
    const depth = own + inner;
    this.streamDepths.set(reference.objectNumber, depth);
    return depth;
  }
}

// Each pool thread keeps the files of its last few pages' documents.
const KEPT_FILES = 4;
const kept = new Map<string, Promise<GraphicsNesting | null>>();

/**
 * The deepest graphics-state nesting of page object `pageObjectNumber` of the file at `path`, or
 * 0 where the file cannot be read this way. The file's objects are found once per thread (a scan
 * of its bytes, ~0.1 s for 100 MB) and kept while the file is unchanged.
 */
export async function pageGraphicsNesting(path: string, pageObjectNumber: number): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  const key = `${path}\u0000${info.size}\u0000${info.mtimeMs}`;
  let nesting = kept.get(key);
  if (!nesting) {
    nesting = RawPdfObjects.open(path).then((objects) => new GraphicsNesting(objects), () => null);
    kept.set(key, nesting);
    while (kept.size > KEPT_FILES) {
      const [oldestKey, oldest] = kept.entries().next().value!;
      kept.delete(oldestKey);
      void oldest.then((old) => old?.objects.close().catch(() => undefined));
    }
  }
  try {
    return (await (await nesting)?.ofPage(pageObjectNumber)) ?? 0;
  } catch {
    return 0;
  }
}
