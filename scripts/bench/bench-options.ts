/**
 * Command line of `npm run bench`:
 *
 *   npm run bench [-- --quick] [--sizes 100000,1000000] [--scenarios filter,drill]
 *                 [--no-browser] [--import-rows 1000000]
 */
import { parseArgs } from 'node:util';
import { SCENARIOS, type ScenarioName } from './bench-types.ts';

/** What one `npm run bench` does. */
export interface BenchOptions {
  quick: boolean;
  sizes: number[];
  scenarios: ScenarioName[];
  browser: boolean;
  /** Rows of the generated DPE CSV of the import scenario. */
  importRows: number;
  /** Runs per path: `slow` for cold start and import, `fast` for filter and drill-down. */
  runs: { slow: number; fast: number };
}

/** Stock sizes of a full run; `--quick` stops at 5M. */
export const FULL_SIZES = [100_000, 1_000_000, 5_000_000, 10_000_000];
const QUICK_SIZES = [100_000, 1_000_000, 5_000_000];

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
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    throw new BenchUsageError((error as Error).message);
  }
  const { values } = parsed;
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
  return {
    quick,
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    scenarios,
    browser: values['no-browser'] !== true,
    importRows:
      values['import-rows'] === undefined
        ? 1_000_000
        : parseCount(values['import-rows'], '--import-rows'),
    runs: quick ? { slow: 3, fast: 5 } : { slow: 5, fast: 9 },
  };
}

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      scenarios: { type: 'string' },
      'no-browser': { type: 'boolean' },
      'import-rows': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
}
