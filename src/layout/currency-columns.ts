// Financial statements set the currency sign apart from its amount, at a fixed place left of the
// column ($ 34,155 above $ 36,599): the word layout sees a column of signs. The sign belongs to the
// amount's cell.
import { textOf, wordsByColumn } from './columns-and-rules.js';
import { ONE_WORD_NUMBER } from './number-text.js';
import type { TextLine } from './text-lines.js';

/** A currency sign alone, as printed or as OCR reads a small $ (§, S). */
const LONE_SIGN = /^(?:US|HK|NT|RMB)?[$€£¥§S]$/u;
const REAL_SIGN = /[$€£¥]/u;
/** A column is one of signs when this share of its filled cells hold a sign alone. */
const MIN_SIGN_SHARE = 0.8;
/** …and the column right of it holds numbers in this share of the rows where the sign column is filled. */
const MIN_AMOUNT_SHARE = 0.8;

/** `edges` without the edge right of each column of lone currency signs (its amounts' column takes it in). */
export function mergeCurrencyColumns(edges: readonly number[], body: readonly TextLine[]): number[] {
  const columnCount = edges.length - 1;
  const cells = body.map((line) => wordsByColumn([line], edges).map(textOf));
  const signColumns: number[] = [];
  for (let c = 1; c + 1 < columnCount; c++) {
    const filled = cells.filter((row) => row[c] !== '');
    if (filled.length === 0) continue;
    const signs = filled.filter((row) => LONE_SIGN.test(row[c]));
    if (signs.length < MIN_SIGN_SHARE * filled.length) continue;
    const amounts = filled.filter((row) => ONE_WORD_NUMBER.test(row[c + 1]));
    if (amounts.length >= MIN_AMOUNT_SHARE * filled.length) signColumns.push(c);
  }
  // One real sign among them tells the look-alikes (§, S) for signs too.
  if (!signColumns.some((c) => cells.some((row) => REAL_SIGN.test(row[c])))) return [...edges];
  return edges.filter((_, e) => !signColumns.includes(e - 1));
}
