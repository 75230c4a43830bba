// --debug-dir: pictures of what the pipeline saw, the view a developer needs to see why a table
// came out wrong. Rulings red, table boxes thick blue, cells thin blue, words green.
import { writeFile } from 'node:fs/promises';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { CellGrid, PixelBox, Ruling, Word } from '../types.js';

export interface OverlayContent {
  rulings: Ruling[];
  grids: CellGrid[];
  words: Word[];
  /** Extra boxes (e.g. the cells of an OCR crop), drawn like cells. */
  cellBoxes?: PixelBox[];
}

const RULING_COLOUR = 'rgba(230, 0, 0, 0.8)';
const TABLE_COLOUR = 'rgba(0, 70, 255, 0.9)';
const CELL_COLOUR = 'rgba(0, 120, 255, 0.7)';
const WORD_COLOUR = 'rgba(0, 170, 0, 0.85)';

function strokeBox(context: SKRSContext2D, box: PixelBox, colour: string, lineWidth: number): void {
  context.strokeStyle = colour;
  context.lineWidth = lineWidth;
  context.strokeRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
}

/** Draws `content` over a gray image and writes it as a PNG. */
export async function writeOverlayPng(file: string, width: number, height: number, gray: Uint8Array, content: OverlayContent): Promise<void> {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const pixels = context.createImageData(width, height);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    pixels.data[j] = pixels.data[j + 1] = pixels.data[j + 2] = gray[i];
    pixels.data[j + 3] = 255;
  }
  context.putImageData(pixels, 0, 0);
  const scale = Math.max(1, Math.round(Math.max(width, height) / 1500));
  for (const ruling of content.rulings) {
    context.strokeStyle = RULING_COLOUR;
    context.lineWidth = Math.max(ruling.thickness, 2 * scale);
    context.beginPath();
    if (ruling.orientation === 'horizontal') {
      context.moveTo(ruling.start, ruling.position);
      context.lineTo(ruling.end, ruling.position);
    } else {
      context.moveTo(ruling.position, ruling.start);
      context.lineTo(ruling.position, ruling.end);
    }
    context.stroke();
  }
  for (const grid of content.grids) {
    for (const cell of grid.cells) strokeBox(context, cell.box, CELL_COLOUR, scale);
    strokeBox(context, grid.box, TABLE_COLOUR, 3 * scale);
  }
  for (const box of content.cellBoxes ?? []) strokeBox(context, box, CELL_COLOUR, scale);
  for (const word of content.words) strokeBox(context, word.box, WORD_COLOUR, scale);
  await writeFile(file, await canvas.encode('png'));
}
