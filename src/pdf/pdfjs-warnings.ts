// pdf.js reports what it left out of a page (an image over its size limit, a broken font) only as
// a console warning. These are caught here: while `collectPdfjsWarnings` runs a page's work, its
// warnings are gathered for the page (the caller picks what the user should hear); outside it they
// are dropped, as pdf.js's own ERRORS verbosity would. Other console.warn output passes through.
// A pool thread or the in-process executor reads one page at a time, so one collector is enough.
const PDFJS_PREFIX = 'Warning: ';

let collector: string[] | null = null;
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const original = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' && first.startsWith(PDFJS_PREFIX)) {
      collector?.push(first.slice(PDFJS_PREFIX.length));
      return;
    }
    original(...args);
  };
}

/** Runs `work`, and gives back what pdf.js warned of meanwhile. */
export async function collectPdfjsWarnings<T>(work: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  install();
  const previous = collector;
  const warnings: string[] = [];
  collector = warnings;
  try {
    return { result: await work(), warnings };
  } finally {
    collector = previous;
  }
}

/** Call once before pdf.js can warn (it is loaded with its WARNINGS verbosity). */
export const silencePdfjsWarnings = install;
