import type { Ruling } from '../types.js';
import type { LineSegment, LineSegments } from './find-line-segments.js';
import { flankInkRatio } from './flank-ink-ratio.js';

/** The page's ink mask at page resolution (1 = dark ink), to look at what lies beside a candidate ruling. */
export interface InkMask {
  mask: Uint8Array;
  width: number;
  height: number;
}

export interface RulingLimits {
  /** A segment at least this long is a ruling on its own. */
  minLengthPx: number;
  /** A shorter segment (down to this) is a ruling only if both its ends meet a long perpendicular ruling. */
  minShortLengthPx: number;
  /** Thicker strokes are fills, bars or scan borders, not rulings. */
  maxThicknessPx: number;
  /** How far (across, per pixel of length) a straight ruling may drift on a deskewed page. */
  maxDriftRatio: number;
  /** Parallel segments this close across, with at most `maxCollinearGapPx` between them, are one ruling. */
  collinearTolerancePx: number;
  maxCollinearGapPx: number;
  /** How far an end may miss a perpendicular ruling and still meet it. */
  touchTolerancePx: number;
  /** Text beside a candidate is probed this far past its edge, over this many scan lines… */
  flankGapPx: number;
  flankDepthPx: number;
  /** …counting ink runs up to this long as text (longer ones are another rule)… */
  maxStrokeRunPx: number;
  /** …and a candidate with more text-like ink than this beside it is a row of touching letters. */
  maxFlankInkRatio: number;
}

/**
 * Turn raw line segments into rulings: drop thick strokes, crooked chains and rows of touching
 * bold letters, join collinear pieces of a broken line, keep long ones, and keep short ones only
 * where they connect two long perpendicular rulings (the inner borders of cells next to a merged
 * cell can be short; a short dash or an underline inside a cell does not touch rulings at both ends).
 */
export function selectRulings(segments: LineSegments, limits: RulingLimits, ink: InkMask): Ruling[] {
  const horizontalCandidates = toRulings(segments.horizontal, 'horizontal', limits);
  const verticalCandidates = toRulings(segments.vertical, 'vertical', limits);
  // The long perpendicular candidates that cross a candidate: their ink beside it is theirs, not text's.
  const crossingOf = (r: Ruling, perpendicular: Ruling[]): Ruling[] =>
    perpendicular.filter(
      (p) => p.end - p.start >= limits.minLengthPx && p.position >= r.start && p.position < r.end
        && p.start - limits.touchTolerancePx <= r.position && p.end + limits.touchTolerancePx >= r.position,
    );
  const notText = (r: Ruling, perpendicular: Ruling[]): boolean =>
    flankInkRatio(ink.mask, ink.width, ink.height, r, limits.flankGapPx, limits.flankDepthPx, limits.maxStrokeRunPx, crossingOf(r, perpendicular)) <=
    limits.maxFlankInkRatio;
  const horizontal = joinCollinear(horizontalCandidates.filter((r) => notText(r, verticalCandidates)), limits);
  const vertical = joinCollinear(verticalCandidates.filter((r) => notText(r, horizontalCandidates)), limits);
  return keepConnectedRulings(horizontal, vertical, limits);
}

/**
 * Keep the rulings that can be table borders: every one at least `minLengthPx` long, and shorter
 * ones (down to `minShortLengthPx`) only where both their ends meet a kept perpendicular ruling.
 */
export function keepConnectedRulings(
  horizontal: Ruling[],
  vertical: Ruling[],
  limits: Pick<RulingLimits, 'minLengthPx' | 'minShortLengthPx' | 'touchTolerancePx'>,
): Ruling[] {
  const isLong = (r: Ruling): boolean => r.end - r.start >= limits.minLengthPx;
  let keptH = horizontal.filter(isLong);
  let keptV = vertical.filter(isLong);
  let shortH = horizontal.filter((r) => !isLong(r) && r.end - r.start >= limits.minShortLengthPx);
  let shortV = vertical.filter((r) => !isLong(r) && r.end - r.start >= limits.minShortLengthPx);
  // Two rounds: a short segment may hang between a long ruling and another short one.
  for (let round = 0; round < 2; round++) {
    const addH = shortH.filter((r) => bothEndsMeet(r, keptV, limits.touchTolerancePx));
    const addV = shortV.filter((r) => bothEndsMeet(r, keptH, limits.touchTolerancePx));
    if (addH.length === 0 && addV.length === 0) break;
    keptH = keptH.concat(addH);
    keptV = keptV.concat(addV);
    shortH = shortH.filter((r) => !addH.includes(r));
    shortV = shortV.filter((r) => !addV.includes(r));
  }
  return [...keptH, ...keptV];
}

function toRulings(list: LineSegment[], orientation: Ruling['orientation'], limits: RulingLimits): Ruling[] {
  const out: Ruling[] = [];
  for (const s of list) {
    if (s.end - s.start < limits.minShortLengthPx) continue;
    if (s.thickness > limits.maxThicknessPx) continue;
    // a ruling is straight: the scan lines it touches are its thickness plus residual skew
    const acrossSpan = s.acrossMax - s.acrossMin + 1;
    if (acrossSpan > limits.maxThicknessPx + 2 + (s.end - s.start) * limits.maxDriftRatio) continue;
    out.push({
      orientation,
      position: s.position,
      start: s.start,
      end: s.end,
      thickness: Math.max(1, Math.round(s.thickness)),
    });
  }
  return out;
}

/**
 * Merge pieces of one line split by gaps (scan dropouts) or drawn in pieces by the PDF producer,
 * and lines drawn twice (cells outlined one by one): rulings of one orientation whose positions
 * are within `collinearTolerancePx` and whose extents overlap or leave at most
 * `maxCollinearGapPx` between them become one, at their length-weighted position.
 */
export function joinCollinear(rulings: Ruling[], limits: Pick<RulingLimits, 'collinearTolerancePx' | 'maxCollinearGapPx'>): Ruling[] {
  const sorted = [...rulings].sort((a, b) => a.position - b.position || a.start - b.start);
  const merged: Ruling[] = [];
  const used = new Uint8Array(sorted.length);
  for (let i = 0; i < sorted.length; i++) {
    if (used[i]) continue;
    const r = { ...sorted[i] };
    let weight = r.end - r.start;
    let weightedPosition = r.position * weight;
    let grew = true;
    while (grew) {
      grew = false;
      for (let j = i + 1; j < sorted.length; j++) {
        if (used[j]) continue;
        const s = sorted[j];
        if (s.position - sorted[i].position > limits.collinearTolerancePx * 2) break;
        if (Math.abs(s.position - weightedPosition / weight) > limits.collinearTolerancePx) continue;
        if (s.start > r.end + limits.maxCollinearGapPx || r.start > s.end + limits.maxCollinearGapPx) continue;
        const w = s.end - s.start;
        r.start = Math.min(r.start, s.start);
        r.end = Math.max(r.end, s.end);
        r.thickness = Math.max(r.thickness, s.thickness);
        weightedPosition += s.position * w;
        weight += w;
        used[j] = 1;
        grew = true;
      }
    }
    r.position = weightedPosition / weight;
    merged.push(r);
  }
  return merged;
}

function bothEndsMeet(r: Ruling, perpendicular: Ruling[], tolerance: number): boolean {
  let startMeets = false;
  let endMeets = false;
  for (const p of perpendicular) {
    const slack = tolerance + p.thickness / 2;
    if (r.position < p.start - slack || r.position > p.end + slack) continue;
    if (Math.abs(p.position - r.start) <= slack + r.thickness) startMeets = true;
    if (Math.abs(p.position - r.end) <= slack + r.thickness) endMeets = true;
    if (startMeets && endMeets) return true;
  }
  return false;
}
