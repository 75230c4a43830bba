// Glyphs chained into horizontal text lines, each line's x-height band, and the up/down evidence
// the lines hold: Latin text has far more glyphs rising above the band than hanging below it,
// i and j dots float above it and periods sit at its bottom. Upside down, all of that swaps.
import type { Components, CoarseInkMask } from '../../image/ink-components.js';
import { overlapRatio, type ComponentGrid, type Glyphs } from './glyphs.js';
import { DisjointSets } from '../../image/disjoint-sets.js';

/** Glyphs closer than this many median glyph heights along a line belong to one text line. */
const LINE_LINK_GAP_GLYPHS = 1.2;
/** A text line needs at least this many glyph components. */
const MIN_LINE_GLYPHS = 3;
/** Lines are measured in pieces at most this many median glyph sizes long (skew blurs longer ones). */
const LINE_PIECE_GLYPHS = 10;
/** A text line's x-height band must be at least this tall (mask pixels). */
const MIN_BAND_PX = 3;

/** One text line as glyphs (not words: layout/'s TextLine): its glyph components, box (mask pixels, inclusive) and x-height band. */
export interface GlyphLine {
  ids: number[];
  left: number;
  top: number;
  right: number;
  bottom: number;
  /** Rows of the x-height band (absolute, inclusive). */
  bandTop: number;
  bandBottom: number;
}

export interface UpDownCounts {
  /** Evidence for upright text: glyphs rising above their line's x-height band, i/j dots over their stems, periods and commas at the band's bottom. */
  up: number;
  /** The same evidence upside down: glyphs hanging below the band, dots under their stems, periods at the band's top. */
  down: number;
  /** The text lines (pieces of lines) that were measured. */
  lines: GlyphLine[];
}

/** Part of the up/down evidence. */
type Tally = Pick<UpDownCounts, 'up' | 'down'>;

/**
 * Chains glyphs into horizontal text lines (nearest neighbour to the right that overlaps
 * vertically, within LINE_LINK_GAP_GLYPHS), finds each line's x-height band from its ink profile
 * and counts what rises above / hangs below the bands.
 */
export function countUpDown(mask: CoarseInkMask, glyphs: Glyphs, grid: ComponentGrid): UpDownCounts {
  const k = glyphs.components;
  const pieces = cutIntoPieces(k, chainIntoLines(glyphs, grid), LINE_PIECE_GLYPHS * glyphs.medianSize);
  const lines = boxLines(k, pieces);
  findBands(k, lines, mask.height);
  const textLines = bodyTextLines(lines, mask.height);
  const glyphVotes = countRisersAndHangers(k, textLines);
  const dotVotes = countDots(glyphs, textLines);
  return { up: glyphVotes.up + dotVotes.up, down: glyphVotes.down + dotVotes.down, lines: textLines };
}

/**
 * Glyphs grouped into lines: each glyph is joined to its nearest neighbour to the right when the
 * gap is within LINE_LINK_GAP_GLYPHS. Groups come in the order of their first glyph in `ids`.
 */
function chainIntoLines(glyphs: Glyphs, grid: ComponentGrid): number[][] {
  const { components: k, ids, medianSize } = glyphs;
  const maxGap = LINE_LINK_GAP_GLYPHS * medianSize;
  const reach = Math.ceil((maxGap + medianSize) / grid.cellSize);
  const sets = new DisjointSets(k.count);
  const find = (a: number) => sets.root(a);
  for (let n = 0; n < ids.length; n++) {
    const c = ids[n];
    const next = nearestToTheRight(k, grid, c, reach);
    if (next >= 0 && k.left[next] - k.right[c] - 1 <= maxGap) {
      sets.join(c, next);
    }
  }
  const lineOfRoot = new Int32Array(k.count).fill(-1);
  const members: number[][] = [];
  for (let n = 0; n < ids.length; n++) {
    const root = find(ids[n]);
    if (lineOfRoot[root] < 0) {
      lineOfRoot[root] = members.length;
      members.push([]);
    }
    members[lineOfRoot[root]].push(ids[n]);
  }
  return members;
}

/**
 * The glyph starting right of glyph `c` that overlaps it vertically by half or more, with the
 * smallest gap (the first found on a tie), searched `reach` grid cells around it; -1 if none.
 */
function nearestToTheRight(k: Components, grid: ComponentGrid, c: number, reach: number): number {
  const bx = Math.floor((k.left[c] + k.right[c]) / 2 / grid.cellSize);
  const by = Math.floor((k.top[c] + k.bottom[c]) / 2 / grid.cellSize);
  let best = -1;
  let bestGap = Infinity;
  for (let y = Math.max(0, by - reach); y <= Math.min(grid.rows - 1, by + reach); y++) {
    for (let x = bx; x <= Math.min(grid.columns - 1, bx + reach); x++) {
      const b = y * grid.columns + x;
      for (let m = grid.start[b]; m < grid.start[b + 1]; m++) {
        const d = grid.items[m];
        if (k.left[d] <= k.left[c]) continue;
        if (overlapRatio(k.top[c], k.bottom[c], k.top[d], k.bottom[d]) < 0.5) continue;
        const gap = k.left[d] - k.right[c] - 1;
        if (gap < bestGap) {
          bestGap = gap;
          best = d;
        }
      }
    }
  }
  return best;
}

/**
 * Lines of MIN_LINE_GLYPHS or more, sorted left to right and cut into pieces at most
 * `maxPieceWidth` wide, so that a skewed scan's lines still have a sharp band.
 */
function cutIntoPieces(k: Components, groups: number[][], maxPieceWidth: number): number[][] {
  const pieces: number[][] = [];
  for (const group of groups) {
    if (group.length < MIN_LINE_GLYPHS) continue;
    group.sort((a, b) => k.left[a] - k.left[b]);
    let piece: number[] = [];
    for (const c of group) {
      if (piece.length > 0 && k.right[c] - k.left[piece[0]] > maxPieceWidth) {
        pieces.push(piece);
        piece = [];
      }
      piece.push(c);
    }
    pieces.push(piece);
  }
  return pieces;
}

/** Pieces of MIN_LINE_GLYPHS or more as text lines with their boxes; the band is still the box. */
function boxLines(k: Components, pieces: number[][]): GlyphLine[] {
  const lines: GlyphLine[] = [];
  for (const group of pieces) {
    if (group.length < MIN_LINE_GLYPHS) continue;
    let left = Infinity;
    let top = Infinity;
    let right = -1;
    let bottom = -1;
    for (const c of group) {
      left = Math.min(left, k.left[c]);
      top = Math.min(top, k.top[c]);
      right = Math.max(right, k.right[c]);
      bottom = Math.max(bottom, k.bottom[c]);
    }
    lines.push({ ids: group, left, top, right, bottom, bandTop: top, bandBottom: bottom });
  }
  return lines;
}

/**
 * Row profiles of each line's own ink, from the runs (other lines' ascenders may reach into its
 * box): one per line, its row 0 at the line's top.
 */
function lineProfiles(k: Components, lines: GlyphLine[], height: number): Int32Array[] {
  const lineOf = new Int32Array(k.count).fill(-1);
  lines.forEach((line, n) => {
    for (const c of line.ids) lineOf[c] = n;
  });
  const profileStart = new Int32Array(lines.length + 1);
  for (let n = 0; n < lines.length; n++) profileStart[n + 1] = profileStart[n] + lines[n].bottom - lines[n].top + 1;
  const profiles = new Int32Array(profileStart[lines.length]);
  for (let y = 0; y < height; y++) {
    for (let r = k.rowStart[y]; r < k.rowStart[y + 1]; r++) {
      const n = lineOf[k.runComponent[r]];
      if (n >= 0) profiles[profileStart[n] + y - lines[n].top] += k.runRight[r] - k.runLeft[r] + 1;
    }
  }
  return lines.map((_, n) => profiles.subarray(profileStart[n], profileStart[n + 1]));
}

/** Sets each line's x-height band: the rows holding at least half the line's busiest row's ink. */
function findBands(k: Components, lines: GlyphLine[], height: number): void {
  const profiles = lineProfiles(k, lines, height);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const profile = profiles[n];
    let max = 0;
    for (let r = 0; r < profile.length; r++) if (profile[r] > max) max = profile[r];
    let bandTop = -1;
    let bandBottom = -1;
    for (let y = line.top; y <= line.bottom; y++) {
      if (profile[y - line.top] * 2 >= max) {
        if (bandTop < 0) bandTop = y;
        bandBottom = y;
      }
    }
    line.bandTop = bandTop;
    line.bandBottom = bandBottom;
  }
}

/**
 * The lines whose band is near the page's usual x-height (the median over glyphs). The others are
 * not body text: halftone pictures, white-on-black cells, headings in capitals. They do not vote.
 */
function bodyTextLines(lines: GlyphLine[], height: number): GlyphLine[] {
  const bandHeights = new Int32Array(height + 2);
  let glyphsInLines = 0;
  for (const line of lines) {
    bandHeights[line.bandBottom - line.bandTop + 1] += line.ids.length;
    glyphsInLines += line.ids.length;
  }
  let typicalBand = 0;
  for (let h = 0, seen = 0; h < bandHeights.length; h++) {
    seen += bandHeights[h];
    if (seen * 2 > glyphsInLines) {
      typicalBand = h;
      break;
    }
  }
  return lines.filter((line) => {
    const band = line.bandBottom - line.bandTop + 1;
    return band >= MIN_BAND_PX && band >= 0.6 * typicalBand && band <= 1.7 * typicalBand && line.bottom - line.top + 1 <= 3 * band;
  });
}

/** Glyphs rising above their line's band (up) and hanging below it (down). */
function countRisersAndHangers(k: Components, lines: GlyphLine[]): Tally {
  let up = 0;
  let down = 0;
  for (const line of lines) {
    const band = line.bandBottom - line.bandTop + 1;
    const tolerance = Math.max(1, Math.round(0.2 * band));
    for (const c of line.ids) {
      // commas, hyphens and the like are no ascenders or descenders
      if (k.bottom[c] - k.top[c] + 1 < 1.1 * band) continue;
      if (k.top[c] < line.bandTop - tolerance) up++;
      if (k.bottom[c] > line.bandBottom + tolerance) down++;
    }
  }
  return { up, down };
}

/**
 * Dots: an i or j dot has its stem below it (above it upside down); a period or comma, with no
 * glyph above or below, sits at the bottom of the band (at the top upside down), also in lines
 * of figures. Quotes and apostrophes, outside the band with nothing under them, do not count.
 */
function countDots(glyphs: Glyphs, lines: GlyphLine[]): Tally {
  const k = glyphs.components;
  let up = 0;
  let down = 0;
  for (let n = 0; n < glyphs.dots.length; n++) {
    const c = glyphs.dots[n];
    const line = lineOfDot(k, c, lines);
    if (!line) continue;
    const vote = dotVote(k, c, line);
    if (vote > 0) up++;
    else if (vote < 0) down++;
  }
  return { up, down };
}

/** The line whose band centre is nearest to dot `c` (within a band height), spanning it horizontally. */
function lineOfDot(k: Components, c: number, lines: GlyphLine[]): GlyphLine | null {
  const cx = (k.left[c] + k.right[c]) / 2;
  const cy = (k.top[c] + k.bottom[c]) / 2;
  let line: GlyphLine | null = null;
  let bestDistance = Infinity;
  for (const candidate of lines) {
    if (cx < candidate.left || cx > candidate.right) continue;
    const band = candidate.bandBottom - candidate.bandTop + 1;
    const distance = Math.abs(cy - (candidate.bandTop + candidate.bandBottom) / 2);
    if (distance <= band && distance < bestDistance) {
      bestDistance = distance;
      line = candidate;
    }
  }
  return line;
}

/** What dot `c` in `line` says: 1 upright, -1 upside down, 0 nothing. */
function dotVote(k: Components, c: number, line: GlyphLine): 1 | -1 | 0 {
  const band = line.bandBottom - line.bandTop + 1;
  if (k.bottom[c] - k.top[c] + 1 > 0.5 * band) return 0;
  let stemBelow = false;
  let stemAbove = false;
  let touching = false; // a glyph within a pixel to the side: a broken-off piece of it, no period
  for (const g of line.ids) {
    if (k.left[g] > k.right[c] + 1 || k.right[g] < k.left[c] - 1) continue;
    touching = true;
    if (k.left[g] > k.right[c] || k.right[g] < k.left[c]) continue;
    if (k.top[g] > k.bottom[c]) stemBelow = true;
    else if (k.bottom[g] < k.top[c]) stemAbove = true;
  }
  if (stemBelow !== stemAbove) return stemBelow ? 1 : -1;
  if (touching || k.top[c] < line.bandTop || k.bottom[c] > line.bandBottom + Math.max(1, Math.round(0.3 * band))) return 0;
  const cy = (k.top[c] + k.bottom[c]) / 2;
  const position = (cy - line.bandTop) / Math.max(1, band - 1); // 0 = top of the band, 1 = bottom
  if (position > 0.6) return 1;
  if (position < 0.4) return -1;
  return 0;
}
