// The piscina worker entry: one TaskHandlers per thread; crops go back as transferred buffers.
import { Piscina } from 'piscina';
import { TaskHandlers } from './task-handlers.js';
import type { PoolTask, PoolTaskResult } from './tasks.js';

const handlers = new TaskHandlers();

export default async function runPoolTask(task: PoolTask): Promise<unknown> {
  if (task.kind === 'ocr') return handlers.runOcrTask(task);
  const result: PoolTaskResult = await handlers.runPageTask(task);
  if (result.status !== 'ok' || result.tables.length === 0) return result;
  // Piscina transfers the buffers listed under its transferable symbol instead of copying them.
  return Piscina.move({
    [Piscina.transferableSymbol]: result.tables.map((table) => table.crop.gray.buffer),
    [Piscina.valueSymbol]: result,
  } as never);
}
