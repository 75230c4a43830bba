// A full garbage collection after each page. A page leaves ~100 MB of dead typed arrays and
// canvases behind (the decoded scan, its RGBA copy, gray and binary bitmaps); left to V8's
// heuristics, several pages' worth pile up per thread before a collection, and with several
// threads the peak RSS creeps up over a long run. A collection of the small live heap takes
// ~20 ms against ~1.5 s of work per scanned page.
import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
