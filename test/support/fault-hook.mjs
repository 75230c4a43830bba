// @ts-check
// The fault tests' task hook (loaded through PDF2XLSX_TEST_HOOK; plain JavaScript, because pool
// threads load it without a TypeScript loader). PDF2XLSX_TEST_FAULTS makes chosen tasks fail,
// hang or crash their worker thread, so the tests can check that a run survives it.
// Comma-separated rules:
//   ocr:<page>:<table>:<fault>:<when>    fault of one table's OCR (table 1-based)
//   page:<page>:<fault>:<when>           fault of one page task
// <fault>: fail (the task reports an error), hang (it never ends), crash (its thread dies; in
// process, where dying would end the CLI, it throws instead). <when>: once (first attempt) or always.
import { isMainThread } from 'node:worker_threads';

/** @typedef {{ kind: 'ocr' | 'page', pageNumber: number, tableIndex: number | null, fault: string, always: boolean }} FaultRule */

/** @param {string | undefined} text @returns {FaultRule[]} */
function parseRules(text) {
  if (!text) return [];
  return text.split(',').flatMap((rule) => {
    const parts = rule.trim().split(':');
    if (parts[0] === 'ocr' && parts.length === 5) {
      return [{ kind: /** @type {const} */ ('ocr'), pageNumber: Number(parts[1]), tableIndex: Number(parts[2]) - 1, fault: parts[3], always: parts[4] === 'always' }];
    }
    if (parts[0] === 'page' && parts.length === 4) {
      return [{ kind: /** @type {const} */ ('page'), pageNumber: Number(parts[1]), tableIndex: null, fault: parts[2], always: parts[3] === 'always' }];
    }
    return [];
  });
}

const rules = parseRules(process.env.PDF2XLSX_TEST_FAULTS);

/**
 * Acts out the fault set for this task and attempt (1-based), if any; else returns at once.
 * @param {{ kind: 'ocr' | 'page', pageNumber: number, tableIndex: number | null, attempt: number }} task
 */
export async function beforeTask({ kind, pageNumber, tableIndex, attempt }) {
  const rule = rules.find((r) => r.kind === kind && r.pageNumber === pageNumber && (kind === 'page' || r.tableIndex === tableIndex));
  if (!rule || (!rule.always && attempt > 1)) return;
  if (rule.fault === 'hang') await new Promise(() => undefined);
  if (rule.fault === 'crash' && !isMainThread) process.exit(70);
  throw new Error(`injected ${rule.fault} (PDF2XLSX_TEST_FAULTS)`);
}
