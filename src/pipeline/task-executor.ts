// The pipeline's two task kinds on the generic pool: a page task (render, detect, crop, or read
// the text layer) and an OCR task (one table crop). The worker module and the in-process handler
// are the same TaskHandlers, so --workers 1 runs exactly what a pool thread runs.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createExecutor, type Executor } from '../pool/executor.js';
import { TaskHandlers } from './worker/task-handlers.js';
import type { OcrTask, OcrTaskResult, PageTask, PageTaskResult, PoolTask, PoolTaskResult } from './tasks.js';

export interface TaskExecutor {
  /** Threads doing the work (1 for in-process). */
  readonly threadCount: number;
  /** Rejects when the task's thread died, or with TaskTimeoutError past `timeoutMs`. */
  runPage(task: PageTask, timeoutMs: number): Promise<PageTaskResult>;
  /** The crop's pixels move to the thread: the caller keeps a copy if it may need them again. */
  runOcr(task: OcrTask, timeoutMs: number): Promise<OcrTaskResult>;
  /** Ends every thread and tesseract.js worker; the process can exit afterwards. */
  close(): Promise<void>;
}

/** The compiled worker file. Under tsx (tests) this module is .ts, and the built worker is used. */
function poolWorkerFile(): string {
  const beside = fileURLToPath(new URL('./worker/pool-worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = fileURLToPath(new URL('../../dist/pipeline/worker/pool-worker.js', import.meta.url));
  if (existsSync(built)) return built;
  throw new Error(`the pool worker is not built (${beside}): run 'npm run build'`);
}

/** `workers` pool threads, or the in-process executor for one. */
export function createTaskExecutor(workers: number): TaskExecutor {
  const executor: Executor<PoolTask, PoolTaskResult> = createExecutor(workers, {
    // Found only when a pool is made: --workers 1 runs from the sources too.
    get workerFile() {
      return poolWorkerFile();
    },
    inProcess: () => new TaskHandlers(),
  });
  return {
    threadCount: executor.threadCount,
    runPage: (task, timeoutMs) => executor.run(task, timeoutMs) as Promise<PageTaskResult>,
    runOcr: (task, timeoutMs) => executor.run(task, timeoutMs, [task.crop.gray.buffer as ArrayBuffer]) as Promise<OcrTaskResult>,
    close: () => executor.close(),
  };
}
