// Test helper: words of a monospace page written as strings, one string a text line; every run
// of non-space characters is a word, boxed at CHAR_PX per character and LINE_PX per line.
import type { CellGrid, Word } from '../../src/types.ts';

export const CHAR_PX = 20;
export const LINE_PX = 50;
export const WORD_HEIGHT_PX = 40;
export const DPI = 300;
export const PAGE = { width: 2550, height: 3300, dpi: DPI };

export function monoWords(lines: string[], options: { left?: number; top?: number; linePx?: number; confidence?: number } = {}): Word[] {
  const left = options.left ?? 200;
  const top = options.top ?? 200;
  const pitch = options.linePx ?? LINE_PX;
  const words: Word[] = [];
  lines.forEach((line, i) => {
    for (const match of line.matchAll(/\S+/g)) {
      const start = match.index ?? 0;
      words.push({
        text: match[0],
        confidence: options.confidence ?? 100,
        box: { left: left + start * CHAR_PX, top: top + i * pitch, right: left + (start + match[0].length) * CHAR_PX, bottom: top + i * pitch + WORD_HEIGHT_PX },
      });
    }
  });
  return words;
}

/** Checks the CellGrid contract; returns the first violation or ''. */
export function gridProblem(grid: CellGrid): string {
  const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]);
  if (!ascending(grid.columnEdges)) return `column edges not ascending: ${grid.columnEdges}`;
  if (!ascending(grid.rowEdges)) return `row edges not ascending: ${grid.rowEdges}`;
  const rows = grid.rowEdges.length - 1;
  const cols = grid.columnEdges.length - 1;
  const covered = new Array(rows * cols).fill(0);
  let previous = -1;
  for (const cell of grid.cells) {
    const order = cell.row * cols + cell.col;
    if (order <= previous) return 'cells not in row-major order';
    previous = order;
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) for (let c = cell.col; c < cell.col + cell.colSpan; c++) covered[r * cols + c]++;
    const box = { left: grid.columnEdges[cell.col], top: grid.rowEdges[cell.row], right: grid.columnEdges[cell.col + cell.colSpan], bottom: grid.rowEdges[cell.row + cell.rowSpan] };
    if (JSON.stringify(box) !== JSON.stringify(cell.box)) return `cell ${cell.row},${cell.col} box ${JSON.stringify(cell.box)} is not between its edges`;
  }
  if (covered.some((n) => n !== 1)) return 'grid positions not covered exactly once';
  const b = grid.box;
  if (b.left !== grid.columnEdges[0] || b.right !== grid.columnEdges[cols] || b.top !== grid.rowEdges[0] || b.bottom !== grid.rowEdges[rows]) return 'box is not the outer edges';
  return '';
}
