import { writeFileSync } from 'node:fs';
import { createCanvas } from '@napi-rs/canvas';
import { loadPageGray } from './render-page.ts';
const m = JSON.parse((await import('node:fs')).readFileSync('/work/shared/corpus/manifest.json','utf8'));
for (const c of m.cases) {
  for (const p of c.pages) {
    const img = await loadPageGray(`/work/shared/corpus/cases/${c.id}/input.pdf`, p, 300);
    console.log(c.id, c.kind, p, img.width, img.height);
    const s = 0.33; const w = Math.round(img.width*s), h = Math.round(img.height*s);
    const cv = createCanvas(w,h); const ctx = cv.getContext('2d'); const id = ctx.createImageData(w,h);
    for (let y=0;y<h;y++) for (let x=0;x<w;x++){ const v = img.gray[Math.floor(y/s)*img.width+Math.floor(x/s)]; const o=(y*w+x)*4; id.data[o]=id.data[o+1]=id.data[o+2]=v; id.data[o+3]=255;}
    ctx.putImageData(id,0,0); writeFileSync(`/tmp/orient/${c.id}-p${p}.png`, cv.toBuffer('image/png'));
  }
}
