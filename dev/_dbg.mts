import { loadPageGray } from './render-page.ts';
import { measureOrientationGeometry } from '../src/ocr/detect-orientation.ts';
const [id, page, dpi] = process.argv.slice(2);
const img = await loadPageGray(`../shared/corpus/cases/${id}/input.pdf`, Number(page), Number(dpi));
console.log(JSON.stringify(measureOrientationGeometry(img)));
