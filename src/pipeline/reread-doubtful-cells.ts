// A figure whose decimal places, digits or separators disagree with its column is read again from
// its own cell, larger (a lost decimal point is one or two pixels at 150 dpi). The second reading
// is taken only where it settles the doubt: the cell then reads as a number that agrees with its
// column, read confidently, with the same digits (only a separator moved) or read more surely. Otherwise the first reading stays, with its doubt (written as text, marked).
import { assignWordsToCells } from '../assemble/assign-words-to-cells.js';
import { parseCellValue } from '../assemble/cell-values.js';
import type { CellGrid, ExtractedTable, Word } from '../types.js';

// A second reading must be a figure: '$O.00' for '$0.00' settles nothing.
const readsAsNumber = (text: string) => parseCellValue(text, '.').kind === 'number' || parseCellValue(text, ',').kind === 'number';

const digitsOf = (text: string) => text.replace(/\D/g, '');
const leastSure = (words: Word[]) => Math.min(...words.map((word) => word.confidence));

/** Reads the given cells of the table's crop again, larger; their words in page pixels, or null when that failed. */
export type ReadCellsAgain = (cellIndexes: number[]) => Promise<Word[] | null>;

/** `table` built from `grid` and `words`; `build` rebuilds it from other words (the same grid). */
export async function rereadDoubtfulCells(table: ExtractedTable, grid: CellGrid, words: Word[], readAgain: ReadCellsAgain, build: (words: Word[]) => ExtractedTable): Promise<ExtractedTable> {
  // buildTable keeps the grid's cell order: table.cells[i] is grid.cells[i].
  const doubtful = table.cells.flatMap((cell, index) => (cell.doubt !== null && cell.text !== '' ? [index] : []));
  if (doubtful.length === 0) return table;
  const again = await readAgain(doubtful);
  if (!again) return table;
  const first = assignWordsToCells(grid, words);
  const second = assignWordsToCells(grid, again);
  const isDoubtful = new Set(doubtful);
  const candidate = build(first.flatMap((cellWords, index) => (isDoubtful.has(index) && second[index].length > 0 ? second[index] : cellWords)));
  const settled = new Set(
    doubtful.filter((index) => {
      if (second[index].length === 0 || candidate.cells[index].doubt !== null || !readsAsNumber(candidate.cells[index].text)) return false;
      // Where only the separators were in doubt, the digits must stay; other digits need a surer reading.
      return digitsOf(candidate.cells[index].text) === digitsOf(table.cells[index].text) || leastSure(second[index]) > leastSure(first[index]);
    }),
  );
  if (settled.size === 0) return table;
  return build(first.flatMap((cellWords, index) => (settled.has(index) ? second[index] : cellWords)));
}
