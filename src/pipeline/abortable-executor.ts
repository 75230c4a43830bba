// An executor a caller can stop (the API's AbortSignal): once the signal fires, the pool is
// closed (its threads end) and every task, running or not, rejects with the signal's reason.
// Work running on the main thread (workers: 1) cannot be stopped, and is left to finish unheard.
import type { TaskExecutor } from './task-executor.js';

export function abortableExecutor(executor: TaskExecutor, signal: AbortSignal): TaskExecutor {
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= executor.close());
  const aborted = new Promise<never>((_, reject) => {
    const stop = () => {
      reject(signal.reason);
      void close().catch(() => undefined);
    };
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
  aborted.catch(() => undefined); // heard through the races below, or not at all
  const race = <T>(work: () => Promise<T>): Promise<T> => (signal.aborted ? Promise.reject(signal.reason) : Promise.race([work(), aborted]));
  return {
    threadCount: executor.threadCount,
    runPage: (task, timeoutMs) => race(() => executor.runPage(task, timeoutMs)),
    runOcr: (task, timeoutMs) => race(() => executor.runOcr(task, timeoutMs)),
    close,
  };
}
