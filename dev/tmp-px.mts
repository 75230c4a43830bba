import { readFileSync } from 'node:fs';
import { loadImage, createCanvas } from '@napi-rs/canvas';
const img = await loadImage(readFileSync('/tmp/crop-p1-t1.png'));
const c = createCanvas(img.width, img.height); const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
const d = ctx.getImageData(0, 0, img.width, img.height).data;
const x0 = Number(process.argv[2]), y0 = Number(process.argv[3]);
for (let y = y0; y < y0 + 12; y++) { let s = ''; for (let x = x0; x < x0 + 24; x += 2) s += String(d[4 * (y * img.width + x)]).padStart(4); console.log(y, s); }
