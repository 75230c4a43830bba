// Table rulings, shaded boxes and image positions from a page's vector graphics (the pdf.js
// operator list), in the same pixel space as the rendered page, so a born-digital page needs no
// render to find its ruled tables.
import { OPS } from './pdfjs.js';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { PageViewport } from 'pdfjs-dist/types/src/display/display_utils.js';
import type { PixelBox, VectorGraphics } from '../types.js';
import { multiply, type Matrix } from './device-geometry.js';
import { mergeSameColourFills } from './merge-fills.js';
import { OperatorWalk, type WalkedState } from './operator-walk.js';
import { fillSubpaths, strokeSubpath } from './paint-subpaths.js';
import { readSubpaths } from './path-shapes.js';
import { Collector, isWhite } from './vector-collector.js';

// Existing importers take these from here; the types live with the other stage types.
export type { Fill, VectorGraphics } from '../types.js';
export { multiply, type Matrix } from './device-geometry.js';
export { pathRectangle } from './path-shapes.js';

/** Same-colour fills this close (points) show no edge between them: far below the ~0.5-pt white gutters between shaded cells. */
const FILL_TOUCH_PT = 0.1;

interface GraphicsState extends WalkedState {
  lineWidth: number;
  /** Whether fills / strokes are visible at all: not white, not fully transparent. */
  fillVisible: boolean;
  strokeVisible: boolean;
  fillColor: string;
  fillAlpha: number;
  strokeAlpha: number;
  strokeWhite: boolean;
}

/** The paint operations of constructPath and what they draw. */
const STROKE_OPS = new Set<number>([OPS.stroke, OPS.closeStroke]);
const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill]);
const FILL_STROKE_OPS = new Set<number>([OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const EVEN_ODD_OPS = new Set<number>([OPS.eoFill, OPS.eoFillStroke, OPS.closeEOFillStroke]);

/**
 * Read a page's vector graphics from its pdf.js operator list: straight axis-aligned strokes
 * (sides of stroked rectangles included) and thin filled rectangles become rulings, larger
 * filled rectangles become fills (white ones and page backgrounds left out), painted images give
 * their boxes, and other stroked lines (diagonals, curve chords) are listed as oblique segments.
 * Everything is in `viewport`'s pixel space (the render viewport, /Rotate included). Clipping
 * paths, text and soft-mask contents are ignored.
 */
export async function readVectorGraphics(page: PDFPageProxy, viewport: PageViewport): Promise<VectorGraphics> {
  const opList = await page.getOperatorList();
  const collector = new Collector(Math.ceil(viewport.width), Math.ceil(viewport.height), viewport.scale);
  const pageBox: PixelBox = { left: 0, top: 0, right: collector.width, bottom: collector.height };
  walkOperators(opList.fnArray, opList.argsArray, viewport.transform as Matrix, pageBox, collector);
  const fills = mergeSameColourFills(collector.fills, FILL_TOUCH_PT * viewport.scale);
  return { rulings: collector.rulings, fills, imageBoxes: collector.imageBoxes, obliqueSegments: collector.oblique };
}

function initialState(ctm: Matrix, clip: PixelBox): GraphicsState {
  return {
    ctm,
    clip: { ...clip },
    lineWidth: 1,
    fillVisible: true,
    strokeVisible: true,
    fillColor: '#000000',
    fillAlpha: 1,
    strokeAlpha: 1,
    strokeWhite: false,
  };
}

function walkOperators(fnArray: number[], argsArray: unknown[][], base: Matrix, page: PixelBox, collector: Collector): void {
  const walk = new OperatorWalk(initialState(base, page));
  // Soft-mask groups draw a mask, not page content: skip everything inside them.
  let maskDepth = 0;
  const groupIsMask: boolean[] = [];
  const visibleFill = (): boolean => walk.state.fillVisible && walk.state.fillAlpha > 0 && !isWhite(walk.state.fillColor);
  const visibleStroke = (): boolean => walk.state.strokeVisible && walk.state.strokeAlpha > 0 && !walk.state.strokeWhite;

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (walk.follow(fn, args)) continue;
    const state = walk.state;
    switch (fn) {
      case OPS.beginGroup: {
        const isMask = Boolean((args[0] as { smask?: unknown } | undefined)?.smask);
        groupIsMask.push(isMask);
        if (isMask) maskDepth++;
        walk.save();
        break;
      }
      case OPS.endGroup:
        if (groupIsMask.pop()) maskDepth--;
        walk.restore();
        break;
      case OPS.beginAnnotation: {
        // An annotation's appearance: drawn from the page's base transform with a fresh state.
        walk.save();
        const transform = args[2] as number[];
        const matrix = args[3] as number[];
        walk.state = initialState(multiply(multiply(base, transform), matrix), page);
        break;
      }
      case OPS.endAnnotation:
        walk.restore();
        break;
      case OPS.setLineWidth:
        state.lineWidth = args[0] as number;
        break;
      case OPS.setGState:
        for (const [key, value] of args[0] as [string, unknown][]) {
          if (key === 'LW') state.lineWidth = value as number;
          else if (key === 'ca') state.fillAlpha = value as number;
          else if (key === 'CA') state.strokeAlpha = value as number;
        }
        break;
      case OPS.setFillRGBColor:
        state.fillColor = String(args[0]);
        state.fillVisible = true;
        break;
      case OPS.setStrokeRGBColor:
        state.strokeWhite = isWhite(String(args[0]));
        state.strokeVisible = true;
        break;
      case OPS.setFillColorN:
      case OPS.setFillColor:
        // a pattern (shading or tiling) or an unconverted colour: visible, colour unknown
        state.fillColor = 'pattern';
        state.fillVisible = true;
        break;
      case OPS.setStrokeColorN:
      case OPS.setStrokeColor:
        state.strokeWhite = false;
        state.strokeVisible = true;
        break;
      case OPS.setFillTransparent:
        state.fillVisible = false;
        break;
      case OPS.setStrokeTransparent:
        state.strokeVisible = false;
        break;
      case OPS.constructPath: {
        if (maskDepth > 0) break;
        const paintOp = args[0] as number;
        const data = (args[1] as (Float32Array | null)[] | undefined)?.[0];
        if (walk.pendingClip) {
          walk.pendingClip = false;
          // a clip that is no rectangle is not followed: the clip box stays as it was
          walk.clipToPath(data);
        }
        if (!data || data.length === 0) break;
        const stroke = (STROKE_OPS.has(paintOp) || FILL_STROKE_OPS.has(paintOp)) && visibleStroke();
        const fill = (FILL_OPS.has(paintOp) || FILL_STROKE_OPS.has(paintOp)) && visibleFill();
        if (!stroke && !fill) break; // endPath (clipping), or invisible
        const m = state.ctm;
        const { subs, chords } = readSubpaths(data, m);
        if (fill) fillSubpaths(subs, EVEN_ODD_OPS.has(paintOp), state.fillColor, state.clip, collector);
        if (stroke) {
          const thickness = state.lineWidth * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
          for (const sub of subs) strokeSubpath(sub, thickness, state.clip, collector);
        }
        for (let k = 0; k < chords.length; k += 4) collector.addOblique(chords[k], chords[k + 1], chords[k + 2], chords[k + 3]);
        break;
      }
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintSolidColorImageMask:
        if (maskDepth === 0) collector.addImage(state.ctm, state.clip);
        break;
      case OPS.paintImageXObjectRepeat: {
        if (maskDepth > 0) break;
        const [, scaleX, scaleY, positions] = args as [unknown, number, number, Float32Array];
        for (let k = 0; k + 1 < positions.length; k += 2) {
          collector.addImage(multiply(state.ctm, [scaleX, 0, 0, scaleY, positions[k], positions[k + 1]]), state.clip);
        }
        break;
      }
      case OPS.paintImageMaskXObjectRepeat: {
        if (maskDepth > 0) break;
        const [, scaleX, skewX, skewY, scaleY, positions] = args as [unknown, number, number, number, number, Float32Array];
        for (let k = 0; k + 1 < positions.length; k += 2) {
          collector.addImage(multiply(state.ctm, [scaleX, skewX, skewY, scaleY, positions[k], positions[k + 1]]), state.clip);
        }
        break;
      }
      case OPS.paintImageMaskXObjectGroup: {
        if (maskDepth > 0) break;
        for (const image of args[0] as { transform: number[] }[]) collector.addImage(multiply(state.ctm, image.transform), state.clip);
        break;
      }
      case OPS.paintInlineImageXObjectGroup: {
        if (maskDepth > 0) break;
        for (const entry of args[1] as { transform: number[] }[]) collector.addImage(multiply(state.ctm, entry.transform), state.clip);
        break;
      }
      default:
        break;
    }
  }
}
