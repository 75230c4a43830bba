import { loadPageGray } from './render-page.ts';
import { measureOrientationGeometry } from '../src/ocr/detect-orientation.ts';
const img = await loadPageGray('../shared/corpus/cases/scan200-icdar-eu-011-p3/input.pdf', 1, 300);
for (let i=0;i<60;i++){ const t=performance.now(); measureOrientationGeometry(img); console.log((performance.now()-t).toFixed(1)); }
