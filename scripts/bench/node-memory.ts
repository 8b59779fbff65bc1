/** JS heap figures in Node, with a garbage collection first so that they mean something. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toMb } from './bench-stats.ts';

// `global.gc` without restarting Node with --expose-gc: the flag applies to new contexts.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Runs a full garbage collection. */
export function collectGarbage(): void {
  gc();
}

/** JS heap in use after a full collection, MiB. */
export function heapUsedMb(): number {
  gc();
  return toMb(process.memoryUsage().heapUsed);
}
