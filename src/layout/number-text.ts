// Which texts are numbers as tables print them, for telling columns of figures from columns of
// words. Judging a layout only: the typing reads a cell's value with its own, stricter parser
// (assemble/cell-values.ts: digit grouping in threes, no leading zeros, one decimal separator).

/** One word that is a number as tables print it: sign, currency, brackets, separators, a percent sign, a footnote mark. */
export const ONE_WORD_NUMBER = /^[-+−–(]?[$€£¥]?\d[\d.,]*%?\)?[*†‡]?$/u;

/**
 * A cell's text (words joined by spaces) that is a number: ONE_WORD_NUMBER, except that spaces may
 * part its digit groups (`1 234 567`) and it may carry several footnote marks (`12**`).
 */
const CELL_NUMBER = /^[-+−–(]?[$€£¥]?\d[\d.,\s]*%?\)?[*†‡]*$/u;

/** What a table writes for a missing number: a dash, a dot, `n/a`, `nil`. */
const PLACEHOLDER = /^(?:[-–—.…*x×]|n\/?a|na|nil|\.\.)$/iu;

/** Whether a cell's text (or one word) is a number (see CELL_NUMBER). */
export function isNumeric(text: string): boolean {
  return CELL_NUMBER.test(text.trim());
}

/** A number, or what a table writes for a missing one. */
export function isNumericOrBlank(text: string): boolean {
  return isNumeric(text) || PLACEHOLDER.test(text.trim());
}
