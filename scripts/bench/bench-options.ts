/**
 * Command line of `npm run bench`:
 *
 *   npm run bench [-- --quick] [--sizes 100000,1000000] [--scenarios import,points]
 *                 [--no-browser] [--import-rows 1000000] [--points 100000,1000000]
 *
 * `--quick` keeps every scenario, ratio and runtime to a few minutes on 2 cores: 3 runs of the
 * slow paths and 5 of the fast ones; cold start at the largest size only (its cost is mostly
 * DuckDB-WASM's start, the same at every size). The import runs every path (the app's, `read_csv`
 * in DuckDB-WASM and native, arquero's `fromCSV`) on DPE files of 100k and 1M rows, the points
 * scenario on 100k and 1M points. `--scenarios import,points` runs those two only.
 */
import { cliOptions, parseOptions } from '../lib/cli-options.ts';
import { SCENARIOS, type ScenarioName } from './bench-types.ts';

/** What one `npm run bench` does. */
export interface BenchOptions {
  quick: boolean;
  sizes: number[];
  scenarios: ScenarioName[];
  browser: boolean;
  /** Sizes at which the cold start is measured. */
  coldSizes: number[];
  /** DPE CSV imports, by rows. */
  imports: ImportPlan[];
  /** Points of the `points` scenario. */
  points: number[];
  /** Runs per path: `slow` for cold start and import, `fast` for filter and drill-down. */
  runs: { slow: number; fast: number };
}

/** One import measurement (every path). */
export interface ImportPlan {
  rows: number;
}

/** Stock sizes of a full run; `--quick` stops at 5M. */
const FULL_SIZES = [100_000, 1_000_000, 5_000_000, 10_000_000];
const QUICK_SIZES = [100_000, 1_000_000, 5_000_000];

/** DPE rows of the import scenario: the app's path at both sizes (issue 16). */
const IMPORT_ROWS = [100_000, 1_000_000];
/** Points of the points scenario. */
const POINTS = [100_000, 1_000_000];

/** A usage error, printed on one line. */
export class BenchUsageError extends Error {}

function parseCount(text: string, flag: string): number {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isInteger(value) || value < 1000) {
    throw new BenchUsageError(`${flag}: expected whole numbers ≥ 1000, got "${text}"`);
  }
  return value;
}

function parseList<T extends string>(text: string, known: readonly T[], flag: string): T[] {
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(known as readonly string[]).includes(name)) {
      throw new BenchUsageError(`${flag}: unknown "${name}" (known: ${known.join(', ')})`);
    }
  }
  return [...new Set(names as T[])];
}

/** Parses the arguments after `npm run bench --`. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseOptions(
    argv,
    cliOptions(['sizes', 'scenarios', 'import-rows', 'points'], ['quick', 'no-browser']),
    (reason) => new BenchUsageError(reason),
  );
  const quick = values.quick === true;
  const sizes =
    values.sizes === undefined
      ? quick
        ? QUICK_SIZES
        : FULL_SIZES
      : values.sizes.split(',').map((size) => parseCount(size, '--sizes'));
  const scenarios =
    values.scenarios === undefined
      ? [...SCENARIOS]
      : parseList(values.scenarios, SCENARIOS, '--scenarios');
  const sorted = [...new Set(sizes)].sort((a, b) => a - b);
  const largest = sorted.slice(-1);
  const importRows = values['import-rows'];
  const imports: ImportPlan[] = (
    importRows === undefined
      ? IMPORT_ROWS
      : importRows.split(',').map((n) => parseCount(n, '--import-rows'))
  ).map((rows) => ({ rows }));
  const points =
    values.points === undefined
      ? POINTS
      : values.points.split(',').map((n) => parseCount(n, '--points'));
  return {
    quick,
    sizes: sorted,
    coldSizes: quick ? largest : sorted,
    scenarios,
    browser: values['no-browser'] !== true,
    imports,
    points,
    runs: quick ? { slow: 3, fast: 5 } : { slow: 5, fast: 9 },
  };
}
