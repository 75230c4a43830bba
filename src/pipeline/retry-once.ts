// A task whose worker thread crashed or that ran past --timeout is tried once more; the same
// rule for page tasks and OCR tasks.
import { errorText } from '../errors.js';

export const TASK_ATTEMPTS = 2;

export type Attempted<S> = { ok: true; value: S } | { ok: false; reason: string };

/**
 * Runs `run(attempt)` until `settle` accepts what it gives, at most TASK_ATTEMPTS times. A
 * rejection (the thread died, the time ran out) or a failure `settle` names is retried, after
 * `onRetry` is told why; `settle` may throw to end the run at once.
 */
export async function retryOnce<T, S>(
  run: (attempt: number) => Promise<T>,
  settle: (result: T) => { value: S } | { failure: string },
  onRetry: (reason: string) => void,
): Promise<Attempted<S>> {
  let reason = '';
  for (let attempt = 1; attempt <= TASK_ATTEMPTS; attempt++) {
    let result: T;
    try {
      result = await run(attempt);
    } catch (error) {
      reason = errorText(error);
      if (attempt < TASK_ATTEMPTS) onRetry(reason);
      continue;
    }
    const settled = settle(result);
    if ('value' in settled) return { ok: true, value: settled.value };
    reason = settled.failure;
    if (attempt < TASK_ATTEMPTS) onRetry(reason);
  }
  return { ok: false, reason };
}
