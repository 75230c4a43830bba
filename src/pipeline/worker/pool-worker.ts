// The piscina worker entry: one TaskHandlers per thread; crops go back as transferred buffers.
import { Piscina } from 'piscina';
import { TaskHandlers } from './task-handlers.js';
import type { PoolTask, PoolTaskResult } from '../tasks.js';

const handlers = new TaskHandlers();

export default async function runPoolTask(task: PoolTask): Promise<unknown> {
  if (task.kind === 'ocr') return handlers.runOcrTask(task);
  const result: PoolTaskResult = await handlers.runPageTask(task);
  if (result.status !== 'ok') return result;
  const buffers = result.tables.flatMap((table) => (table.source === 'crop' ? [table.crop.gray.buffer] : []));
  if (buffers.length === 0) return result;
  // Piscina transfers the buffers listed under its transferable symbol instead of copying them.
  return Piscina.move({
    [Piscina.transferableSymbol]: buffers,
    [Piscina.valueSymbol]: result,
  } as never);
}
