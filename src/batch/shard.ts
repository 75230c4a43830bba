// --shard i/n: the i-th of n deterministic shares of the sorted input list (every n-th input,
// starting at the i-th), so n jobs on n machines convert each input exactly once.
import { UsageError } from '../errors.js';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`option --shard: '${text}' is not valid`, 'give i/n with 1 <= i <= n, e.g. 1/4');
  }
  return { index, count };
}

export function selectShard<T>(items: readonly T[], shard: Shard | null): T[] {
  if (!shard) return [...items];
  return items.filter((_, position) => position % shard.count === shard.index - 1);
}
