import { loadPageGray } from './render-page.ts';
const img = await loadPageGray('../shared/corpus/cases/scan200-icdar-eu-011-p3/input.pdf', 1, 300);
function downscale(image: any, factor: number) {
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const out = new Uint8Array(width * height);
  const sums = new Uint32Array(width);
  const area = factor * factor;
  const src = image.gray;
  const stride = image.width;
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let k = 0; k < factor; k++) {
      let i = (y * factor + k) * stride;
      for (let x = 0; x < width; x++) {
        let s = 0;
        for (let j = 0; j < factor; j++) s += src[i++];
        sums[x] += s;
      }
    }
    const o = y * width;
    for (let x = 0; x < width; x++) out[o + x] = (sums[x] + (area >> 1)) / area;
  }
  return { width, height, gray: out };
}
function down3(image: any) {
  const width = Math.floor(image.width / 3), height = Math.floor(image.height / 3);
  const out = new Uint8Array(width * height); const src = image.gray as Uint8Array; const W = image.width;
  for (let y = 0; y < height; y++) {
    let a = y * 3 * W, b = a + W, c = b + W; const o = y * width;
    for (let x = 0; x < width; x++, a += 3, b += 3, c += 3) {
      const s = src[a] + src[a+1] + src[a+2] + src[b] + src[b+1] + src[b+2] + src[c] + src[c+1] + src[c+2];
      out[o + x] = (s * 7282) >> 16; // /9
    }
  }
  return { width, height, gray: out };
}
for (let r=0;r<10;r++){ let t=performance.now(); const s=downscale(img,3); const a=performance.now()-t; t=performance.now(); const s2=down3(img); const b=performance.now()-t;
 t=performance.now(); const h=new Uint32Array(256); for(let i=0;i<s.gray.length;i++) h[s.gray[i]]++; const c=performance.now()-t; console.log(a.toFixed(1),b.toFixed(1),c.toFixed(1)); }
