// How busy a run kept the machine: process CPU time and the main thread's event loop, from a
// starting point.
import { performance } from 'node:perf_hooks';
import type { RunLoad } from '../types.js';

type MainThreadLoad = Pick<RunLoad, 'cpuMs' | 'mainThreadBusyRatio' | 'mainThreadBusyMs'>;

/** Starts measuring now; each call of the result gives the load since then. */
export function startLoadMeter(): () => MainThreadLoad {
  const cpuAtStart = process.cpuUsage();
  const eventLoopAtStart = performance.eventLoopUtilization();
  return () => {
    const cpu = process.cpuUsage(cpuAtStart);
    const mainThread = performance.eventLoopUtilization(eventLoopAtStart);
    return { cpuMs: (cpu.user + cpu.system) / 1000, mainThreadBusyRatio: mainThread.utilization, mainThreadBusyMs: mainThread.active };
  };
}
