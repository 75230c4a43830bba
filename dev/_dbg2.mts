import { makeTextPdf, renderPdfGray, TWO_TABLES_PAGE } from '../fixtures/lib/index.ts';
import { measureOrientationGeometry } from '../src/ocr/detect-orientation.ts';
import { createCanvas } from '@napi-rs/canvas';
import { writeFileSync } from 'node:fs';
const dpi = 300;
const [b] = await renderPdfGray(await makeTextPdf([TWO_TABLES_PAGE]), dpi);
console.log(JSON.stringify(measureOrientationGeometry({pageNumber:1,dpi,...b})));
// crop of the page at 100 dpi for viewing
const f=3, x0=60, y0=20, w=560, h=420; const cv=createCanvas(w*2,h*2); const ctx=cv.getContext('2d'); const id=ctx.createImageData(w*2,h*2);
for(let y=0;y<h*2;y++)for(let x=0;x<w*2;x++){ let s=0; const sy=(y0+(y>>1))*f, sx=(x0+(x>>1))*f; for(let j=0;j<f;j++)for(let i=0;i<f;i++) s+=b.gray[(sy+j)*b.width+sx+i]; const v=s/9; const o=(y*w*2+x)*4; id.data[o]=id.data[o+1]=id.data[o+2]=v; id.data[o+3]=255;}
ctx.putImageData(id,0,0); writeFileSync('/tmp/orient/two-tables-100dpi.png', cv.toBuffer('image/png'));
