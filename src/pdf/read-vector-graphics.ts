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
  const groups = new GroupNesting();
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (walk.follow(fn, args)) continue;
    if (followGroupOrAnnotation(fn, args, walk, groups, base, page)) continue;
    if (setPaintState(fn, args, walk.state)) continue;
    // Soft-mask groups draw a mask, not page content: nothing inside them is painted.
    if (groups.inMask) continue;
    if (fn === OPS.constructPath) paintPath(args, walk, collector);
    else addImageBoxes(fn, args, walk.state, collector);
  }
}

/** The transparency groups open along the walk, and how many of them are soft masks. */
class GroupNesting {
  private readonly isMask: boolean[] = [];
  private maskDepth = 0;

  get inMask(): boolean {
    return this.maskDepth > 0;
  }

  begin(isMask: boolean): void {
    this.isMask.push(isMask);
    if (isMask) this.maskDepth++;
  }

  end(): void {
    if (this.isMask.pop()) this.maskDepth--;
  }
}

/** Follows a group's or an annotation's begin or end; returns false for any other operator. */
function followGroupOrAnnotation(fn: number, args: unknown[], walk: OperatorWalk<GraphicsState>, groups: GroupNesting, base: Matrix, page: PixelBox): boolean {
  switch (fn) {
    case OPS.beginGroup:
      groups.begin(Boolean((args[0] as { smask?: unknown } | undefined)?.smask));
      walk.save();
      return true;
    case OPS.endGroup:
      groups.end();
      walk.restore();
      return true;
    case OPS.beginAnnotation: {
      // An annotation's appearance: drawn from the page's base transform with a fresh state.
      walk.save();
      const transform = args[2] as number[];
      const matrix = args[3] as number[];
      walk.state = initialState(multiply(multiply(base, transform), matrix), page);
      return true;
    }
    case OPS.endAnnotation:
      walk.restore();
      return true;
    default:
      return false;
  }
}

/** Follows an operator that sets the line width, a colour or a transparency; returns false for any other. */
function setPaintState(fn: number, args: unknown[], state: GraphicsState): boolean {
  switch (fn) {
    case OPS.setLineWidth:
      state.lineWidth = args[0] as number;
      return true;
    case OPS.setGState:
      for (const [key, value] of args[0] as [string, unknown][]) {
        if (key === 'LW') state.lineWidth = value as number;
        else if (key === 'ca') state.fillAlpha = value as number;
        else if (key === 'CA') state.strokeAlpha = value as number;
      }
      return true;
    case OPS.setFillRGBColor:
      state.fillColor = String(args[0]);
      state.fillVisible = true;
      return true;
    case OPS.setStrokeRGBColor:
      state.strokeWhite = isWhite(String(args[0]));
      state.strokeVisible = true;
      return true;
    case OPS.setFillColorN:
    case OPS.setFillColor:
      // a pattern (shading or tiling) or an unconverted colour: visible, colour unknown
      state.fillColor = 'pattern';
      state.fillVisible = true;
      return true;
    case OPS.setStrokeColorN:
    case OPS.setStrokeColor:
      state.strokeWhite = false;
      state.strokeVisible = true;
      return true;
    case OPS.setFillTransparent:
      state.fillVisible = false;
      return true;
    case OPS.setStrokeTransparent:
      state.strokeVisible = false;
      return true;
    default:
      return false;
  }
}

/** A constructPath operator: its path narrows a pending clip, and its visible fills and strokes are collected. */
function paintPath(args: unknown[], walk: OperatorWalk<GraphicsState>, collector: Collector): void {
  const paintOp = args[0] as number;
  const data = (args[1] as (Float32Array | null)[] | undefined)?.[0];
  if (walk.pendingClip) {
    walk.pendingClip = false;
    // a clip that is no rectangle is not followed: the clip box stays as it was
    walk.clipToPath(data);
  }
  if (!data || data.length === 0) return;
  const state = walk.state;
  const stroke = (STROKE_OPS.has(paintOp) || FILL_STROKE_OPS.has(paintOp)) && visibleStroke(state);
  const fill = (FILL_OPS.has(paintOp) || FILL_STROKE_OPS.has(paintOp)) && visibleFill(state);
  if (!stroke && !fill) return; // endPath (clipping), or invisible
  const m = state.ctm;
  const { subs, chords } = readSubpaths(data, m);
  if (fill) fillSubpaths(subs, EVEN_ODD_OPS.has(paintOp), state.fillColor, state.clip, collector);
  if (stroke) {
    const thickness = state.lineWidth * Math.sqrt(Math.abs(m[0] * m[3] - m[1] * m[2]));
    for (const sub of subs) strokeSubpath(sub, thickness, state.clip, collector);
  }
  for (let k = 0; k < chords.length; k += 4) collector.addOblique(chords[k], chords[k + 1], chords[k + 2], chords[k + 3]);
}

function visibleFill(state: GraphicsState): boolean {
  return state.fillVisible && state.fillAlpha > 0 && !isWhite(state.fillColor);
}

function visibleStroke(state: GraphicsState): boolean {
  return state.strokeVisible && state.strokeAlpha > 0 && !state.strokeWhite;
}

/** The boxes of the images an image-painting operator draws (any other operator adds none). */
function addImageBoxes(fn: number, args: unknown[], state: GraphicsState, collector: Collector): void {
  switch (fn) {
    case OPS.paintImageXObject:
    case OPS.paintInlineImageXObject:
    case OPS.paintImageMaskXObject:
    case OPS.paintSolidColorImageMask:
      collector.addImage(state.ctm, state.clip);
      break;
    case OPS.paintImageXObjectRepeat: {
      const [, scaleX, scaleY, positions] = args as [unknown, number, number, Float32Array];
      for (let k = 0; k + 1 < positions.length; k += 2) {
        collector.addImage(multiply(state.ctm, [scaleX, 0, 0, scaleY, positions[k], positions[k + 1]]), state.clip);
      }
      break;
    }
    case OPS.paintImageMaskXObjectRepeat: {
      const [, scaleX, skewX, skewY, scaleY, positions] = args as [unknown, number, number, number, number, Float32Array];
      for (let k = 0; k + 1 < positions.length; k += 2) {
        collector.addImage(multiply(state.ctm, [scaleX, skewX, skewY, scaleY, positions[k], positions[k + 1]]), state.clip);
      }
      break;
    }
    case OPS.paintImageMaskXObjectGroup:
      for (const image of args[0] as { transform: number[] }[]) collector.addImage(multiply(state.ctm, image.transform), state.clip);
      break;
    case OPS.paintInlineImageXObjectGroup:
      for (const entry of args[1] as { transform: number[] }[]) collector.addImage(multiply(state.ctm, entry.transform), state.clip);
      break;
    default:
      break;
  }
}
