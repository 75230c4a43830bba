// Opening a PDF with pdfjs-dist (legacy build: the modern one needs DOMMatrix in Node).
import { lstat, open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from './pdfjs.js';
import type { DocumentInitParameters, PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { InputError, errorText } from '../errors.js';
import { OwnCanvasFactory } from './canvas-factory.js';
import { silencePdfjsWarnings } from './pdfjs-warnings.js';

export type PdfDocument = PDFDocumentProxy;

// Fonts and CMaps come from the installed package, never from the network. In Node, pdf.js reads
// these as plain file paths (a file:// URL fails to load and it falls back to a wrong font); they
// must end in '/'.
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const STANDARD_FONT_DATA_URL = path.join(pdfjsRoot, 'standard_fonts') + path.sep;
const CMAP_URL = path.join(pdfjsRoot, 'cmaps') + path.sep;

// An image declaring more pixels than this is skipped, not decoded: a damaged or hostile file can
// declare 100000 × 100000 pixels, and decoding it would exhaust memory. 80 MP is an A3 page
// scanned at 600 DPI in colour.
export const MAX_IMAGE_PIXELS = 80_000_000;

// pdf.js accepts a header anywhere in the first 1024 bytes, as Acrobat does.
const PDF_HEADER_SEARCH_BYTES = 1024;

/** Why a path cannot be opened, in words: a dangling or looping link is not "no such file". */
async function unreadableBecause(inputPath: string, error: unknown): Promise<string> {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return (await lstat(inputPath).catch(() => null))?.isSymbolicLink() ? 'it is a symbolic link to a file that does not exist' : 'no such file';
    case 'ELOOP':
      return 'it is a symbolic link that leads back to itself (a loop)';
    case 'ENOTDIR':
      return 'no such file (a part of its path is not a folder)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return errorText(error);
  }
}

/** The input's size, with a clear error for a missing file, a folder or an empty file. */
async function inputFileSize(inputPath: string): Promise<number> {
  let info;
  try {
    info = await stat(inputPath);
  } catch (error) {
    throw new InputError(`cannot read ${inputPath}: ${await unreadableBecause(inputPath, error)}`);
  }
  if (info.isDirectory()) throw new InputError(`cannot read ${inputPath}: it is a folder, not a PDF file`);
  if (info.size === 0) throw new InputError(`cannot read ${inputPath}: the file is empty`);
  return info.size;
}

function checkPdfHeader(inputPath: string, head: Uint8Array): void {
  if (!Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1').includes('%PDF-')) {
    throw new InputError(`cannot read ${inputPath}: not a PDF file (no %PDF header)`);
  }
}

/** Reads the whole input file (dev tools and tests; the pipeline reads ranges with openPdfFile). */
export async function readPdfFile(inputPath: string): Promise<Uint8Array> {
  await inputFileSize(inputPath);
  let bytes: Buffer;
  try {
    bytes = await readFile(inputPath);
  } catch (error) {
    throw new InputError(`cannot read ${inputPath}: ${errorText(error)}`);
  }
  if (bytes.length === 0) throw new InputError(`cannot read ${inputPath}: the file is empty`);
  checkPdfHeader(inputPath, bytes.subarray(0, PDF_HEADER_SEARCH_BYTES));
  // getDocument wants a Uint8Array (not a Buffer) that it may detach: give it its own copy.
  return new Uint8Array(bytes);
}

/**
 * Feeds pdf.js the byte ranges it asks for, read from the file. pdf.js then holds only the parts
 * of the file it has used (its buffer is allocated at full length, but untouched pages of it stay
 * unresident), so memory follows the pages read rather than the file size.
 */
class FileRangeTransport extends pdfjs.PDFDataRangeTransport {
  private closed = false;
  /** Bytes handed to pdf.js so far (it keeps them all while the document is open). */
  bytesRead = 0;
  /** Bytes read by the time the document was open (the trailer, xref and page tree). */
  bytesReadToOpen = 0;
  constructor(private readonly file: FileHandle, length: number) {
    super(length, null);
  }
  override requestDataRange(begin: number, end: number): void {
    const chunk = new Uint8Array(end - begin);
    this.bytesRead += chunk.length;
    // A short or failed read (the file shrank or vanished during the run) hands pdf.js zeros,
    // which it reports as a damaged file, rather than no answer, which would hang it.
    this.file.read(chunk, 0, chunk.length, begin).catch(() => undefined).finally(() => {
      if (!this.closed) this.onDataRange(begin, chunk);
    });
  }
  /** pdf.js calls this when the document is destroyed. */
  override abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.file.close().catch(() => undefined);
  }
}

const transports = new WeakMap<PdfDocument, FileRangeTransport>();

/**
 * How many bytes of its file a document from openPdfFile has read (and holds) since it was
 * opened, i.e. for its pages' content; 0 for other documents.
 */
export function pageBytesReadBy(document: PdfDocument): number {
  const transport = transports.get(document);
  return transport ? transport.bytesRead - transport.bytesReadToOpen : 0;
}

// pdf.js reads a file in chunks of this size. Opening walks the page tree, which reads the chunk
// around every page object: with pdf.js's 64 KB default that is 13 MB of a 200-page scan held by
// each thread's document (64 KB per page). At 16 KB it is 3.3 MB; smaller chunks slow text pages
// (4 KB: 40 instead of 57 pages/s), whose objects are small and scattered.
const RANGE_CHUNK_BYTES = 16 * 1024;

/** Opens a PDF file with pdfjs-dist, reading only the byte ranges it needs. Errors as openPdf. */
export async function openPdfFile(inputPath: string, password: string | null): Promise<PdfDocument> {
  const size = await inputFileSize(inputPath);
  let file: FileHandle;
  try {
    file = await open(inputPath, 'r');
  } catch (error) {
    throw new InputError(`cannot read ${inputPath}: ${await unreadableBecause(inputPath, error)}`);
  }
  const transport = new FileRangeTransport(file, size);
  try {
    const head = new Uint8Array(Math.min(size, PDF_HEADER_SEARCH_BYTES));
    await file.read(head, 0, head.length, 0);
    checkPdfHeader(inputPath, head);
    const document = await openDocument({ range: transport, disableAutoFetch: true, disableStream: true, rangeChunkSize: RANGE_CHUNK_BYTES }, password, inputPath);
    transport.bytesReadToOpen = transport.bytesRead;
    transports.set(document, transport);
    return document;
  } catch (error) {
    transport.abort();
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${inputPath}: ${errorText(error)}`);
  }
}

/** Opens PDF bytes with pdfjs-dist; maps its exceptions to InputError. `label` names the file in messages. */
export function openPdf(data: Uint8Array, password: string | null, label: string): Promise<PdfDocument> {
  return openDocument({ data }, password, label);
}

async function openDocument(source: DocumentInitParameters, password: string | null, label: string): Promise<PdfDocument> {
  silencePdfjsWarnings();
  const task = pdfjs.getDocument({
    ...source,
    password: password ?? undefined,
    standardFontDataUrl: STANDARD_FONT_DATA_URL,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    isEvalSupported: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    useSystemFonts: false,
    // Warnings too: pdf.js says only so when it leaves an image out (see pdfjs-warnings.ts).
    verbosity: pdfjs.VerbosityLevel.WARNINGS,
    CanvasFactory: OwnCanvasFactory,
    // pdf.js's WebAssembly decoders (CCITT, JBIG2, JPX) fetch their code through the document last
    // opened on the thread; when that one was destroyed first (--workers 1: the main thread counts
    // a batch file's pages while it reads another's), the fetch was never answered and the page
    // hung until --timeout. Without a wasmUrl that fetch fails anyway and pdf.js falls back to its
    // JavaScript decoders: asking for those at once gives the same pixels with no fetch to lose.
    useWasm: false,
  });
  try {
    const document = await task.promise;
    if (document.numPages < 1) {
      await document.destroy();
      throw new InputError(`cannot read ${label}: the PDF has no pages`);
    }
    return document;
  } catch (error) {
    await task.destroy().catch(() => undefined);
    if (error instanceof InputError) throw error;
    const name = (error as { name?: string }).name;
    const code = (error as { code?: number }).code;
    if (name === 'PasswordException') {
      if (code === pdfjs.PasswordResponses.INCORRECT_PASSWORD) {
        throw new InputError(`cannot read ${label}: the password is wrong`, 'give the right password with --password');
      }
      throw new InputError(`cannot read ${label}: the file is encrypted`, 'give the password with --password');
    }
    if (name === 'InvalidPDFException') {
      throw new InputError(`cannot read ${label}: the PDF is damaged (${errorText(error)})`);
    }
    throw new InputError(`cannot read ${label}: ${errorText(error)}`);
  }
}
