// Totals that are checked. A row labelled as a total (Total, Subtotal, 合计, 小计, …) is added up,
// column by column, against the rows it closes. A total that does not add up within its rounding
// means a misread digit (or a misprint): the reader is told by how much, and when one doubtful
// cell read its other likely way makes the column add up, which one.
//
// What a total closes is not always "every row above": an invoice's "Total due" is its subtotal
// plus tax, a balance sheet's "Total assets" is the two totals above it, a section's total closes
// the rows since the section label. Each of those ways is tried; only when none adds up is the
// total marked. A false alarm costs the reader a look; a silent wrong total costs more.
import type { CellValue, TotalCheck } from '../types.js';
import { parseCellValue } from './cell-values.js';

export interface CheckedTotal extends TotalCheck {
  /** For a total that does not add up: what the reader is told. */
  note: string | null;
}

/** What the checker needs of a typed table. */
export interface TotalsInput {
  values: readonly (readonly CellValue[])[];
  headerRows: number;
  /** Cells whose reading is in doubt (written as text), by `row,col`: their text, and the value it reads as. */
  doubtful: ReadonlyMap<string, { text: string; value: CellValue }>;
}

const TOTAL_LABEL = /(^|[^a-z])((grand|sub|sub-|net)\s*)?totals?([^a-z]|$)|^sum([^a-z]|$)|amount due|insgesamt|^gesamt|summe|合计|小计|总计|共计|合計|小計|總計/iu;
// Labels that name a total but not a sum of the rows: running balances, averages, shares.
// A total printed above its rows is labelled by the total word alone ("Total data sets" over rows of other measures is a figure, not a total).
const BARE_TOTAL_LABEL = /^\s*((grand|sub-?)\s*)?totals?\s*[:：]?\s*$|^\s*(合计|总计|共计|合計|總計)\s*[:：]?\s*$/iu;
const NOT_A_SUM_LABEL = /balance|average|avg|mean|median|percent|per cent|%|ratio|rate|平均|余额|结余|比率|比重|占/iu;
// A column of these is not additive.
const NOT_ADDITIVE_HEADER = /%|percent|ratio|rate|price|balance|余额|结余|average|avg|mean|median|per |year|date|no\.|number|code|rank|index|平均|单价|价格|比率|比重|占|率|年份|日期|编号|序号|指数/iu;
// A total above its rows is followed by a breakdown only when nothing says "of which".
const PARTIAL_BREAKDOWN = /of which|including|incl\.|thereof|其中|内：|包括/iu;
// A total off the closest way of adding up by more than this share of the larger of the two is not
// a misread figure but a structure not understood (a statement's implicit subtotals).
const MAX_UNEXPLAINED_SHARE = 0.25;
// At least this many numbers make a way of adding up (a section of one row is closed by its total).
const MIN_ITEMS = 1;

const key = (row: number, col: number) => `${row},${col}`;

function textOf(value: CellValue | undefined): string {
  if (!value) return '';
  if (value.kind === 'text') return value.text.trim();
  return '';
}

/** The row's label: its text cells before `col`, joined (spaces dropped between CJK). */
function rowLabel(values: readonly CellValue[], beforeCol: number): string {
  return values
    .slice(0, beforeCol)
    .map(textOf)
    .filter((text) => text !== '')
    .join(' ')
    .replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/gu, '');
}

interface Figure {
  value: number;
  decimals: number;
  doubtful: boolean;
  percent: boolean;
  text: string;
}

// A label and its figure in one cell, as invoices print them in the amount column. Only finds where
// the figure starts (a loose pattern); parseCellValue then decides whether it is a number.
const LABELLED_FIGURE = /^(.*\D)\s+([-+(]?[$€£¥]?\s?\d[\d.,]*\)?)$/u;

/** The figure of a cell holding a total's label and the figure itself ("Subtotal $ 112.00"), or null. */
function labelledTotal(value: CellValue | undefined): CellValue | null {
  if (value?.kind !== 'text') return null;
  const match = LABELLED_FIGURE.exec(value.text.replace(/\s+/gu, ' ').trim());
  if (!match || !isTotalLabel(match[1])) return null;
  const figure = parseCellValue(match[2].replace(/^([$€£¥]) /u, '$1'), '.');
  return figure.kind === 'number' ? figure : null;
}

/** Japanese accounts print a negative figure after △ or ▲ (`△525`): text to the typing, a figure here. */
function triangleNegative(text: string): CellValue {
  const match = /^\s*[△▲]\s*(\d[\d,]*(\.\d+)?)\s*$/u.exec(text);
  return match ? parseCellValue(`-${match[1]}`, '.') : { kind: 'text', text };
}

/** A cell's number: typed, or the number a doubtful cell's text reads as; null for none. */
function figureAt(input: TotalsInput, row: number, col: number): Figure | null {
  const value = input.values[row]?.[col];
  if (!value) return null;
  const doubtful = input.doubtful.get(key(row, col));
  const typed = doubtful?.value ?? (value.kind === 'text' ? (labelledTotal(value) ?? triangleNegative(value.text)) : value);
  if (typed.kind !== 'number') return null;
  const decimals = /\.(0+)/.exec(typed.numFmt)?.[1].length ?? 0;
  return { value: typed.value, decimals, doubtful: doubtful !== undefined, percent: typed.numFmt.includes('%'), text: doubtful?.text ?? '' };
}

// A doubtful figure this short may be a dash or a speck read as a digit: nothing at all.
const MAX_PLACEHOLDER_LENGTH = 2;

/** The values a doubtful figure's digits may stand for: its digits with the decimal point anywhere (or none, for a short one). */
function otherReadings(figure: Figure): number[] {
  const digits = figure.text.replace(/\D/g, '');
  if (digits.length === 0 || digits.length > 15) return [];
  const sign = figure.value < 0 ? -1 : 1;
  const readings: number[] = figure.text.trim().length <= MAX_PLACEHOLDER_LENGTH && figure.value !== 0 ? [0] : [];
  for (let places = 0; places < digits.length; places++) {
    const value = (sign * Number(digits)) / 10 ** places;
    if (Math.abs(value - figure.value) > 1e-9) readings.push(value);
  }
  return readings;
}

interface Sum {
  /** Rows added (negated: subtracted). */
  rows: { row: number; sign: 1 | -1 }[];
}

const isTotalLabel = (label: string) => TOTAL_LABEL.test(label) && !NOT_A_SUM_LABEL.test(label);
/** A total row for column `col`: labelled so before it, or in its own cell ("Subtotal $ 112.00"). */
const isTotalRow = (values: readonly CellValue[], col: number) => isTotalLabel(rowLabel(values, col)) || labelledTotal(values[col]) !== null;
const hasNoNumber = (values: readonly CellValue[]) => values.every((value) => value.kind !== 'number');

// The label of a breakdown of the row above it ("其中：优先股", "of which: preferred").
const OF_WHICH = /^\s*(其中|of which|thereof|among which|including|incl\.)/iu;

/**
 * Rows of "of which" breakdowns between `from` and `to`: parts of the row above them, not items of
 * a total. From an "of which" row on, the rows whose figures add up to that parent (优先股 + 永续债 =
 * 其他权益工具); just the "of which" row when no run of them does (a partial list).
 */
function breakdownRows(input: TotalsInput, col: number, from: number, to: number): Set<number> {
  const parts = new Set<number>();
  for (let r = from; r < to; r++) {
    if (parts.has(r) || !OF_WHICH.test(rowLabel(input.values[r], col))) continue;
    parts.add(r);
    let parent: Figure | null = null;
    for (let p = r - 1; p >= from && !parent; p--) parent = figureAt(input, p, col);
    if (!parent) continue;
    let sum = 0;
    for (let k = r; k < to; k++) {
      sum += figureAt(input, k, col)?.value ?? 0;
      if (Math.abs(sum - parent.value) <= 0.5 * 10 ** -parent.decimals + 1e-9 * Math.abs(parent.value)) {
        for (let j = r; j <= k; j++) parts.add(j);
        break;
      }
    }
  }
  return parts;
}

/**
 * The ways the rows above total row `row` (from `first`) may add up to it: each section start
 * (after a total or a label row) down to it, a subtotal plus or minus the rows after it (tax,
 * discount), and a run of the totals just above it.
 */
function waysAbove(input: TotalsInput, row: number, col: number, first: number): Sum[] {
  const ways: Sum[] = [];
  const totals: number[] = [];
  const starts = new Set<number>([first]);
  for (let r = first; r < row; r++) {
    if (isTotalRow(input.values[r], col)) {
      totals.push(r);
      starts.add(r + 1);
    } else if (hasNoNumber(input.values[r])) starts.add(r + 1);
  }
  const parts = breakdownRows(input, col, first, row);
  const items = (from: number) => Array.from({ length: row - from }, (_, k) => from + k).filter((r) => !totals.includes(r) && !parts.has(r));
  for (const start of starts) ways.push({ rows: items(start).map((r) => ({ row: r, sign: 1 })) });
  for (const total of totals) {
    const after = items(total + 1);
    ways.push({ rows: [{ row: total, sign: 1 }, ...after.map((r) => ({ row: r, sign: 1 as const }))] });
    if (after.length > 0) ways.push({ rows: [{ row: total, sign: 1 }, ...after.map((r) => ({ row: r, sign: -1 as const }))] });
  }
  for (let k = 2; k <= totals.length; k++) ways.push({ rows: totals.slice(-k).map((r) => ({ row: r, sign: 1 })) });
  return ways;
}

/** A total printed above its rows (a statistical yearbook's 总计 first): the rows below, to the next total. */
function waysBelow(input: TotalsInput, row: number, col: number): Sum[] {
  const rows: number[] = [];
  for (let r = row + 1; r < input.values.length && !isTotalRow(input.values[r], col); r++) {
    if (PARTIAL_BREAKDOWN.test(rowLabel(input.values[r], col))) return [];
    rows.push(r);
  }
  return [{ rows: rows.map((r) => ({ row: r, sign: 1 })) }];
}

interface Evaluated {
  figures: { row: number; sign: 1 | -1; figure: Figure }[];
  sum: number;
  tolerance: number;
}

function evaluate(input: TotalsInput, way: Sum, col: number, total: Figure): Evaluated | null {
  const figures = way.rows.flatMap(({ row, sign }) => {
    const figure = figureAt(input, row, col);
    return figure ? [{ row, sign, figure }] : [];
  });
  if (figures.length < MIN_ITEMS || figures.some(({ figure }) => figure.percent)) return null;
  const sum = figures.reduce((acc, { sign, figure }) => acc + sign * figure.value, 0);
  // Each printed figure is rounded to its last place: their sum may be off by half a unit each.
  const places = Math.max(total.decimals, ...figures.map(({ figure }) => figure.decimals));
  const unit = 10 ** -places;
  const tolerance = Math.max(unit, 0.5 * unit * (figures.length + 1)) + 1e-9 * Math.abs(total.value);
  return { figures, sum, tolerance };
}

const formatNumber = (value: number) => Number(value.toFixed(6)).toLocaleString('en-US', { maximumFractionDigits: 6 });

/** The one doubtful figure that, read its other likely way, makes `evaluated` add up; null if none or several. */
function fixingReading(evaluated: Evaluated, total: Figure): { row: number; reading: number } | null {
  const fixes: { row: number; reading: number }[] = [];
  for (const { row, sign, figure } of evaluated.figures) {
    if (!figure.doubtful) continue;
    for (const reading of otherReadings(figure)) {
      if (Math.abs(evaluated.sum - sign * figure.value + sign * reading - total.value) <= evaluated.tolerance) fixes.push({ row, reading });
    }
  }
  return fixes.length === 1 ? fixes[0] : null;
}

function columnIsAdditive(input: TotalsInput, col: number): boolean {
  const header = Array.from({ length: input.headerRows }, (_, r) => textOf(input.values[r]?.[col])).join(' ');
  return !NOT_ADDITIVE_HEADER.test(header);
}

/** Checks one total cell; null when there is nothing to check it against. */
function checkTotal(input: TotalsInput, row: number, col: number, total: Figure): CheckedTotal | null {
  const above = waysAbove(input, row, col, input.headerRows);
  const hasItemsAbove = above.some((way) => way.rows.some(({ row: r }) => figureAt(input, r, col) !== null));
  const ways = hasItemsAbove ? above : BARE_TOTAL_LABEL.test(rowLabel(input.values[row], col)) ? waysBelow(input, row, col) : [];
  const evaluated = ways.map((way) => evaluate(input, way, col, total)).filter((e): e is Evaluated => e !== null);
  if (evaluated.length === 0) return null;
  if (evaluated.some((e) => Math.abs(e.sum - total.value) <= e.tolerance)) return { row, col, addsUp: true, note: null };
  const miss = (e: Evaluated) => Math.abs(total.value - e.sum);
  const closest = evaluated.reduce((a, b) => (miss(b) < miss(a) ? b : a));
  const fix = evaluated.map((e) => fixingReading(e, total)).find((found) => found !== null);
  // Far off every way tried, and no misread explains it: the rows it closes are not understood
  // (implicit subtotals, "of which" lines): nothing is said rather than a false alarm.
  if (!fix && miss(closest) > MAX_UNEXPLAINED_SHARE * Math.max(Math.abs(total.value), Math.abs(closest.sum))) return null;
  const rows = closest.figures.map(({ row: r }) => r);
  const span = `rows ${Math.min(...rows) + 1}–${Math.max(...rows) + 1}`;
  let note = `This total does not add up: the ${closest.figures.length} figures it closes (${span} of this table) sum to ${formatNumber(closest.sum)}, ${formatNumber(miss(closest))} ${total.value > closest.sum ? 'less' : 'more'} than the total.`;
  if (fix) note += ` Read as ${formatNumber(fix.reading)}, the doubtful figure in row ${fix.row + 1} of this table would make it add up.`;
  return { row, col, addsUp: false, note: `${note} Check the total and its rows against the PDF.` };
}

/** The totals of column `col`: each checked, or null where there is nothing to check it against or its rows are not understood. */
function columnTotals(input: TotalsInput, col: number): (CheckedTotal | null)[] {
  if (!columnIsAdditive(input, col)) return [];
  const checks: (CheckedTotal | null)[] = [];
  for (let row = input.headerRows; row < input.values.length; row++) {
    if (!isTotalRow(input.values[row], col)) continue;
    const total = figureAt(input, row, col);
    if (total && !total.percent) checks.push(checkTotal(input, row, col, total));
  }
  return checks;
}

/** Whether every total of column `col` adds up; null when it has none. */
export function columnAddsUp(input: TotalsInput, col: number): boolean | null {
  const checks = columnTotals(input, col);
  return checks.length === 0 ? null : checks.every((check) => check?.addsUp === true);
}

/** Every total row's figures checked against the rows they close. */
export function checkTotals(input: TotalsInput): CheckedTotal[] {
  const columnCount = Math.max(0, ...input.values.map((row) => row.length));
  return Array.from({ length: Math.max(0, columnCount - 1) }, (_, k) => columnTotals(input, k + 1))
    .flat()
    .filter((check): check is CheckedTotal => check !== null)
    .sort((a, b) => a.row - b.row || a.col - b.col);
}
