// A table found from word layout → a CellGrid with the same contract as the ruled grids.
import type { CellGrid, GridCell, Ruling } from '../types.js';
import { ruleSpans } from './columns-and-rules.js';
import { crossedEdges, type WordTable } from './table-structure.js';
import type { TextLine, TextMetrics } from './text-lines.js';

/** The outer row edges sit this share of the line height outside the text (or halfway to the next text, if closer). */
const OUTER_PAD_RATIO = 0.3;
/** A rule this many line heights above the first or below the last row bounds the table (the box reaches it). */
const BOUNDING_RULE_REACH_RATIO = 1;

/**
 * Row edges halfway between neighbouring rows (on a rule, where one separates them), outer edges
 * a little outside the text; columns from the table's edges; a row's words crossing a column
 * edge (a header spanning columns) make its cells there one merged cell.
 */
export function buildWordTableGrid(
  table: WordTable,
  metrics: TextMetrics,
  rules: readonly Ruling[],
  neighbours: { above: TextLine | null; below: TextLine | null },
): CellGrid {
  const { columnEdges, rows } = table;
  const left = columnEdges[0];
  const right = columnEdges[columnEdges.length - 1];
  const top = (row: TextLine[]): number => Math.min(...row.map((l) => l.top));
  const bottom = (row: TextLine[]): number => Math.max(...row.map((l) => l.bottom));
  const pad = OUTER_PAD_RATIO * metrics.lineHeightPx;

  const firstTop = top(rows[0]);
  const lastBottom = bottom(rows[rows.length - 1]);
  // A rule bounding the table (booktabs top and bottom rules, a frame) is its outer edge when it is close.
  const reach = BOUNDING_RULE_REACH_RATIO * metrics.lineHeightPx;
  const ruleAbove = rules.filter((r) => r.position < firstTop && r.position >= firstTop - reach && ruleSpans(r, left, right)).map((r) => r.position);
  const ruleBelow = rules.filter((r) => r.position > lastBottom && r.position <= lastBottom + reach && ruleSpans(r, left, right)).map((r) => r.position);
  let outerTop = ruleAbove.length > 0 ? Math.min(firstTop - pad, Math.max(...ruleAbove)) : firstTop - pad;
  if (neighbours.above) outerTop = Math.max(outerTop, (neighbours.above.bottom + firstTop) / 2);
  let outerBottom = ruleBelow.length > 0 ? Math.max(lastBottom + pad, Math.min(...ruleBelow)) : lastBottom + pad;
  if (neighbours.below) outerBottom = Math.min(outerBottom, (lastBottom + neighbours.below.top) / 2);

  const rowEdges = [Math.floor(outerTop)];
  for (let i = 1; i < rows.length; i++) {
    const upper = bottom(rows[i - 1]);
    const lower = top(rows[i]);
    const rule = rules.find((r) => r.position >= upper - 1 && r.position <= lower + 1 && ruleSpans(r, left, right));
    const edge = rule ? rule.position : (upper + lower) / 2;
    // Rows can touch or overlap a little (tall glyphs): keep the edges strictly ascending.
    rowEdges.push(Math.max(rowEdges[rowEdges.length - 1] + 1, Math.round(edge)));
  }
  rowEdges.push(Math.max(rowEdges[rowEdges.length - 1] + 1, Math.ceil(outerBottom)));

  const cells: GridCell[] = [];
  rows.forEach((row, r) => {
    const crossed = new Set<number>();
    for (const line of row) for (const e of crossedEdges(line, columnEdges)) crossed.add(e);
    // A section label is one cell across the table, wherever it is centred.
    if (table.sectionRows.includes(r)) for (let e = 1; e + 1 < columnEdges.length; e++) crossed.add(e);
    for (let c = 0; c + 1 < columnEdges.length; ) {
      let span = 1;
      while (c + span + 1 < columnEdges.length && crossed.has(c + span)) span++;
      cells.push({
        row: r,
        col: c,
        rowSpan: 1,
        colSpan: span,
        box: { left: columnEdges[c], top: rowEdges[r], right: columnEdges[c + span], bottom: rowEdges[r + 1] },
      });
      c += span;
    }
  });
  return {
    box: { left, top: rowEdges[0], right, bottom: rowEdges[rowEdges.length - 1] },
    columnEdges: [...columnEdges],
    rowEdges,
    cells,
  };
}
