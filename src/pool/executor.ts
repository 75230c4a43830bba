// Two executors with one interface: a piscina pool of worker threads, and an in-process one
// (for --workers 1 and tests). The pipeline cannot tell them apart, and the pool knows nothing of
// what its tasks do. Both run at most `threadCount` tasks at once and queue the rest themselves,
// so a task's time limit counts from when it starts (not from when it was queued); a task past
// its limit is stopped, and rejects with TaskTimeoutError.
import { Piscina } from 'piscina';
import { TaskTimeoutError } from '../errors.js';
import { Slots } from './slots.js';

/** What a thread does with a task: the pipeline's handlers, one instance per thread. */
export interface TaskHandler<Task, Result> {
  run(task: Task): Promise<Result>;
  /** Drops the state a task left behind that ran past its limit (in process, it cannot be killed). */
  abandonWork(): void;
  close(): Promise<void>;
}

export interface Executor<Task, Result> {
  /** Threads doing the work (1 for in-process). */
  readonly threadCount: number;
  /**
   * Rejects when the task's thread died, or with TaskTimeoutError past `timeoutMs`. The buffers
   * in `transfer` move to the thread (the caller's copies become empty).
   */
  run(task: Task, timeoutMs: number, transfer?: ArrayBuffer[]): Promise<Result>;
  /** Ends every thread and what it holds; the process can exit afterwards. */
  close(): Promise<void>;
}

/**
 * Where a pool's work is defined: the compiled worker module (its default export runs one task on
 * a pool thread) and the same handler for in-process use.
 */
export interface WorkerDefinition<Task, Result> {
  workerFile: string;
  inProcess: () => TaskHandler<Task, Result>;
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
export function createInProcessExecutor<Task, Result>(handler: TaskHandler<Task, Result>): Executor<Task, Result> {
  const oneAtATime = new Slots(1);
  const abandon = () => handler.abandonWork();
  return {
    threadCount: 1,
    run: (task, timeoutMs) => oneAtATime.run(() => withTimeLimit(timeoutMs, () => handler.run(task), abandon)),
    close: () => handler.close(),
  };
}

// A page task allocates fast (pdf.js decoding, bitmaps), so V8 grows each thread's young
// generation towards its default maximum (~48 MB) over the first minute of a run: that was most
// of the growth of peak RSS from a short run to a long one. The big buffers live outside the V8
// heap anyway; a small young generation costs no time. Measured at --workers 2 over 60 pages:
// peak RSS 639 → 554 MB, CPU time 106 → 101 s.
const POOL_THREAD_YOUNG_GENERATION_MB = 6;

export function createPoolExecutor<Task, Result>(threadCount: number, workerFile: string): Executor<Task, Result> {
  const pool = new Piscina({
    filename: workerFile,
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
  return {
    threadCount,
    run: (task, timeoutMs, transferList = []) => running.run(() => withTimeLimit(timeoutMs, (signal) => pool.run(task, { signal, transferList }) as Promise<Result>)),
    close: () => pool.destroy(),
  };
}

/** A pool of `workers` threads, or the in-process executor for one. */
export function createExecutor<Task, Result>(workers: number, worker: WorkerDefinition<Task, Result>): Executor<Task, Result> {
  return workers <= 1 ? createInProcessExecutor(worker.inProcess()) : createPoolExecutor(workers, worker.workerFile);
}
