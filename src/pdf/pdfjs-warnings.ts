// pdf.js reports what it left out of a page (an image over its size limit, a broken font) only as
// a console warning. These are caught here: while `collectPdfjsWarnings` runs a page's work, its
// warnings are gathered for the page (the caller picks what the user should hear); outside it they
// are dropped, as pdf.js's own ERRORS verbosity would. Other console.warn output passes through.
// Each call gathers into its own list, found through the async context of the warning: the
// in-process executor may give up on a page that ran past its time and start the next one while
// the first still runs, and neither may take the other's warnings.
import { AsyncLocalStorage } from 'node:async_hooks';

const PDFJS_PREFIX = 'Warning: ';

/** The warnings list of the collectPdfjsWarnings call whose work is running. */
const collectors = new AsyncLocalStorage<string[]>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const original = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && first.startsWith(PDFJS_PREFIX)) {
      collectors.getStore()?.push(first.slice(PDFJS_PREFIX.length));
      return;
    }
    original(...args);
  };
}

/** Runs `work`, and gives back what pdf.js warned of meanwhile, in `work`'s own async context. */
export async function collectPdfjsWarnings<T>(work: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  install();
  const warnings: string[] = [];
  return { result: await collectors.run(warnings, work), warnings };
}

/** Call once before pdf.js can warn (it is loaded with its WARNINGS verbosity). */
export const silencePdfjsWarnings = install;
