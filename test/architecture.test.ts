// The layout ARCHITECTURE.md describes, checked against the code: the folders' allowed imports
// (read from its table), no import cycle, no file in src/ over 500 lines, and no script outside
// src/ and test/ that reaches into src/ internals.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from './e2e/cli-helpers.ts';
import { functionLengths } from './support/function-lengths.ts';

const SRC = path.join(projectRoot, 'src');
const MAX_LINES = 500;
/** Longest function in src/, and in src/pipeline/ (the flows, which should read as lists of steps). */
const MAX_FUNCTION_LINES = 100;
const MAX_PIPELINE_FUNCTION_LINES = 60;

interface Import {
  /** The imported file, relative to src/ (`.ts`). */
  target: string;
  typeOnly: boolean;
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => pattern.test(file) && !file.includes('node_modules') && statSync(file).isFile());
}

/** Relative imports of a file: static (type or value), re-exports and dynamic import(). */
function importsIn(text: string): { specifier: string; typeOnly: boolean }[] {
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: match[3], typeOnly: match[2] !== undefined });
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ specifier: match[1], typeOnly: false });
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: match[1], typeOnly: false });
  return found.filter(({ specifier }) => specifier.startsWith('.'));
}

const importsOf = (file: string) => importsIn(readFileSync(file, 'utf8'));

function srcImports(): Map<string, Import[]> {
  const graph = new Map<string, Import[]>();
  for (const file of filesUnder(SRC, /\.ts$/)) {
    const imports = importsOf(file).map(({ specifier, typeOnly }) => ({
      target: path.relative(SRC, path.resolve(path.dirname(file), specifier)).replace(/\.js$/, '.ts'),
      typeOnly,
    }));
    graph.set(path.relative(SRC, file), imports);
  }
  return graph;
}

/** `detect/` for src/detect/x.ts, `types.ts` for src/types.ts. */
const unitOf = (file: string) => (file.includes(path.sep) ? `${file.split(path.sep)[0]}/` : file);

/** ARCHITECTURE.md's table: unit → the units it may import. */
function allowedImports(): Map<string, Set<string>> {
  const text = readFileSync(path.join(projectRoot, 'ARCHITECTURE.md'), 'utf8');
  const table = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 5 || !/^`[^`]+`$/.test(cells[1])) continue;
    table.set(cells[1].slice(1, -1), new Set([...cells[3].matchAll(/`([^`]+)`/g)].map((match) => match[1])));
  }
  return table;
}

const STAGES = ['text/', 'image/', 'grid/', 'pdf/', 'detect/', 'layout/', 'ocr/', 'assemble/'];

describe('architecture (ARCHITECTURE.md)', () => {
  const graph = srcImports();

  it('names every folder and root file of src/ in its import table', () => {
    const units = new Set([...graph.keys()].map(unitOf));
    const table = allowedImports();
    assert.deepEqual([...units].filter((unit) => !table.has(unit)).sort(), [], 'src/ units missing from ARCHITECTURE.md');
    assert.deepEqual([...table.keys()].filter((unit) => !units.has(unit)).sort(), [], 'ARCHITECTURE.md names units that do not exist');
  });

  it('imports only what the table allows; stages import options.ts for its types only', () => {
    const table = allowedImports();
    const broken: string[] = [];
    for (const [file, imports] of graph) {
      const from = unitOf(file);
      for (const { target, typeOnly } of imports) {
        const to = unitOf(target);
        if (to === from) continue;
        if (!table.get(from)?.has(to)) broken.push(`${file} → ${target}`);
        else if (to === 'options.ts' && STAGES.includes(from) && !typeOnly) broken.push(`${file} → ${target} (a stage reads options' values)`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('has no import cycle, type imports included', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const { target } of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    assert.deepEqual(cycles, []);
  });

  it(`keeps every file in src/ within ${MAX_LINES} lines`, () => {
    const long = filesUnder(SRC, /\.ts$/)
      .map((file) => ({ file: path.relative(projectRoot, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines}`);
    assert.deepEqual(long, []);
  });

  it(`keeps every function within ${MAX_FUNCTION_LINES} lines, ${MAX_PIPELINE_FUNCTION_LINES} in src/pipeline/`, () => {
    const long: string[] = [];
    for (const file of filesUnder(SRC, /\.ts$/)) {
      const relative = path.relative(projectRoot, file);
      const limit = relative.startsWith(path.join('src', 'pipeline') + path.sep) ? MAX_PIPELINE_FUNCTION_LINES : MAX_FUNCTION_LINES;
      for (const fn of functionLengths(readFileSync(file, 'utf8'))) if (fn.lines > limit) long.push(`${relative}:${fn.line} ${fn.name}: ${fn.lines} lines`);
    }
    assert.deepEqual(long, []);
  });

  it('keeps the thread boundary in the folders: pipeline/worker/ is what a pool thread runs', () => {
    const worker = path.join('pipeline', 'worker') + path.sep;
    const crossing: string[] = [];
    for (const [file, imports] of graph) {
      if (!file.startsWith(`pipeline${path.sep}`)) continue;
      for (const { target, typeOnly } of imports) {
        // A thread shares only the task types with the main side, which reaches the worker code
        // only through the executor (its in-process handler for --workers 1).
        if (file.startsWith(worker) && target.startsWith(`pipeline${path.sep}`) && !target.startsWith(worker) && target !== path.join('pipeline', 'tasks.ts')) crossing.push(`${file} → ${target}`);
        if (!file.startsWith(worker) && target.startsWith(worker) && !(file === path.join('pipeline', 'task-executor.ts') && !typeOnly)) crossing.push(`${file} → ${target}`);
      }
    }
    assert.deepEqual(crossing, []);
  });

  it('lets scripts outside src/ and test/ use only the public API (src/index.ts)', () => {
    const outside = ['bench', 'fuzz', 'fixtures', 'tools', 'scripts', 'bin'].map((dir) => path.join(projectRoot, dir)).filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory());
    const reaching: string[] = [];
    for (const file of outside.flatMap((dir) => filesUnder(dir, /\.(ts|mts|mjs|js|cjs)$/))) {
      for (const { specifier } of importsOf(file)) {
        const target = path.relative(SRC, path.resolve(path.dirname(file), specifier));
        if (!target.startsWith('..') && target.replace(/\.(js|ts)$/, '') !== 'index') reaching.push(`${path.relative(projectRoot, file)} → src/${target}`);
      }
    }
    assert.deepEqual(reaching, []);
  });

  it('finds what it checks (the import reader sees type, value, re-export and dynamic imports)', () => {
    const run = graph.get(path.join('pipeline', 'run.ts'))!;
    assert.ok(run.some(({ target, typeOnly }) => target === 'types.ts' && typeOnly));
    assert.ok(run.some(({ target, typeOnly }) => target === path.join('pool', 'slots.ts') && !typeOnly));
    assert.ok(graph.get('index.ts')!.some(({ target }) => target === 'errors.ts'), 'a re-export');
    assert.deepEqual(importsIn("const hook = await import('./hook.js');"), [{ specifier: './hook.js', typeOnly: false }], 'a dynamic import');
    assert.ok(allowedImports().get('pipeline/')!.has('pool/'));
    // The function scanner: defaults, destructuring and object return types are part of a head;
    // braces in strings, templates and regular expressions are not code; x! / 2 divides.
    const sample = [
      'function f(a = {}, { b }: { b: number }): { c: number } {',
      '  return { c: /[{]/.test("}") ? b : Number(`${a}`) };',
      '}',
      'const g = async (x: number) => {',
      '  if (x) {',
      '    return x! / 2; // }',
      '  }',
      '};',
      'class K {',
      '  method(run: (x: number) => { y: 1 }): void {',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(functionLengths(sample), [{ name: 'f', line: 1, lines: 3 }, { name: 'g', line: 4, lines: 5 }, { name: 'method', line: 10, lines: 2 }]);
  });
});
