// Two executors with one interface: a piscina pool of worker threads, and an in-process one
// (for --workers 1 and tests). run.ts cannot tell them apart. Both run at most `threadCount`
// tasks at once and queue the rest themselves, so a task's time limit counts from when it starts
// (not from when it was queued); a task past its limit is stopped, and rejects with TaskTimeoutError.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { TaskTimeoutError } from '../errors.js';
import { Slots } from './slots.js';
import { TaskHandlers } from './task-handlers.js';
import type { OcrTask, OcrTaskResult, PageTask, PageTaskResult } from './tasks.js';

export interface TaskExecutor {
  /** Threads doing the work (1 for in-process). */
  readonly threadCount: number;
  /** Rejects when the task's thread died, or with TaskTimeoutError past `timeoutMs`. */
  runPage(task: PageTask, timeoutMs: number): Promise<PageTaskResult>;
  runOcr(task: OcrTask, timeoutMs: number): Promise<OcrTaskResult>;
  /** Ends every thread and tesseract.js worker; the process can exit afterwards. */
  close(): Promise<void>;
}

/** `work` given a signal that aborts after `timeoutMs`; rejects with TaskTimeoutError then. */
async function withTimeLimit<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>, onTimeout: () => void = () => undefined): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Settled before the abort, so the race reports the timeout, not the pool's abort error.
      reject(new TaskTimeoutError(Math.round(timeoutMs / 1000)));
      controller.abort();
      onTimeout();
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One worker on the main thread. Tasks run one at a time, as on a pool thread: tesseract.js OCRs
 * on a thread of its own, and letting the next page render meanwhile would make `--workers 1` use
 * more than one core, which oversubscribes a machine shared by `--shard`/parallel jobs. A task
 * past its limit cannot be killed on the main thread: it is left behind (its OCR engine and open
 * document are dropped, which ends a hung recognition) and the next task starts.
 */
export function createInProcessExecutor(): TaskExecutor {
  const handlers = new TaskHandlers();
  const oneAtATime = new Slots(1);
  const abandon = () => void handlers.abandonWork();
  return {
    threadCount: 1,
    runPage: (task, timeoutMs) => oneAtATime.run(() => withTimeLimit(timeoutMs, () => handlers.runPageTask(task), abandon)),
    runOcr: (task, timeoutMs) => oneAtATime.run(() => withTimeLimit(timeoutMs, () => handlers.runOcrTask(task), abandon)),
    close: () => handlers.close(),
  };
}

// A page task allocates fast (pdf.js decoding, bitmaps), so V8 grows each thread's young
// generation towards its default maximum (~48 MB) over the first minute of a run: that was most
// of the growth of peak RSS from a short run to a long one. The big buffers live outside the V8
// heap anyway; a small young generation costs no time. Measured at --workers 2 over 60 pages:
// peak RSS 639 → 554 MB, CPU time 106 → 101 s.
const POOL_THREAD_YOUNG_GENERATION_MB = 6;

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
    resourceLimits: { maxYoungGenerationSizeMb: POOL_THREAD_YOUNG_GENERATION_MB },
  });
  // Tasks wait here, not in piscina's queue, so each starts on a free thread when submitted.
  const running = new Slots(threadCount);
  // Aborting a running piscina task ends its worker thread (piscina starts a fresh one).
  const run = <T>(task: PageTask | OcrTask, timeoutMs: number, transferList: ArrayBuffer[] = []) =>
    running.run(() => withTimeLimit(timeoutMs, (signal) => pool.run(task, { signal, transferList }) as Promise<T>));
  return {
    threadCount,
    runPage: (task, timeoutMs) => run<PageTaskResult>(task, timeoutMs),
    runOcr: (task, timeoutMs) => run<OcrTaskResult>(task, timeoutMs, [task.crop.gray.buffer as ArrayBuffer]),
    close: () => pool.destroy(),
  };
}

export function createExecutor(workers: number): TaskExecutor {
  return workers <= 1 ? createInProcessExecutor() : createPoolExecutor(workers);
}
