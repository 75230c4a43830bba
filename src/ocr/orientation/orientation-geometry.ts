// What the page's geometry says about its orientation: which way the text lines run (each glyph
// votes for the direction of its nearest neighbour), and in the frame where they run
// horizontally, whether the text is upright or upside down (see glyph-lines.ts).
import { inkOf, type CoarseInkMask } from '../../image/ink-components.js';
import { rotateBitmapQuarterTurns, type QuarterTurn } from '../../image/rotate-quarter-turns.js';
import type { PageImage } from '../../types.js';
import { glyphsOf, gridOf, overlapRatio, type ComponentGrid, type Glyphs } from './glyphs.js';
import { countUpDown, type UpDownCounts } from './glyph-lines.js';

/** Fewer glyph-sized components than this: too little text to tell. */
const MIN_GLYPHS = 24;
/** ... or fewer text lines, or glyphs in text lines, than these. */
const MIN_TEXT_LINES = 2;
const MIN_GLYPHS_IN_LINES = 16;
/** Nearest neighbours farther than this many median glyph sizes do not vote. */
const NEIGHBOUR_RADIUS_GLYPHS = 3;
/** The axis needs this ratio of votes; below it the axis is unsure. */
const AXIS_RATIO = 1.6;
/** At most about this many glyphs vote (every n-th glyph on a dense page). */
const MAX_AXIS_VOTERS = 800;
/** Up/down confidence (up - down) / sqrt(up + down) needed to decide from geometry alone. */
const MIN_UPDOWN_CONFIDENCE = 4;
/** ... and the majority must be at least this ratio. */
const MIN_UPDOWN_RATIO = 1.8;
/** Without an OCR engine, weaker evidence than that still turns the page. */
const PROBABLE_UPDOWN_CONFIDENCE = 2.5;
const PROBABLE_UPDOWN_RATIO = 1.5;

/** Glyphs whose nearest neighbour is beside them (horizontal) or above or below them (vertical). */
export interface AxisVotes {
  horizontal: number;
  vertical: number;
}

/** Each glyph votes for the direction of its nearest neighbour: side by side, or stacked. */
function voteAxis(glyphs: Glyphs, grid: ComponentGrid): AxisVotes {
  const { components: k, ids, medianSize } = glyphs;
  const radius = NEIGHBOUR_RADIUS_GLYPHS * medianSize;
  const reach = Math.ceil((radius + medianSize) / grid.cellSize);
  let horizontal = 0;
  let vertical = 0;
  // a sample of the glyphs is plenty: the vote is rarely close
  const step = Math.max(1, Math.floor(ids.length / MAX_AXIS_VOTERS));
  for (let n = 0; n < ids.length; n += step) {
    const c = ids[n];
    const cl = k.left[c];
    const ct = k.top[c];
    const cr = k.right[c];
    const cb = k.bottom[c];
    const bx = Math.floor((cl + cr) / 2 / grid.cellSize);
    const by = Math.floor((ct + cb) / 2 / grid.cellSize);
    let hGap = Infinity;
    let vGap = Infinity;
    for (let y = Math.max(0, by - reach); y <= Math.min(grid.rows - 1, by + reach); y++) {
      for (let x = Math.max(0, bx - reach); x <= Math.min(grid.columns - 1, bx + reach); x++) {
        const b = y * grid.columns + x;
        for (let m = grid.start[b]; m < grid.start[b + 1]; m++) {
          const d = grid.items[m];
          if (d === c) continue;
          if (overlapRatio(ct, cb, k.top[d], k.bottom[d]) >= 0.5) {
            const gap = Math.max(k.left[d] - cr, cl - k.right[d]) - 1;
            if (gap >= 0 && gap < hGap) hGap = gap;
          }
          if (overlapRatio(cl, cr, k.left[d], k.right[d]) >= 0.5) {
            const gap = Math.max(k.top[d] - cb, ct - k.bottom[d]) - 1;
            if (gap >= 0 && gap < vGap) vGap = gap;
          }
        }
      }
    }
    if (hGap > radius && vGap > radius) continue;
    if (hGap < vGap) horizontal++;
    else if (vGap < hGap) vertical++;
  }
  return { horizontal, vertical };
}

/** The geometric evidence for one frame (the page turned so the text should run horizontally). */
export interface FrameGeometry {
  mask: CoarseInkMask;
  glyphs: Glyphs;
  counts: UpDownCounts;
  /** (up - down) / sqrt(up + down): positive = upright in this frame, negative = upside down. */
  confidence: number;
}

function frameGeometry(mask: CoarseInkMask, glyphs: Glyphs, grid: ComponentGrid = gridOf(glyphs, mask.width, mask.height)): FrameGeometry {
  const counts = countUpDown(mask, glyphs, grid);
  const confidence = (counts.up - counts.down) / Math.sqrt(counts.up + counts.down + 1);
  return { mask, glyphs, counts, confidence };
}

function turnMask(mask: CoarseInkMask, clockwiseDegrees: QuarterTurn): CoarseInkMask {
  const turned = rotateBitmapQuarterTurns({ width: mask.width, height: mask.height, gray: mask.mask }, clockwiseDegrees);
  return { ...mask, width: turned.width, height: turned.height, mask: turned.gray };
}

/** The frame of `mask` turned `turn` clockwise, its glyphs found anew in the turned mask. */
export function turnedFrameGeometry(mask: CoarseInkMask, turn: 0 | 90): FrameGeometry {
  const turned = turnMask(mask, turn);
  return frameGeometry(turned, glyphsOf(turned));
}

/** Everything geometry says about a page; exported for tests and dev tools. */
export interface OrientationGeometry {
  /** null: too little ink or text to tell. */
  axis: 'horizontal' | 'vertical' | 'unsure' | null;
  votes: AxisVotes;
  glyphCount: number;
  /** Up/down evidence with the text turned to run horizontally: frame 0 (as is) and frame 90 (turned 90° clockwise). */
  frames: { turn: 0 | 90; up: number; down: number; lines: number; confidence: number }[];
  /** What geometry alone would apply, and whether it is sure. */
  guess: QuarterTurn;
  sure: boolean;
  /** Weaker evidence for the guess: used only when there is no OCR engine to ask. */
  probable: boolean;
}

/** The geometry, the frames it measured (kept for the OCR sample) and the page's ink mask (null: no ink). */
export interface Analysis {
  geometry: OrientationGeometry;
  frames: Map<0 | 90, FrameGeometry>;
  mask: CoarseInkMask | null;
}

/** Ink, glyphs, axis vote and up/down evidence of a page: everything but OCR. */
export function analyse(image: PageImage): Analysis {
  const empty: OrientationGeometry = { axis: null, votes: { horizontal: 0, vertical: 0 }, glyphCount: 0, frames: [], guess: 0, sure: false, probable: false };
  const ink = inkOf(image);
  if (!ink) return { geometry: empty, frames: new Map(), mask: null };
  const { mask } = ink;
  const glyphs = glyphsOf(mask, ink.components);
  if (glyphs.ids.length < MIN_GLYPHS) return { geometry: { ...empty, glyphCount: glyphs.ids.length }, frames: new Map(), mask };
  const grid = gridOf(glyphs, mask.width, mask.height);
  const votes = voteAxis(glyphs, grid);
  const axis =
    votes.horizontal >= AXIS_RATIO * votes.vertical ? 'horizontal' : votes.vertical >= AXIS_RATIO * votes.horizontal ? 'vertical' : 'unsure';
  const frames = new Map<0 | 90, FrameGeometry>();
  if (axis !== 'vertical') frames.set(0, frameGeometry(mask, glyphs, grid));
  if (axis !== 'horizontal') frames.set(90, turnedFrameGeometry(mask, 90));
  const summaries = [...frames.entries()].map(([turn, f]) => ({
    turn,
    up: f.counts.up,
    down: f.counts.down,
    lines: f.counts.lines.length,
    confidence: f.confidence,
  }));
  // text, not a picture's texture: a few lines of glyphs in at least one frame
  const textGlyphs = Math.max(...[...frames.values()].map((f) => f.counts.lines.reduce((sum, line) => sum + line.ids.length, 0)));
  const textLines = Math.max(...[...frames.values()].map((f) => f.counts.lines.length));
  if (textLines < MIN_TEXT_LINES || textGlyphs < MIN_GLYPHS_IN_LINES) {
    return { geometry: { ...empty, axis: null, votes, glyphCount: glyphs.ids.length }, frames, mask };
  }
  // with the axis unsure, the frame with the stronger up/down asymmetry is the likelier one
  const best = summaries.reduce((a, b) => (Math.abs(b.confidence) > Math.abs(a.confidence) ? b : a));
  const ratio = Math.max(best.up, best.down) / Math.max(1, Math.min(best.up, best.down));
  const sure = axis !== 'unsure' && Math.abs(best.confidence) >= MIN_UPDOWN_CONFIDENCE && ratio >= MIN_UPDOWN_RATIO;
  const probable = axis !== 'unsure' && Math.abs(best.confidence) >= PROBABLE_UPDOWN_CONFIDENCE && ratio >= PROBABLE_UPDOWN_RATIO;
  const guess = ((best.turn + (best.confidence < 0 ? 180 : 0)) % 360) as QuarterTurn;
  return { geometry: { axis, votes, glyphCount: glyphs.ids.length, frames: summaries, guess, sure, probable }, frames, mask };
}
