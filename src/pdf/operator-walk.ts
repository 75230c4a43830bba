// The graphics state along a pdf.js operator list, as both readers of operator lists (vector
// graphics, image-only painting) follow it: saved states, the CTM, form XObjects and clips.
import { OPS } from './pdfjs.js';
import type { PixelBox } from '../types.js';
import { intersectBoxes, multiply, type Matrix } from './device-geometry.js';
import { pathRectangle } from './path-shapes.js';

/** The part of a graphics state every reader keeps; each adds its own fields. */
export interface WalkedState {
  ctm: Matrix;
  /** The clipping rectangle in device pixels (rectangular clip paths only). */
  clip: PixelBox;
}

/**
 * Follows the operators that change only the CTM, the stack of saved states and the clip; the
 * reader looping over the operator list handles the rest and may add its own state fields.
 */
export class OperatorWalk<State extends WalkedState> {
  /** A clip operator applies to the path that the next constructPath (usually endPath) builds. */
  pendingClip = false;
  private readonly saved: State[] = [];

  constructor(public state: State) {}

  save(): void {
    this.saved.push({ ...this.state });
  }

  /** Back to the last saved state; an unmatched restore keeps the current one. */
  restore(): void {
    this.state = this.saved.pop() ?? this.state;
  }

  /** Follows `fn` when it is one of the operators this walk handles; returns false for any other. */
  follow(fn: number, args: unknown[]): boolean {
    switch (fn) {
      case OPS.save:
        this.save();
        return true;
      case OPS.restore:
        this.restore();
        return true;
      case OPS.transform:
        this.state.ctm = multiply(this.state.ctm, args as number[]);
        return true;
      case OPS.paintFormXObjectBegin: {
        // A form XObject draws in a saved state, under its own matrix.
        this.save();
        const matrix = args[0] as ArrayLike<number> | null;
        if (matrix && matrix.length === 6) this.state.ctm = multiply(this.state.ctm, Array.from(matrix));
        return true;
      }
      case OPS.paintFormXObjectEnd:
        this.restore();
        return true;
      case OPS.clip:
      case OPS.eoClip:
        this.pendingClip = true;
        return true;
      default:
        return false;
    }
  }

  /**
   * Narrows the clip to the path's rectangle under the CTM. Returns false, leaving the clip as it
   * is, when there is no path or it is not one axis-aligned rectangle (a clip to text or a curve).
   */
  clipToPath(data: Float32Array | null | undefined): boolean {
    const box = data ? pathRectangle(data, this.state.ctm) : null;
    if (!box) return false;
    this.state.clip = intersectBoxes(this.state.clip, box);
    return true;
  }
}
