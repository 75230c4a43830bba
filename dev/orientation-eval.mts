// Dev-only: how well detectOrientation restores pages turned by 0/90/180/270, and how long it takes.
//   node --import tsx dev/orientation-eval.mts [--corpus] [--synthetic] [--kinds scanned,scanned-derived,text]
//        [--dpi 300,200] [--no-ocr] [--geometry] [--verbose] [--skew degrees]
// Corpus pages are rendered through src/pdf (cached as PGM in /tmp by dev/render-page.ts);
// synthetic pages are the fixture specs rendered with pdfjs, with mild noise added.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { detectOrientation, measureOrientationGeometry } from '../src/ocr/detect-orientation.ts';
import { rotateQuarterTurns, type QuarterTurn } from '../src/image/rotate-quarter-turns.ts';
import { TesseractEngine } from '../src/ocr/tesseract-engine.ts';
import { rotateGray } from '../src/image/rotate-gray.ts';
import { resolveLanguageData } from '../src/ocr/language-data.ts';
import type { PageImage } from '../src/types.ts';
import { loadPageGray } from './render-page.ts';
import {
  makeTextPdf,
  renderPdfGray,
  mulberry32,
  TWO_TABLES_PAGE,
  MERGED_PAGE,
  PARAGRAPH_ONLY_PAGE,
  SIDE_BY_SIDE_PAGE,
  MULTI_PAGE_DOCUMENT,
  type PageSpec,
} from '../fixtures/lib/index.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dpis = option('--dpi', '300').split(',').map(Number);
const kinds = option('--kinds', 'scanned,scanned-derived').split(',');
const useOcr = !flag('--no-ocr');
const geometryOnly = flag('--geometry');
const verbose = flag('--verbose');
const doCorpus = flag('--corpus') || !flag('--synthetic');
const doSynthetic = flag('--synthetic');
const skew = Number(option('--skew', '0'));

interface Case {
  name: string;
  image: PageImage;
}

function addNoise(image: PageImage, sigma: number, seed: number): PageImage {
  const rand = mulberry32(seed);
  const gray = new Uint8Array(image.gray);
  for (let i = 0; i < gray.length; i++) {
    // sum of 3 uniforms ~ normal enough
    const n = (rand() + rand() + rand() - 1.5) * 2 * sigma;
    gray[i] = Math.max(0, Math.min(255, Math.round(gray[i] + n)));
  }
  return { ...image, gray };
}

async function syntheticCases(dpi: number): Promise<Case[]> {
  const specs: [string, PageSpec][] = [
    ['two-tables', TWO_TABLES_PAGE],
    ['merged', MERGED_PAGE],
    ['paragraph', PARAGRAPH_ONLY_PAGE],
    ['side-by-side', SIDE_BY_SIDE_PAGE],
    ['multi-3', MULTI_PAGE_DOCUMENT[2]],
  ];
  const cases: Case[] = [];
  for (const [name, spec] of specs) {
    const [bitmap] = await renderPdfGray(await makeTextPdf([spec]), dpi);
    cases.push({ name: `${name}@${dpi}`, image: { pageNumber: 1, dpi, ...bitmap } });
  }
  return cases;
}

async function corpusCases(dpi: number): Promise<Case[]> {
  const manifest = JSON.parse(readFileSync('../shared/corpus/manifest.json', 'utf8')) as { cases: { id: string; kind: string; pages: number[] }[] };
  const cases: Case[] = [];
  for (const c of manifest.cases) {
    if (!kinds.includes(c.kind)) continue;
    for (const page of c.pages) {
      const image = await loadPageGray(`../shared/corpus/cases/${c.id}/input.pdf`, page, dpi);
      cases.push({ name: `${c.id}-p${page}@${dpi}`, image });
    }
  }
  return cases;
}

const engine = useOcr && !geometryOnly ? await TesseractEngine.create(resolveLanguageData(['eng'], null), 60000) : null;
// count the OCR calls and their time
let ocrCalls = 0;
let ocrMs = 0;
if (engine) {
  const recognize = engine.recognize.bind(engine);
  engine.recognize = async (width, height, gray) => {
    const start = performance.now();
    try {
      return await recognize(width, height, gray);
    } finally {
      ocrCalls++;
      ocrMs += performance.now() - start;
    }
  };
}
let warmedUp = false;
let total = 0;
let correct = 0;
const timings: Record<string, number[]> = {};
const failures: string[] = [];
try {
  for (const dpi of dpis) {
    const cases = [...(doSynthetic ? await syntheticCases(dpi) : []), ...(doCorpus ? await corpusCases(dpi) : [])];
    if (!warmedUp && cases.length > 0) {
      // the first calls pay for V8's compilation; a pool thread pays that once
      for (let i = 0; i < 5; i++) measureOrientationGeometry(rotateQuarterTurns(cases[0].image, ((i % 4) * 90) as QuarterTurn));
      warmedUp = true;
    }
    for (const [n, c] of cases.entries()) {
      let noisy = c.name.includes('@') && doSynthetic && !c.name.includes('-p') ? addNoise(c.image, 6, 1000 + n) : c.image;
      if (skew !== 0) noisy = { ...noisy, gray: rotateGray(noisy, skew) };
      for (const turn of [0, 90, 180, 270] as QuarterTurn[]) {
        const input = rotateQuarterTurns(noisy, turn);
        const want = ((360 - turn) % 360) as QuarterTurn;
        const start = performance.now();
        if (geometryOnly) {
          const g = measureOrientationGeometry(input);
          const ms = performance.now() - start;
          const ok = g.guess === want;
          total++;
          if (ok) correct++;
          console.log(
            `${ok ? 'ok ' : 'BAD'} ${c.name} turned ${turn}: guess ${g.guess}${g.sure ? ' sure' : ' unsure'} axis ${g.axis} votes ${g.votes.horizontal}/${g.votes.vertical} glyphs ${g.glyphCount} ` +
              g.frames.map((f) => `[f${f.turn} up ${f.up} down ${f.down} lines ${f.lines} conf ${f.confidence.toFixed(1)}]`).join(' ') +
              ` ${ms.toFixed(1)} ms`,
          );
          continue;
        }
        const callsBefore = ocrCalls;
        const decision = await detectOrientation(input, engine);
        const ms = performance.now() - start;
        const calls = ocrCalls - callsBefore;
        const ok = decision.clockwiseDegrees === want;
        total++;
        if (ok) correct++;
        else failures.push(`${c.name} turned ${turn}: got ${decision.clockwiseDegrees} (${decision.reason})`);
        const path = calls === 0 ? 'geometry only' : `${calls} OCR calls`;
        (timings[`${path}${turn === 0 ? ', upright input' : ', turned input'}`] ??= []).push(ms);
        console.log(`${ok ? 'ok ' : 'BAD'} ${c.name} turned ${turn}: ${decision.clockwiseDegrees} in ${ms.toFixed(0)} ms, ${calls} OCR calls${verbose ? ` — ${decision.reason}` : ''}`);
      }
    }
  }
} finally {
  await engine?.terminate();
}
console.log(`\n${correct}/${total} restored`);
if (ocrCalls > 0) console.log(`OCR: ${ocrCalls} calls, ${(ocrMs / ocrCalls).toFixed(0)} ms each on average`);
for (const [path, ms] of Object.entries(timings)) {
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(`${path}: ${ms.length} pages, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`);
}
for (const f of failures) console.log(`FAIL ${f}`);
