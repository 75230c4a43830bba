// Dev-only: a PNG of a rendered page with its vector graphics and grids drawn over it:
// rulings red, fills yellow, image boxes green, grid cells blue.
import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import type { VectorGraphics } from '../src/pdf/read-vector-graphics.js';
import type { CellGrid, PageImage } from '../src/types.js';

export function writeOverlay(file: string, image: PageImage, graphics: VectorGraphics, grids: CellGrid[]): void {
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  const data = ctx.createImageData(image.width, image.height);
  for (let i = 0; i < image.gray.length; i++) {
    const v = 128 + (image.gray[i] >> 1); // faded page
    data.data[4 * i] = data.data[4 * i + 1] = data.data[4 * i + 2] = v;
    data.data[4 * i + 3] = 255;
  }
  ctx.putImageData(data, 0, 0);
  ctx.globalAlpha = 0.35;
  ctx.fillStyle = '#ffd000';
  for (const f of graphics.fills) ctx.fillRect(f.left, f.top, f.right - f.left, f.bottom - f.top);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = '#00b000';
  ctx.lineWidth = 3;
  for (const b of graphics.imageBoxes) ctx.strokeRect(b.left, b.top, b.right - b.left, b.bottom - b.top);
  ctx.fillStyle = '#ff0000';
  ctx.globalAlpha = 0.7;
  for (const r of graphics.rulings) {
    const t = Math.max(2, r.thickness);
    if (r.orientation === 'horizontal') ctx.fillRect(r.start, r.position - t / 2, r.end - r.start, t);
    else ctx.fillRect(r.position - t / 2, r.start, t, r.end - r.start);
  }
  ctx.globalAlpha = 1;
  ctx.strokeStyle = '#0050ff';
  ctx.lineWidth = 2;
  for (const g of grids) {
    for (const c of g.cells) ctx.strokeRect(c.box.left + 4, c.box.top + 4, c.box.right - c.box.left - 8, c.box.bottom - c.box.top - 8);
  }
  writeFileSync(file, canvas.toBuffer('image/png'));
}
