/**
 * The import scenario's second baseline: `read_csv` of the file where the app reads it (the
 * browser's `File` through DuckDB-WASM's file reader, a path through Node's file system), not
 * bytes already in DuckDB's memory. Its gap to `wasm_raw` is what reading the user's file costs
 * the platform; the app's time over it is the import's own work.
 */
import { median, ratio, roundMs } from './bench-stats.ts';
import { measurePaths, type PathSamples } from './scenario-core.ts';

/** Times `read` `runs` times, as every other path is timed; answers the milliseconds of each run. */
export async function timeFileReads(runs: number, read: () => Promise<void>): Promise<number[]> {
  return (await measurePaths({ wasm_raw: read }, runs)).wasm_raw ?? [];
}

/** Details of an import entry: the file read's median and the app's time over it. */
export function fileReadDetails(times: readonly number[], samples: PathSamples) {
  const fileMs = roundMs(median(times));
  return {
    read_csv_file_ms: fileMs,
    app_vs_read_csv_file: ratio(median(samples.app ?? []), fileMs),
  };
}
