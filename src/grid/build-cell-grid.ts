import type { CellGrid, GridCell, Ruling } from '../types.js';
import { median } from '../measure.js';

/** No cell is narrower/shorter than this (6-pt text): ruling centres closer than this are one grid line (double rules, shadowed frames). */
const MIN_CELL_INCHES = 0.08;
/** A grid edge between two positions is a border when rulings cover this much of it; less is a merged cell. */
const MIN_BORDER_COVERAGE_RATIO = 0.55;
/** Perpendicular rulings running on past the outermost grid line (by more than a minimal cell), at least this many, mark an undrawn frame side. */
const MIN_RULINGS_FOR_OPEN_SIDE = 2;

/** In a table of at least this many rows… */
const MIN_ROWS_FOR_STRAY_EDGES = 8;
/** …a column edge bordering at most this share of its rows, none of them among the first rows (the header)… */
const MAX_STRAY_EDGE_ROW_SHARE = 0.15;
const HEADER_ROWS_FOR_STRAY_EDGES = 2;
/** …is a stray stroke, not a column. */

interface EdgeCluster {
  position: number;
  rulings: Ruling[];
}

/**
 * Build the cell grid of one table from its rulings (one connected group, page pixels).
 *
 * Ruling positions are clustered into row and column edges; then, for every pair of
 * neighbouring grid positions, the edge between them is a border if rulings cover most of it.
 * Where it is not, the positions belong to one merged cell. Cells are grown greedily in
 * row-major order as rectangles, so every grid position is covered by exactly one cell even
 * when the rulings are inconsistent. Sides of the outer frame that are not drawn are taken
 * from where the perpendicular rulings end. Returns null when fewer than 2 row or 2 column
 * edges remain (no cell at all).
 */
export function buildCellGrid(rulings: readonly Ruling[], dpi: number): CellGrid | null {
  const minCellPx = Math.max(4, Math.round(MIN_CELL_INCHES * dpi));
  const horizontal = rulings.filter((r) => r.orientation === 'horizontal');
  const vertical = rulings.filter((r) => r.orientation === 'vertical');
  if (horizontal.length === 0 || vertical.length === 0) return null;

  const rowClusters = clusterEdges(horizontal, minCellPx);
  const colClusters = clusterEdges(vertical, minCellPx);
  addOpenSides(colClusters, horizontal, minCellPx);
  addOpenSides(rowClusters, vertical, minCellPx);

  // Drop inner edges that separate nothing (e.g. a stray short piece): repeat until stable,
  // since removing an edge lengthens the segments its neighbours are measured on.
  let hBorders: boolean[][] = [];
  let vBorders: boolean[][] = [];
  for (;;) {
    hBorders = borderMatrix(rowClusters, colClusters);
    vBorders = borderMatrix(colClusters, rowClusters);
    const deadRow = findDeadEdge(hBorders);
    const deadCol = Math.max(findDeadEdge(vBorders), findStrayColumnEdge(vBorders));
    if (deadRow < 0 && deadCol < 0) break;
    if (deadRow >= 0) rowClusters.splice(deadRow, 1);
    if (deadCol >= 0) colClusters.splice(deadCol, 1);
  }
  if (rowClusters.length < 2 || colClusters.length < 2) return null;

  const rowEdges = rowClusters.map((c) => Math.round(c.position));
  const columnEdges = colClusters.map((c) => Math.round(c.position));
  const cells = growCells(rowEdges, columnEdges, hBorders, vBorders);
  return {
    box: {
      left: columnEdges[0],
      top: rowEdges[0],
      right: columnEdges[columnEdges.length - 1],
      bottom: rowEdges[rowEdges.length - 1],
    },
    columnEdges,
    rowEdges,
    cells,
  };
}

/** Cluster ruling positions into grid lines at least `minCellPx` apart; a cluster never spans more than that. */
function clusterEdges(rulings: Ruling[], minCellPx: number): EdgeCluster[] {
  const sorted = [...rulings].sort((a, b) => a.position - b.position);
  const clusters: EdgeCluster[] = [];
  let first = -Infinity;
  for (const r of sorted) {
    const last = clusters[clusters.length - 1];
    if (last && r.position - first < minCellPx) {
      last.rulings.push(r);
    } else {
      clusters.push({ position: r.position, rulings: [r] });
      first = r.position;
    }
  }
  for (const c of clusters) c.position = weightedPosition(c.rulings);
  // Cluster centres can still end up closer than a cell (a chain of close positions): join them.
  for (let i = 1; i < clusters.length; ) {
    if (clusters[i].position - clusters[i - 1].position < minCellPx) {
      clusters[i - 1].rulings.push(...clusters[i].rulings);
      clusters[i - 1].position = weightedPosition(clusters[i - 1].rulings);
      clusters.splice(i, 1);
    } else {
      i++;
    }
  }
  return clusters;
}

function weightedPosition(rulings: Ruling[]): number {
  let sum = 0;
  let weight = 0;
  for (const r of rulings) {
    const w = r.end - r.start;
    sum += r.position * w;
    weight += w;
  }
  return sum / weight;
}

/**
 * A frame side that is not drawn (tables open on the left/right, or without top line):
 * when several perpendicular rulings run well past the outermost edge, add an edge where
 * they end (their median end).
 */
function addOpenSides(edges: EdgeCluster[], perpendicular: Ruling[], minCellPx: number): void {
  const firstEdge = edges[0].position;
  const lastEdge = edges[edges.length - 1].position;
  const before = perpendicular.filter((r) => r.start < firstEdge - minCellPx).map((r) => r.start);
  const after = perpendicular.filter((r) => r.end > lastEdge + minCellPx).map((r) => r.end - 1);
  if (before.length >= MIN_RULINGS_FOR_OPEN_SIDE) edges.unshift({ position: median(before), rulings: [] });
  if (after.length >= MIN_RULINGS_FOR_OPEN_SIDE) edges.push({ position: median(after), rulings: [] });
}


/**
 * borders[i][j]: whether edge i of `edges` is a border along segment j between
 * consecutive `across` edges. The outermost edges are always borders.
 */
function borderMatrix(edges: EdgeCluster[], across: EdgeCluster[]): boolean[][] {
  const out: boolean[][] = [];
  for (let i = 0; i < edges.length; i++) {
    const row: boolean[] = [];
    for (let j = 0; j + 1 < across.length; j++) {
      if (i === 0 || i === edges.length - 1) {
        row.push(true);
        continue;
      }
      const from = across[j].position;
      const to = across[j + 1].position;
      row.push(coveredRatio(edges[i].rulings, from, to) >= MIN_BORDER_COVERAGE_RATIO);
    }
    out.push(row);
  }
  return out;
}

function coveredRatio(rulings: Ruling[], from: number, to: number): number {
  const pieces: [number, number][] = [];
  for (const r of rulings) {
    const s = Math.max(from, r.start);
    const e = Math.min(to, r.end);
    if (e > s) pieces.push([s, e]);
  }
  pieces.sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = from;
  for (const [s, e] of pieces) {
    if (e <= reach) continue;
    covered += e - Math.max(s, reach);
    reach = e;
  }
  return to > from ? covered / (to - from) : 0;
}

/**
 * Index of an inner column edge that is a border in only a few body rows of a long table, or -1:
 * a stroke of a stamp or a signature, a tick mark, not a column. A real column boundary runs
 * through most rows; one missing in a few rows gives merged cells. (Header rows are left out: sub-
 * columns under a group label start there.)
 */
function findStrayColumnEdge(vBorders: boolean[][]): number {
  const rows = vBorders[0]?.length ?? 0;
  if (rows < MIN_ROWS_FOR_STRAY_EDGES) return -1;
  for (let i = 1; i < vBorders.length - 1; i++) {
    const bordered = vBorders[i].filter(Boolean).length;
    const inHeader = vBorders[i].slice(0, HEADER_ROWS_FOR_STRAY_EDGES).some(Boolean);
    if (!inHeader && bordered > 0 && bordered <= MAX_STRAY_EDGE_ROW_SHARE * rows) return i;
  }
  return -1;
}

/** Index of an inner edge that is a border nowhere, or -1. */
function findDeadEdge(borders: boolean[][]): number {
  for (let i = 1; i < borders.length - 1; i++) {
    if (!borders[i].some(Boolean)) return i;
  }
  return -1;
}

function growCells(
  rowEdges: number[],
  columnEdges: number[],
  hBorders: boolean[][], // [rowEdge][column]
  vBorders: boolean[][], // [columnEdge][row]
): GridCell[] {
  const rows = rowEdges.length - 1;
  const cols = columnEdges.length - 1;
  const covered = new Uint8Array(rows * cols);
  const cells: GridCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (covered[r * cols + c]) continue;
      let colSpan = 1;
      while (c + colSpan < cols && !vBorders[c + colSpan][r] && !covered[r * cols + c + colSpan]) colSpan++;
      let rowSpan = 1;
      grow: while (r + rowSpan < rows) {
        const next = r + rowSpan;
        for (let k = c; k < c + colSpan; k++) {
          // no border above the next row's position, and none splitting the block in that row
          if (hBorders[next][k] || covered[next * cols + k]) break grow;
          if (k > c && vBorders[k][next]) break grow;
        }
        rowSpan++;
      }
      for (let rr = r; rr < r + rowSpan; rr++) {
        for (let cc = c; cc < c + colSpan; cc++) covered[rr * cols + cc] = 1;
      }
      cells.push({
        row: r,
        col: c,
        rowSpan,
        colSpan,
        box: {
          left: columnEdges[c],
          top: rowEdges[r],
          right: columnEdges[c + colSpan],
          bottom: rowEdges[r + rowSpan],
        },
      });
    }
  }
  return cells;
}
