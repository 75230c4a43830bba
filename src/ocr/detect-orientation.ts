// Is a scanned page sideways or upside down? Cheap geometry on a ~100-DPI ink mask decides the
// common case (upright Latin text) in a few milliseconds; a small OCR sample in the two candidate
// orientations settles the rest.
//
//  1. Axis. Glyphs of a text line sit closer to their neighbours along the line (letter and word
//     spacing) than to the glyphs of the lines above and below (leading). Every glyph-sized
//     connected component votes for the direction of its nearest neighbour: horizontal text
//     gives mostly horizontal votes, a page turned by 90° mostly vertical ones.
//  2. Up or down. In the frame where the text runs horizontally, glyphs are chained into text
//     lines and each line's x-height band is found from its ink profile. Latin text has far more
//     glyphs that rise above that band (b d f h k l t, capitals, digits) than glyphs that hang
//     below it (g j p q y); i and j dots float above it, periods and commas sit at its bottom
//     (also in lines of figures). Upside down, all of that swaps.
//  3. OCR. When the page is not clearly upright (a turn is proposed, or the counts are too close:
//     numbers or capitals only), a few text lines are OCR'd in both candidate orientations and
//     the reading with more confident text wins.
//
// Where: ../image/ink-components.ts (ink mask, components), orientation/glyphs.ts (glyph-sized
// components), orientation/glyph-lines.ts (lines of glyphs, bands, up/down counts),
// orientation/orientation-geometry.ts (axis vote, frames, the geometric guess),
// orientation/ocr-sample.ts (step 3); here, the decision.
import type { QuarterTurn } from '../image/rotate-quarter-turns.js';
import type { PageImage } from '../types.js';
import { analyse, turnedFrameGeometry, type OrientationGeometry } from './orientation/orientation-geometry.js';
import { readBothWays, type Reading } from './orientation/ocr-sample.js';
import type { OcrEngine, WithEngine } from './ocr-engine.js';

export type { QuarterTurn } from '../image/rotate-quarter-turns.js';
export type { OrientationGeometry } from './orientation/orientation-geometry.js';

export interface OrientationDecision {
  /** The clockwise rotation to apply to the page image to make it upright. */
  clockwiseDegrees: QuarterTurn;
  /** Why, in a few words with the evidence (for --verbose notes). */
  reason: string;
}

/** The better reading must score this many times the other one to decide. */
const OCR_WIN_RATIO = 1.5;
/** ... and reach this score (confidence-weighted alphanumeric characters). */
const OCR_MIN_SCORE = 8;

/** Geometry only (no OCR): what the cheap part of detectOrientation sees. */
export function measureOrientationGeometry(image: PageImage): OrientationGeometry {
  return analyse(image).geometry;
}

/**
 * The clockwise rotation (0, 90, 180 or 270) that makes a page image upright, with the reason.
 * Upright pages with ordinary text are decided from geometry alone (a few ms); pages that look
 * turned, or whose text gives geometry too little to go on (numbers, capitals), are settled by
 * OCR of a small sample in both candidate orientations when `engine` is given. A page with too
 * little text returns 0.
 */
export async function detectOrientation(image: PageImage, engine: OcrEngine | WithEngine | null): Promise<OrientationDecision> {
  // A WithEngine starts (or waits for) the thread's engine only if OCR is needed below.
  const withEngine: WithEngine | null = engine === null ? null : typeof engine === 'function' ? engine : (work) => work(engine);
  const { geometry, frames: masks, mask } = analyse(image);
  if (!mask) return { clockwiseDegrees: 0, reason: 'no ink on the page: left as it is' };
  if (geometry.axis === null) return { clockwiseDegrees: 0, reason: `too little text to tell its orientation (${geometry.glyphCount} glyphs): left as it is` };
  const evidence = describe(geometry);
  if (geometry.sure && geometry.guess === 0) return { clockwiseDegrees: 0, reason: `upright (${evidence})` };
  if (!withEngine) {
    if (geometry.sure) return { clockwiseDegrees: geometry.guess, reason: `turned: ${turnText(geometry.guess)} (${evidence})` };
    if (geometry.probable) return { clockwiseDegrees: geometry.guess, reason: `probably ${turnText(geometry.guess)}; no OCR to confirm (${evidence})` };
    return { clockwiseDegrees: 0, reason: `orientation unsure without OCR: left as it is (${evidence})` };
  }
  // OCR the candidates of the most likely axis first, then (when that is inconclusive) the other.
  const bestFrame = geometry.frames.reduce((a, b) => (Math.abs(b.confidence) > Math.abs(a.confidence) ? b : a));
  const axisOrder: (0 | 90)[] = geometry.axis === 'unsure' ? [bestFrame.turn, bestFrame.turn === 0 ? 90 : 0] : [bestFrame.turn];
  const readings: Reading[] = [];
  let failure = '';
  for (const turn of axisOrder) {
    let frame = masks.get(turn);
    if (!frame) {
      frame = turnedFrameGeometry(mask, turn);
      masks.set(turn, frame);
    }
    let pair: Reading[];
    try {
      const sampleFrame = frame;
      pair = await withEngine((ocr) => readBothWays(image, mask, sampleFrame, turn, ocr));
    } catch (error) {
      // the page's own OCR will meet the same trouble and report it; here geometry has to do
      failure = `OCR failed: ${error instanceof Error ? error.message : String(error)}; `;
      break;
    }
    readings.push(...pair);
    const [a, b] = [...pair].sort((x, y) => y.score - x.score);
    if (a && a.score >= OCR_MIN_SCORE && a.score >= OCR_WIN_RATIO * b.score) {
      const detail = readings.map((r) => `${r.turn}°: ${r.score.toFixed(1)}`).join(', ');
      return {
        clockwiseDegrees: a.turn,
        reason: `${a.turn === 0 ? 'upright' : `turned: ${turnText(a.turn)}`} by OCR of a sample (scores ${detail}; ${evidence})`,
      };
    }
  }
  const detail = failure || `OCR ${readings.map((r) => `${r.turn}°: ${r.score.toFixed(1)}`).join(', ') || 'found no sample'}; `;
  if (geometry.sure) {
    return { clockwiseDegrees: geometry.guess, reason: `turned: ${turnText(geometry.guess)} by geometry, OCR inconclusive (${detail}${evidence})` };
  }
  return { clockwiseDegrees: 0, reason: `orientation unsure: left as it is (${detail}${evidence})` };
}

function turnText(turn: QuarterTurn): string {
  return turn === 180 ? 'upside down, turn 180°' : turn === 90 ? 'on its side, turn 90° clockwise' : turn === 270 ? 'on its side, turn 90° anticlockwise' : 'upright';
}

function describe(g: OrientationGeometry): string {
  const frames = g.frames.map((f) => `${f.turn === 0 ? '' : 'turned 90°: '}${f.up} up / ${f.down} down in ${f.lines} lines`).join('; ');
  return `lines run ${g.axis} (${g.votes.horizontal} vs ${g.votes.vertical} neighbour votes); ${frames}`;
}
