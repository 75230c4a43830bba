import { loadPageGray } from './render-page.ts';
import { otsuThreshold } from '../src/image/otsu-threshold.ts';
const img = await loadPageGray('../shared/corpus/cases/scan200-icdar-eu-011-p3/input.pdf', 1, 300);
function sum(g: Uint8Array) { let s = 0; for (let i = 0; i < g.length; i++) s += g[i]; return s; }
for (let r = 0; r < 10; r++) { let t = performance.now(); sum(img.gray); const a = performance.now() - t; t = performance.now(); otsuThreshold(img.gray); const b = performance.now() - t; console.log(a.toFixed(1), b.toFixed(1)); }
