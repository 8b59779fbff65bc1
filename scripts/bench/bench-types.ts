/**
 * Shapes shared by the Node runner, the Chromium page and the results writer. Timings are
 * milliseconds; a path that does not exist in a runtime (native DuckDB in Chromium) is null.
 */

/** Scenarios of `npm run bench`. */
export const SCENARIOS = ['cold', 'filter', 'drill', 'import', 'points', 'drill-commune'] as const;

/** A scenario as named on the command line. */
export type ScenarioName = (typeof SCENARIOS)[number];

/** Where a figure was measured. */
export type Runtime = 'node' | 'chromium';

/** The compared ways of doing one scenario. */
export const PATHS = ['app', 'wasm_raw', 'native', 'js'] as const;

/** One compared way of doing a scenario. */
export type PathName = (typeof PATHS)[number];

/** Raw samples of one scenario in one runtime, as measured (before medians). */
export interface ScenarioSamples {
  /** Entry name in the results: a scenario, or a variant such as `filter-preagg`. */
  scenario: string;
  rows: number;
  runtime: Runtime;
  /** Milliseconds per run, by path; absent paths were not measured. */
  samples: Partial<Record<PathName, number[]>>;
  /** JS heap held after the app path, MiB. */
  heapMb: number | null;
  /** JS heap held by the plain-JS alternative's table, MiB. */
  jsHeapMb?: number | null;
  /** DuckDB-WASM memory after the app path, MiB (see `wasmHeapSource`). */
  wasmHeapMb: number | null;
  /** What `wasmHeapMb` measures: the whole linear memory, or DuckDB's own accounting. */
  wasmHeapSource?: 'linear_memory' | 'duckdb_memory';
  /** Rows processed, for throughputs (import). */
  processedRows?: number;
  /** Free-form figures worth keeping (cube size, build time, chosen EPCI…). */
  details?: Record<string, number | string | boolean | null>;
  note?: string;
}

/** A target of issue 7 checked on one entry. */
export interface BenchTarget {
  name: string;
  /** The measured value compared to the limit. */
  value: number | null;
  limit: number;
  /** 'max': value ≤ limit is met; 'min': value ≥ limit is met. */
  kind: 'max' | 'min';
  /** Null when the value could not be measured. */
  met: boolean | null;
}

/** One line of `bench/results/latest.json`. */
export interface BenchEntry {
  scenario: string;
  rows: number;
  runtime: Runtime;
  app_ms: number | null;
  wasm_raw_ms: number | null;
  native_ms: number | null;
  js_ms: number | null;
  /** Runs per path behind each median. */
  runs: number;
  /** Every timed run, ms, by path (in the order they ran). */
  samples_ms: Partial<Record<PathName, number[]>>;
  heap_mb: number | null;
  js_heap_mb: number | null;
  wasm_heap_mb: number | null;
  wasm_heap_source: string | null;
  ratios: Record<string, number | null>;
  targets: BenchTarget[];
  rows_per_s?: Partial<Record<PathName, number | null>>;
  details?: Record<string, number | string | boolean | null>;
  note?: string;
}

/** The machine block of the results. */
export interface MachineInfo {
  cpu_model: string;
  cpus: number;
  memory_gb: number;
  load_average_1m_start: number;
  load_average_1m_end?: number;
  node: string;
  chromium: string | null;
  duckdb_wasm: string;
  duckdb_native: string;
  date: string;
  platform: string;
}

/** How the app path's time grows with the rows, between the smallest and largest size. */
export interface ScalingEntry {
  scenario: string;
  runtime: string;
  from_rows: number;
  to_rows: number;
  /** app_ms at to_rows over app_ms at from_rows. */
  time_ratio: number | null;
  /** log(time ratio) / log(rows ratio): 1 linear, 0 flat. */
  elasticity: number | null;
  target: BenchTarget;
}

/** The whole results file. */
export interface BenchResults {
  machine: MachineInfo;
  options: { quick: boolean; sizes: number[]; scenarios: string[]; browser: boolean };
  wall_time_s: number;
  entries: BenchEntry[];
  scaling: ScalingEntry[];
  /** Entries kept from earlier runs by a run of some scenarios only (`results-merge.ts`). */
  earlier?: { date: string; scenarios: string[] }[];
}
