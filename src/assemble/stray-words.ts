// A column of OCR'd numbers with one word in it: the word is most likely a number OCR could not
// read as one (`l2O` for 120, `S00` for 500). Its numbers stay typed; the word is marked.
import type { CellValue } from '../types.js';

// A column votes when it has at least this many numbers and only one word among them.
const MIN_NUMBERS = 4;
// Placeholders tables print for "nothing here": not a misread number.
const PLACEHOLDER = /^([-–—‐‑_.…*/xX×]+|n\/?a|n\.a\.?|na|nil|none|nm|n\/m|nd|—|无|空|不适用|－+)$/iu;

/** `row,col` of each lone word in a column of numbers (header rows aside; cells already doubtful are not words). */
export function strayWordsInNumberColumns(values: readonly (readonly CellValue[])[], headerRows: number, alreadyDoubtful: ReadonlySet<string>): Set<string> {
  const strays = new Set<string>();
  const columnCount = Math.max(0, ...values.map((row) => row.length));
  for (let col = 0; col < columnCount; col++) {
    let numbers = 0;
    const words: number[] = [];
    for (let row = headerRows; row < values.length; row++) {
      const value = values[row][col];
      if (!value) continue;
      if (value.kind === 'number') numbers++;
      else if (alreadyDoubtful.has(`${row},${col}`)) continue;
      else if (value.kind === 'text' && value.text.trim() !== '' && !PLACEHOLDER.test(value.text.trim())) words.push(row);
    }
    const key = `${words[0]},${col}`;
    if (numbers >= MIN_NUMBERS && words.length === 1 && !alreadyDoubtful.has(key)) strays.add(key);
  }
  return strays;
}
