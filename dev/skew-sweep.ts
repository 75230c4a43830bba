// Dev-only: rotate corpus pages by extra angles and check the detector still finds the same grids.
//   node --import tsx dev/skew-sweep.ts [dpi]
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadPageGray } from './render-page.js';
import { detectTables } from '../src/detect/detect-tables.js';
import { rotateGray } from '../src/image/rotate-gray.js';

const dpi = Number(process.argv[2] ?? 200);
const cases: [string, number][] = [
  ['scan200-camelot-twotables_2', 1], ['scan200-icdar-us-012-p1', 1], ['img2table-merged-cells', 1],
  ['camelot-column_span_2', 1], ['tabula-twotables', 1], ['scan300-icdar-us-003-p1', 1],
];
for (const [id, p] of cases) {
  const image = await loadPageGray(path.join('/work/shared/corpus/cases', id, 'input.pdf'), p, dpi);
  const out: string[] = [];
  for (const extra of [-2, -1, 0.3, 1.2, 2]) {
    const rotated = { ...image, gray: rotateGray(image, extra) };
    const t0 = performance.now();
    const det = detectTables(rotated);
    const ms = performance.now() - t0;
    const shapes = det.grids.map((g) => `${g.rowEdges.length - 1}x${g.columnEdges.length - 1}/${g.cells.length}`).join(',');
    out.push(`${extra}°→skew ${det.skewDegrees.toFixed(2)} [${shapes}] ${ms.toFixed(0)}ms`);
  }
  console.log(id, '\n   ', out.join('\n    '));
}
