// Two executors with one interface: a piscina pool of worker threads, and an in-process one
// (for --workers 1 and tests). run.ts cannot tell them apart.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { TaskHandlers } from './task-handlers.js';
import type { OcrTask, OcrTaskResult, PageTask, PageTaskResult } from './tasks.js';

export interface TaskExecutor {
  /** Threads doing the work (1 for in-process). */
  readonly threadCount: number;
  runPage(task: PageTask): Promise<PageTaskResult>;
  runOcr(task: OcrTask): Promise<OcrTaskResult>;
  /** Ends every thread and tesseract.js worker; the process can exit afterwards. */
  close(): Promise<void>;
}

/**
 * One worker on the main thread. Tasks run one at a time, as on a pool thread: tesseract.js OCRs
 * on a thread of its own, and letting the next page render meanwhile would make `--workers 1` use
 * more than one core, which oversubscribes a machine shared by `--shard`/parallel jobs.
 */
export function createInProcessExecutor(): TaskExecutor {
  const handlers = new TaskHandlers();
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    threadCount: 1,
    runPage: (task) => oneAtATime(() => handlers.runPageTask(task)),
    runOcr: (task) => oneAtATime(() => handlers.runOcrTask(task)),
    close: () => handlers.close(),
  };
}

/** The compiled worker file. Under tsx (tests) this module is .ts, and the built worker is used. */
function poolWorkerFile(): string {
  const beside = fileURLToPath(new URL('./pool-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../dist/pool/pool-worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`the pool worker is not built (${beside}): run 'npm run build'`);
}

export function createPoolExecutor(threadCount: number): TaskExecutor {
  const pool = new Piscina({
    filename: poolWorkerFile(),
    // Threads start as tasks arrive: a one-page input with --workers 16 does not load 16 copies of pdf.js.
    minThreads: 1,
    maxThreads: threadCount,
    // Threads keep their open PDF and tesseract.js worker for the whole run.
    idleTimeout: Number.POSITIVE_INFINITY,
    // No maxQueue: the main thread bounds what is queued (pages in flight and their crops).
  });
  return {
    threadCount,
    runPage: (task) => pool.run(task) as Promise<PageTaskResult>,
    runOcr: (task) => pool.run(task, { transferList: [task.crop.gray.buffer as ArrayBuffer] }) as Promise<OcrTaskResult>,
    close: () => pool.destroy(),
  };
}

export function createExecutor(workers: number): TaskExecutor {
  return workers <= 1 ? createInProcessExecutor() : createPoolExecutor(workers);
}
