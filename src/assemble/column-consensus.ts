// OCR confusions that a column of like values gives away: a code column whose codes share a letter
// prefix (EMP06150, EMP6800) read with O for 0 after the prefix (EMPO6150), a ruling's edge read
// as `|` beside a figure shaped like the rest of its column (`|07/01/2015`), and a column of
// capitalised labels with one read in lower case where the two cases look alike at low resolution
// (senior for Senior, customer for Customer). Only what the column's other cells show is changed.

/** Digit look-alikes OCR reads in codes, and the digits they stand for. */
const DIGIT_LOOKALIKES: Record<string, string> = { O: '0', o: '0', D: '0', Q: '0', I: '1', l: '1', '|': '1', S: '5', B: '8', Z: '2' };
/** Letters whose lower case is the upper case made smaller. */
const CASE_LOOKALIKES = /^[cosuwxz]/u; // not v: van, von
/** A column votes with at least this many filled cells… */
const MIN_VOTING_CELLS = 3;
/** …of which this share share the pattern. */
const MIN_PATTERN_SHARE = 0.7;
/** Codes: at least this many real digits after the prefix. */
const MIN_CODE_DIGITS = 2;

const CODE = /^([A-Z]{1,6})(\d+)$/u;

// Strokes OCR reads from a ruling's leftover edge at a cell's side: `|07/01/2015`, `[2024`.
const EDGE_NOISE = /^[|[\]!{}]+|[|[\]!{}]+$/gu;
/** A text's shape: digits as 9, letters as a, the rest as written (`07/01/2015` → `99/99/9999`). */
const shapeOf = (text: string) => text.replace(/\d/gu, '9').replace(/\p{L}/gu, 'a');

/** The shape of figures (digits, no letters) that most of the column's texts share with any edge noise dropped, or null. */
function commonShape(texts: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const shape of texts.map((text) => shapeOf(text.replace(EDGE_NOISE, '')))) counts.set(shape, (counts.get(shape) ?? 0) + 1);
  const [shape, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  // Figures only (dates, amounts, codes of digits): in a column of labels `[38]` is a reference.
  return count >= MIN_PATTERN_SHARE * texts.length && /9/u.test(shape) && !/a/u.test(shape) ? shape : null;
}

/** The letter prefix of the column's codes: the shortest one that a code shows followed by digits only, or null. */
function codePrefix(texts: readonly string[]): string | null {
  const prefixes = texts.map((text) => CODE.exec(text)?.[1]).filter((prefix): prefix is string => prefix !== undefined);
  if (prefixes.length === 0) return null;
  const prefix = prefixes.reduce((a, b) => (b.length < a.length ? b : a));
  const sharing = texts.filter((text) => text.startsWith(prefix) && isDigitLike(text.slice(prefix.length)));
  return sharing.length >= MIN_PATTERN_SHARE * texts.length ? prefix : null;
}

function isDigitLike(rest: string): boolean {
  return rest.length > 0 && [...rest].every((ch) => /\d/u.test(ch) || ch in DIGIT_LOOKALIKES) && (rest.match(/\d/gu)?.length ?? 0) >= MIN_CODE_DIGITS;
}

function capitalisedColumn(texts: readonly string[]): boolean {
  const lettered = texts.filter((text) => /^\p{L}/u.test(text));
  const upper = lettered.filter((text) => /^\p{Lu}/u.test(text));
  return lettered.length >= MIN_VOTING_CELLS && upper.length >= MIN_PATTERN_SHARE * lettered.length && upper.length < lettered.length;
}

/**
 * The cells' texts (`columnOf[i]` the column of cell i, `skip[i]` for header cells and the like)
 * with the confusions above undone where their column shows them.
 */
export function correctByColumn(texts: readonly string[], columnOf: readonly number[], skip: readonly boolean[]): string[] {
  const out = [...texts];
  const columns = new Map<number, number[]>();
  texts.forEach((text, i) => {
    if (skip[i] || text.trim() === '') return;
    columns.set(columnOf[i], [...(columns.get(columnOf[i]) ?? []), i]);
  });
  for (const members of columns.values()) {
    if (members.length < MIN_VOTING_CELLS) continue;
    const column = members.map((i) => texts[i].trim());
    const prefix = codePrefix(column);
    if (prefix) {
      for (const i of members) {
        const text = texts[i].trim();
        const rest = text.slice(prefix.length);
        if (text.startsWith(prefix) && isDigitLike(rest)) out[i] = prefix + [...rest].map((ch) => DIGIT_LOOKALIKES[ch] ?? ch).join('');
      }
    }
    const shape = commonShape(column);
    if (shape) {
      for (const i of members) {
        const text = out[i].trim();
        const cleaned = text.replace(EDGE_NOISE, '');
        if (cleaned !== text && shapeOf(cleaned) === shape) out[i] = cleaned;
      }
    }
    if (capitalisedColumn(column)) {
      for (const i of members) {
        const text = out[i];
        if (CASE_LOOKALIKES.test(text)) out[i] = text[0].toUpperCase() + text.slice(1);
      }
    }
  }
  return out;
}
