// Dev-only: cut a region out of a PNG and enlarge it, to inspect overlays/crops pixel by pixel.
//   node --import tsx dev/zoom-png.ts in.png out.png left top width height [scale]
import { readFileSync, writeFileSync } from 'node:fs';
import { createCanvas, loadImage } from '@napi-rs/canvas';
const [input, output, l, t, w, h, s] = process.argv.slice(2);
const image = await loadImage(readFileSync(input));
const scale = Number(s ?? 3);
const canvas = createCanvas(Number(w) * scale, Number(h) * scale);
const ctx = canvas.getContext('2d');
ctx.imageSmoothingEnabled = false;
ctx.drawImage(image, Number(l), Number(t), Number(w), Number(h), 0, 0, Number(w) * scale, Number(h) * scale);
writeFileSync(output, canvas.toBuffer('image/png'));
