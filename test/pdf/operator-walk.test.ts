import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PDFDocument, concatTransformationMatrix, fill, popGraphicsState, pushGraphicsState, rectangle } from 'pdf-lib';
import { openPdf } from '../../src/pdf/open-pdf.ts';
import { OperatorWalk, type WalkedState } from '../../src/pdf/operator-walk.ts';
import { OPS } from '../../src/pdf/pdfjs.ts';
import type { Matrix } from '../../src/pdf/device-geometry.ts';

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const PAGE = { left: 0, top: 0, right: 400, bottom: 300 };

/** A rectangle as pdf.js path data (DrawOPS: 0 moveTo, 1 lineTo, 4 closePath). */
function rectanglePath(x: number, y: number, width: number, height: number): Float32Array {
  return Float32Array.from([0, x, y, 1, x + width, y, 1, x + width, y + height, 1, x, y + height, 4]);
}

/** Follows each operator in turn; throws on one the walk does not handle. */
function followAll<State extends WalkedState>(walk: OperatorWalk<State>, ops: [number, unknown[]][]): void {
  for (const [fn, args] of ops) assert.ok(walk.follow(fn, args), `operator ${fn} not followed`);
}

describe('OperatorWalk', () => {
  it('composes transforms through nested save/restore, and keeps its state on an unmatched restore', () => {
    const walk = new OperatorWalk({ ctm: IDENTITY, clip: PAGE, tag: 'page' });
    followAll(walk, [
      [OPS.save, []],
      [OPS.transform, [2, 0, 0, 2, 10, 0]],
      [OPS.save, []],
      [OPS.transform, [1, 0, 0, 1, 5, 5]],
    ]);
    // the inner translation is applied first, then the outer scale
    assert.deepEqual(walk.state.ctm, [2, 0, 0, 2, 20, 10]);
    walk.state.tag = 'inner'; // a reader's own field is saved and restored with the rest
    followAll(walk, [[OPS.restore, []]]);
    assert.deepEqual(walk.state, { ctm: [2, 0, 0, 2, 10, 0], clip: PAGE, tag: 'page' });
    followAll(walk, [[OPS.restore, []]]);
    assert.deepEqual(walk.state.ctm, IDENTITY);
    followAll(walk, [[OPS.restore, []]]);
    assert.deepEqual(walk.state, { ctm: IDENTITY, clip: PAGE, tag: 'page' });
  });

  it('draws a form XObject under its matrix in a saved state', () => {
    const walk = new OperatorWalk({ ctm: [1, 0, 0, -1, 0, 300] as Matrix, clip: PAGE });
    followAll(walk, [[OPS.paintFormXObjectBegin, [Float32Array.from([0.5, 0, 0, 0.5, 100, 100]), [0, 0, 200, 100]]]]);
    assert.deepEqual(walk.state.ctm, [0.5, 0, 0, -0.5, 100, 200]);
    // a form without a matrix keeps the CTM
    followAll(walk, [[OPS.paintFormXObjectBegin, [null, null]]]);
    assert.deepEqual(walk.state.ctm, [0.5, 0, 0, -0.5, 100, 200]);
    followAll(walk, [[OPS.paintFormXObjectEnd, []], [OPS.paintFormXObjectEnd, []]]);
    assert.deepEqual(walk.state.ctm, [1, 0, 0, -1, 0, 300]);
  });

  it('marks a clip pending and narrows the clip to a rectangle under the CTM until restored', () => {
    const walk = new OperatorWalk({ ctm: [2, 0, 0, 2, 0, 0] as Matrix, clip: PAGE });
    followAll(walk, [[OPS.save, []], [OPS.eoClip, []]]);
    assert.equal(walk.pendingClip, true);
    assert.equal(walk.clipToPath(rectanglePath(10, 20, 30, 40)), true);
    assert.deepEqual(walk.state.clip, { left: 20, top: 40, right: 80, bottom: 120 });
    // a triangle, or no path at all, leaves the clip as it is
    assert.equal(walk.clipToPath(Float32Array.from([0, 0, 0, 1, 100, 0, 1, 50, 80, 4])), false);
    assert.equal(walk.clipToPath(undefined), false);
    assert.deepEqual(walk.state.clip, { left: 20, top: 40, right: 80, bottom: 120 });
    followAll(walk, [[OPS.restore, []]]);
    assert.deepEqual(walk.state.clip, PAGE);
  });

  it('leaves every other operator to its reader', () => {
    const walk = new OperatorWalk({ ctm: IDENTITY, clip: PAGE });
    for (const fn of [OPS.constructPath, OPS.setLineWidth, OPS.beginGroup, OPS.paintImageXObject, OPS.setGState]) {
      assert.equal(walk.follow(fn, []), false);
    }
    assert.deepEqual(walk.state, { ctm: IDENTITY, clip: PAGE });
    assert.equal(walk.pendingClip, false);
  });

  it("follows nested q/cm/Q in pdf.js's operator list of a drawn page", async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([400, 300]).pushOperators(
      pushGraphicsState(),
      concatTransformationMatrix(1, 0, 0, 1, 100, 50),
      pushGraphicsState(),
      concatTransformationMatrix(2, 0, 0, 2, 0, 0),
      rectangle(0, 0, 10, 10),
      fill(),
      popGraphicsState(),
      rectangle(0, 0, 10, 10),
      fill(),
      popGraphicsState(),
      rectangle(0, 0, 10, 10),
      fill(),
    );
    const document = await openPdf(await pdf.save(), null, 'walk.pdf');
    try {
      const { fnArray, argsArray } = await (await document.getPage(1)).getOperatorList();
      const walk = new OperatorWalk({ ctm: IDENTITY, clip: PAGE });
      const ctmAtEachFill: Matrix[] = [];
      fnArray.forEach((fn, i) => {
        if (!walk.follow(fn, argsArray[i]) && fn === OPS.constructPath) ctmAtEachFill.push(walk.state.ctm);
      });
      assert.deepEqual(ctmAtEachFill, [[2, 0, 0, 2, 100, 50], [1, 0, 0, 1, 100, 50], IDENTITY]);
    } finally {
      await document.destroy();
    }
  });
});
