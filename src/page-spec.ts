// Page selections like `1-3,5,7-end`.
import { UsageError } from './errors.js';

/** An inclusive page range; `last: null` means "to the last page". */
export interface PageRange {
  first: number;
  last: number | null;
}

const PAGE_SPEC_HINT = "use page numbers and ranges separated by commas, e.g. 1-3,5,7-end";

function parsePageNumber(token: string, spec: string): number | null {
  if (token === 'end') return null;
  if (!/^\d+$/.test(token) || Number(token) < 1 || !Number.isSafeInteger(Number(token))) {
    throw new UsageError(`option --pages: '${spec}' is not valid ('${token}' is not a page number)`, PAGE_SPEC_HINT);
  }
  return Number(token);
}

/** Parses a page spec; throws UsageError for malformed specs. Page count checks come later. */
export function parsePageSpec(spec: string): PageRange[] {
  const parts = spec.split(',').map((part) => part.trim());
  if (spec.trim() === '' || parts.some((part) => part === '')) {
    throw new UsageError(`option --pages: '${spec}' is not valid`, PAGE_SPEC_HINT);
  }
  return parts.map((part) => {
    const bounds = part.split('-').map((token) => token.trim());
    if (bounds.length > 2) throw new UsageError(`option --pages: '${spec}' is not valid`, PAGE_SPEC_HINT);
    const first = parsePageNumber(bounds[0], spec);
    const last = bounds.length === 2 ? parsePageNumber(bounds[1], spec) : first;
    if (first === null) {
      // 'end' or 'end-end': just the last page
      if (last !== null) throw new UsageError(`option --pages: '${spec}' is not valid ('${part}' runs backwards)`, PAGE_SPEC_HINT);
      return { first: Number.POSITIVE_INFINITY, last: null };
    }
    if (last !== null && last < first) {
      throw new UsageError(`option --pages: '${spec}' is not valid ('${part}' runs backwards)`, PAGE_SPEC_HINT);
    }
    return { first, last };
  });
}

/** --pages selects none of a document's pages (in a batch, where pages past the end are ignored). */
export class NoSelectedPagesError extends UsageError {}

/**
 * The selected page numbers, ascending and without repeats, for a document of `pageCount` pages.
 * A page beyond the last is a usage error naming the option, unless `ignoreBeyondEnd` (a batch,
 * whose documents differ in length: `--pages 2-end` drops every cover page): then such pages are
 * left out, and a document with none of the pages is a NoSelectedPagesError.
 */
export function selectPages(ranges: PageRange[] | null, pageCount: number, ignoreBeyondEnd = false): number[] {
  if (ranges === null) return Array.from({ length: pageCount }, (_, index) => index + 1);
  const selected = new Set<number>();
  for (const range of ranges) {
    const first = range.first === Number.POSITIVE_INFINITY ? pageCount : range.first;
    const last = range.last === null ? pageCount : ignoreBeyondEnd ? Math.min(range.last, pageCount) : range.last;
    if (ignoreBeyondEnd) {
      for (let page = first; page <= last; page++) selected.add(page);
      continue;
    }
    if (first > pageCount || last > pageCount) {
      throw new UsageError(
        `option --pages: page ${Math.max(first, last)} is out of range: the document has ${pageCount} page${pageCount === 1 ? '' : 's'}`,
        `choose pages from 1 to ${pageCount} with --pages`,
      );
    }
    for (let page = first; page <= last; page++) selected.add(page);
  }
  if (selected.size === 0) throw new NoSelectedPagesError(`none of the pages --pages selects is in it: it has ${pageCount} page${pageCount === 1 ? '' : 's'}`);
  return [...selected].sort((a, b) => a - b);
}
