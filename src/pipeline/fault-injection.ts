// A test hook, not a user option: PDF2XLSX_TEST_FAULTS makes chosen tasks fail, hang or crash
// their worker thread, so the tests can check that a run survives it. Comma-separated rules:
//   ocr:<page>:<table>:<fault>:<when>    fault of one table's OCR (table 1-based)
//   page:<page>:<fault>:<when>           fault of one page task
// <fault>: fail (the task reports an error), hang (it never ends), crash (its thread dies; in
// process, where dying would end the CLI, it throws instead). <when>: once (first attempt) or always.
import { isMainThread } from 'node:worker_threads';

export type Fault = 'fail' | 'hang' | 'crash';

interface FaultRule {
  kind: 'ocr' | 'page';
  pageNumber: number;
  tableIndex: number | null;
  fault: Fault;
  always: boolean;
}

let rules: FaultRule[] | null = null;

function parseRules(text: string | undefined): FaultRule[] {
  if (!text) return [];
  return text.split(',').flatMap((rule): FaultRule[] => {
    const parts = rule.trim().split(':');
    if (parts[0] === 'ocr' && parts.length === 5) {
      return [{ kind: 'ocr', pageNumber: Number(parts[1]), tableIndex: Number(parts[2]) - 1, fault: parts[3] as Fault, always: parts[4] === 'always' }];
    }
    if (parts[0] === 'page' && parts.length === 4) {
      return [{ kind: 'page', pageNumber: Number(parts[1]), tableIndex: null, fault: parts[2] as Fault, always: parts[3] === 'always' }];
    }
    return [];
  });
}

/** Acts out the fault set for this task and attempt (1-based), if any; else returns at once. */
export async function injectFault(kind: 'ocr' | 'page', pageNumber: number, tableIndex: number | null, attempt: number): Promise<void> {
  rules ??= parseRules(process.env.PDF2XLSX_TEST_FAULTS);
  const rule = rules.find((r) => r.kind === kind && r.pageNumber === pageNumber && (kind === 'page' || r.tableIndex === tableIndex));
  if (!rule || (!rule.always && attempt > 1)) return;
  if (rule.fault === 'hang') await new Promise<never>(() => undefined);
  if (rule.fault === 'crash' && !isMainThread) process.exit(70);
  throw new Error(`injected ${rule.fault} (PDF2XLSX_TEST_FAULTS)`);
}
