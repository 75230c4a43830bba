// Opening a PDF with pdfjs-dist (legacy build: the modern one needs DOMMatrix in Node).
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';
import { InputError, errorText } from '../errors.js';

export type PdfDocument = PDFDocumentProxy;

// Fonts and CMaps come from the installed package, never from the network. In Node, pdf.js reads
// these as plain file paths (a file:// URL fails to load and it falls back to a wrong font); they
// must end in '/'.
const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const STANDARD_FONT_DATA_URL = path.join(pdfjsRoot, 'standard_fonts') + path.sep;
const CMAP_URL = path.join(pdfjsRoot, 'cmaps') + path.sep;

// pdf.js accepts a header anywhere in the first 1024 bytes, as Acrobat does.
const PDF_HEADER_SEARCH_BYTES = 1024;

/** Reads the input file, with a clear error for a missing file, a folder or a non-PDF. */
export async function readPdfFile(inputPath: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(inputPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`cannot read ${inputPath}: no such file`);
    throw new InputError(`cannot read ${inputPath}: ${errorText(error)}`);
  }
  if (info.isDirectory()) throw new InputError(`cannot read ${inputPath}: it is a folder, not a PDF file`);
  let bytes: Buffer;
  try {
    bytes = await readFile(inputPath);
  } catch (error) {
    throw new InputError(`cannot read ${inputPath}: ${errorText(error)}`);
  }
  if (bytes.length === 0) throw new InputError(`cannot read ${inputPath}: the file is empty`);
  const head = bytes.subarray(0, PDF_HEADER_SEARCH_BYTES).toString('latin1');
  if (!head.includes('%PDF-')) throw new InputError(`cannot read ${inputPath}: not a PDF file (no %PDF header)`);
  // getDocument wants a Uint8Array (not a Buffer) that it may detach: give it its own copy.
  return new Uint8Array(bytes);
}

/** Opens PDF bytes with pdfjs-dist; maps its exceptions to InputError. `label` names the file in messages. */
export async function openPdf(data: Uint8Array, password: string | null, label: string): Promise<PdfDocument> {
  const task = pdfjs.getDocument({
    data,
    password: password ?? undefined,
    standardFontDataUrl: STANDARD_FONT_DATA_URL,
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
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
