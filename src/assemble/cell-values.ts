// Cell text → typed spreadsheet value (number, date or text), with an Excel number format that
// shows the value the way the PDF wrote it. Whole-cell only, and conservative: whatever could be a
// code (leading zeros, long digit strings, letters, phone numbers, times, versions) stays text.

import type { CellValue } from '../types.js';

export type DecimalSeparator = '.' | ',';
/** 'auto' decides per column from its values. */
export type DecimalSetting = DecimalSeparator | 'auto';
/** Excel keeps 15 significant digits; longer digit strings are IDs and would lose digits. */
const MAX_SIGNIFICANT_DIGITS = 15;

/** Types one cell's text with a known decimal separator. Empty text → { kind: 'text', text: '' }. */
export function parseCellValue(text: string, decimal: DecimalSeparator): CellValue {
  const s = toAscii(text).trim();
  return parseDate(s) ?? parseNumber(s, decimal) ?? { kind: 'text', text };
}

/** The decimal separator a column's texts imply ('.' when nothing decides it). */
export function decideDecimalSeparator(texts: readonly string[]): DecimalSeparator {
  let dot = 0;
  let comma = 0;
  for (const text of texts) {
    // A text votes only when one reading alone is a number (`1.234,56`, `12,5`, `1,234.5`);
    // `1,234` reads either way and `12` means the same either way, so they don't vote.
    const s = toAscii(text).trim();
    const asDot = parseNumber(s, '.');
    const asComma = parseNumber(s, ',');
    if (asDot && !asComma) dot++;
    else if (asComma && !asDot) comma++;
  }
  return comma > dot ? ',' : '.';
}

/** Types a table given as rows of cell texts ('' for empty cells), deciding the separator per column when `decimal` is 'auto'. Same shape out. */
export function typeTableValues(rows: readonly (readonly string[])[], decimal: DecimalSetting): CellValue[][] {
  const columnCount = Math.max(0, ...rows.map((row) => row.length));
  const separators: DecimalSeparator[] = [];
  for (let col = 0; col < columnCount; col++) {
    separators.push(decimal !== 'auto' ? decimal : decideDecimalSeparator(rows.map((row) => row[col] ?? '')));
  }
  const typed = rows.map((row) => row.map((text, col) => parseCellValue(text, separators[col])));
  for (let col = 0; col < columnCount; col++) {
    if (!isCodeColumn(rows.map((row) => row[col] ?? ''))) continue;
    for (const [r, row] of rows.entries()) if (col < row.length) typed[r][col] = { kind: 'text', text: row[col] };
  }
  return typed;
}

// A code with leading zeros (`0007054`): its column is a column of codes, not of quantities.
const LEADING_ZERO_CODE = /^0\d+$/;
const PLAIN_DIGITS = /^\d+$/;

/**
 * A column of codes: some of its digit strings have leading zeros, and all of them are plain digit
 * strings (no separators, signs or decimals). Its `65247` is a part number like its `0007054`.
 */
function isCodeColumn(texts: readonly string[]): boolean {
  const filled = texts.map((text) => toAscii(text).trim()).filter((text) => text !== '');
  const digitStrings = filled.filter((text) => PLAIN_DIGITS.test(text));
  if (!digitStrings.some((text) => LEADING_ZERO_CODE.test(text))) return false;
  return filled.every((text) => PLAIN_DIGITS.test(text) || parseNumber(text, '.') === null);
}

/**
 * Full-width forms (`１２３`, `，．－％（）￥`) → ASCII, the same as NFKC does for them; the spaces
 * OCR and typesetting put between digit groups (NBSP, figure, thin, narrow NBSP, ideographic) → ' ';
 * U+2212 minus → '-'. Not full NFKC: that would also turn `10²` into `102` or `①` into `1`.
 */
function toAscii(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\uffe5/g, '¥')
    .replace(/[\u00a0\u2007\u2009\u202f\u3000]/g, ' ')
    .replace(/\u2212/g, '-');
}

// ---- dates ----

const ISO_LIKE_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const CJK_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;

/** Year-first dates only: `01/03/2024` could be either day or month first, so it stays text. */
function parseDate(s: string): CellValue | null {
  const iso = ISO_LIKE_DATE.exec(s);
  const cjk = iso ? null : CJK_DATE.exec(s);
  const m = iso ?? cjk;
  if (!m) return null;
  const [year, month, day] = [m[1], iso ? m[3] : m[2], iso ? m[4] : m[3]];
  const [y, mo, d] = [Number(year), Number(month), Number(day)];
  // Excel has no dates before 1900, and it mis-counts early 1900 (the Lotus leap-year bug).
  if (y < 1901) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null; // 2024-02-30, month 13
  // Zero padding as written: `03` → mm, `3` → m.
  const mm = month.length === 2 ? 'mm' : 'm';
  const dd = day.length === 2 ? 'dd' : 'd';
  const numFmt = iso ? `yyyy${iso[2]}${mm}${iso[2]}${dd}` : `yyyy"年"${mm}"月"${dd}"日"`;
  return { kind: 'date', value: date, numFmt };
}

// ---- numbers ----

// The parts of a number the typing reads: [(] [sign] [currency [space]] [sign] digits [[space] % |
// [space] €] [)], checked further below. The full value parser, stricter than layout/number-text.ts
// (which only tells figures from words) and than the CSV writer's guard (a sign before digits).
const NUMBER_PARTS =
  /^(?<open>\()?(?<sign1>[-+])?(?:(?<pre>[$€£¥])(?<preSpace> )?)?(?<sign2>[-+])?(?<body>\d(?:[\d., ]*\d)?)(?:(?<pctSpace> )?(?<pct>%)|(?<sufSpace> )?(?<suf>€))?(?<close>\))?$/;

function parseNumber(s: string, decimal: DecimalSeparator): CellValue | null {
  const g = NUMBER_PARTS.exec(s)?.groups;
  if (!g) return null;
  const { open, sign1, pre, sign2, body, pct, suf } = g;
  if (Boolean(open) !== Boolean(g.close)) return null;
  if ((sign1 && sign2) || (open && (sign1 || sign2))) return null; // `--1`, `(-1)`
  if (pct && (pre || suf)) return null; // `$12%`
  if (pre && suf) return null;
  const parts = readDigits(body, decimal);
  if (!parts) return null;
  const sign = sign1 ?? sign2;
  if (sign === '+' && parts.groupSeparator === ' ') return null; // `+1 555 123 456` is a phone number

  const negative = Boolean(open) || sign === '-';
  // Built from the digits as a decimal string, so `12.5%` → 0.125 exactly as parsing `0.125` would.
  const magnitude = Number(`${parts.int}.${parts.frac || '0'}e${pct ? -2 : 0}`);
  const value = negative && magnitude !== 0 ? -magnitude : magnitude; // no -0 in a spreadsheet

  // The format shows the digits as written: grouping only if the text had it, decimals as written.
  const core =
    (parts.groupSeparator ? '#,##0' : '0') +
    (parts.frac ? `.${'0'.repeat(parts.frac.length)}` : '') +
    (pct ? `${g.pctSpace ?? ''}%` : '');
  const prefix = pre ? `"${pre}${g.preSpace ?? ''}"` : '';
  const suffix = suf ? `"${g.sufSpace ?? ''}${suf}"` : '';
  const plain = `${prefix}${core}${suffix}`;
  let numFmt = plain;
  if (open) numFmt = `${plain};(${plain})`; // accounting negative: (1,234)
  else if (sign === '+') numFmt = sign1 ? `+${plain};-${plain}` : `${prefix}+${core}${suffix};${prefix}-${core}${suffix}`;
  else if (sign2 === '-') numFmt = `${plain};${prefix}-${core}${suffix}`; // `$-12.00`: minus after the symbol
  // A leading `-` needs no section of its own: Excel puts the minus in front by default.
  return { kind: 'number', value, numFmt };
}

interface Digits {
  int: string;
  frac: string;
  groupSeparator: string | null;
}

/**
 * The integer and fraction digits of `body` under `decimal`, or null when it isn't one number:
 * grouping must be in threes with a single separator (the other of `.`/`,`, or a space), no leading
 * zeros (`007`, `00.5`), at most 15 significant digits.
 */
function readDigits(body: string, decimal: DecimalSeparator): Digits | null {
  const [intPart, frac = '', ...more] = body.split(decimal);
  if (more.length > 0 || !/^\d*$/.test(frac)) return null;
  let groupSeparator: string | null = null;
  let int = intPart;
  if (!/^\d+$/.test(intPart)) {
    groupSeparator = /\D/.exec(intPart)![0];
    if (groupSeparator !== (decimal === '.' ? ',' : '.') && groupSeparator !== ' ') return null;
    const groups = intPart.split(groupSeparator);
    if (!/^\d{1,3}$/.test(groups[0]) || !groups.slice(1).every((group) => /^\d{3}$/.test(group))) return null;
    int = groups.join('');
  }
  if (intPart.length > 1 && intPart.startsWith('0')) return null;
  if ((int + frac).replace(/^0+/, '').length > MAX_SIGNIFICANT_DIGITS) return null;
  return { int, frac, groupSeparator };
}
