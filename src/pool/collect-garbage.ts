// A full garbage collection after each page. A page leaves ~100 MB of dead typed arrays and
// canvases behind (the decoded scan, its RGBA copy, gray and binary bitmaps); left to V8's
// heuristics, several pages' worth pile up per thread before a collection, and with several
// threads the peak RSS creeps up over a long run. A collection of the small live heap takes
// ~20 ms against ~1.5 s of work per scanned page.
//
// It must be a plain major collection: `gc()` without options is V8's memory-reducing "last
// resort" collection, which also throws away the JIT's type feedback and optimized code. The
// page kernels (pdf.js's JPEG decoder, ruling detection) run once per page in long loops, so
// after every such collection they ran in the interpreter again, were recompiled on V8's helper
// threads, and deoptimized on the first unseen branch. Measured on 20 scanned pages: CPU time
// 43.5 → 37 s at --workers 1 and 46 → 37 s at --workers 2; TurboFan compilations 550 → 356 per
// 10 pages.
import v8 from 'node:v8';
import vm from 'node:vm';

type Collect = (options: { type: 'major' | 'minor'; execution: 'sync' }) => void;

let collect: Collect | null | undefined;

function collector(): Collect | null {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as Collect;
    } catch {
      collect = null;
    }
  }
  return collect;
}

export function collectGarbage(): void {
  collector()?.({ type: 'major', execution: 'sync' });
}

/**
 * A minor collection (a scavenge of the young generation, ~1 ms): frees typed arrays made and
 * dropped since the last one, such as an ONNX Runtime output tensor (see PaddleEngine.recognizeBatch).
 */
export function collectYoungGarbage(): void {
  collector()?.({ type: 'minor', execution: 'sync' });
}
