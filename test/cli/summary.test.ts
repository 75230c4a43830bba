import assert from 'node:assert/strict';
import { it } from 'node:test';
import { summaryLine } from '../../src/cli/main.ts';
import { typeTable } from '../../src/assemble/table-values.ts';
import { SETTINGS } from '../../src/options.ts';
import type { ExtractedCell, ExtractedTable, RunResult, TypedTable } from '../../src/types.ts';

const cell = (text: string, confidence: number | null, doubt: string | null = null): ExtractedCell => ({ row: 0, col: 0, rowSpan: 1, colSpan: 1, text, confidence, doubt });
/** Cells typed as the pipeline types them (which marks the ones to check). */
const typed = (cells: ExtractedCell[]): TypedTable => typeTable({ cells, rowCount: 1, columnCount: cells.length } as ExtractedTable, { typing: false, decimal: 'auto', lowConfidence: SETTINGS.lowConfidence });

it('sums up a run on one line: tables, pages (the empty ones counted), where, and the cells to check', () => {
  const result = {
    tables: [typed([cell('Total', 95), cell('1,204', 41), cell('', null)]), typed([cell('7.25', 90, 'decimals differ from the column')])],
    pages: [{}, {}],
    emptyPages: [],
  } as unknown as RunResult;
  assert.equal(summaryLine(result, 'out.xlsx'), 'pdf2xlsx: 2 tables from 2 pages → out.xlsx; 2 cells read with low confidence (marked with a comment)');
  const clean = { tables: [typed([cell('a', null)])], pages: [{}, {}, {}], emptyPages: [2, 3] } as unknown as RunResult;
  assert.equal(summaryLine(clean, '-'), 'pdf2xlsx: 1 table from 3 pages (2 empty) → standard output');
});
