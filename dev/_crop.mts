import { loadPageGray } from './render-page.ts';
import { createCanvas } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
const [id, page, dpi, x0s, y0s, ws, hs, out] = process.argv.slice(2);
const b = await loadPageGray(`../shared/corpus/cases/${id}/input.pdf`, Number(page), Number(dpi));
const f = 3, z = 6; const x0 = +x0s, y0 = +y0s, w = +ws, h = +hs;
const cv = createCanvas(w*z, h*z); const ctx = cv.getContext('2d'); const im = ctx.createImageData(w*z, h*z);
for (let y=0;y<h*z;y++) for (let x=0;x<w*z;x++){ const sy=(y0+Math.floor(y/z))*f, sx=(x0+Math.floor(x/z))*f; let s=0; for(let j=0;j<f;j++)for(let i=0;i<f;i++) s+=b.gray[(sy+j)*b.width+sx+i]; const o=(y*w*z+x)*4; im.data[o]=im.data[o+1]=im.data[o+2]=s/9; im.data[o+3]=255; }
ctx.putImageData(im,0,0); writeFileSync(out, cv.toBuffer('image/png'));
