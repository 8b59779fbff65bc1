import { describe, expect, it } from 'vitest';
import { computeScaling, linkEntries, summariseSamples } from '../../scripts/bench/bench-entry.ts';
import { BenchUsageError, parseBenchOptions } from '../../scripts/bench/bench-options.ts';
import { median, ratio, roundMs, roundSignificant } from '../../scripts/bench/bench-stats.ts';
import type { ScenarioSamples } from '../../scripts/bench/bench-types.ts';
import { fileReadDetails } from '../../scripts/bench/import-file-read.ts';
import {
  formatEntriesTable,
  formatImportSection,
  formatMs,
  formatRatio,
  formatRows,
} from '../../scripts/bench/results-table.ts';

function samples(scenario: string, rows: number, app: number[], raw: number[]): ScenarioSamples {
  return {
    scenario,
    rows,
    runtime: 'node',
    samples: { app, wasm_raw: raw, native: [10, 10, 10], js: [100, 300, 200] },
    heapMb: 50,
    wasmHeapMb: 2000,
  };
}

describe('median', () => {
  it('takes the middle sample, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNull();
    expect(median([Number.NaN, 2])).toBe(2);
  });
});

describe('ratio', () => {
  it('divides to three significant digits, and refuses a missing or zero denominator', () => {
    expect(ratio(2, 3)).toBe(0.667);
    expect(ratio(1234, 10)).toBe(123);
    expect(ratio(5, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(2, undefined)).toBeNull();
  });

  it('rounds significant digits and milliseconds for the report', () => {
    expect(roundSignificant(0.0012345, 2)).toBe(0.0012);
    expect(roundSignificant(0, 3)).toBe(0);
    expect(roundMs(6.2849)).toBe(6.28);
    expect(roundMs(123.456)).toBe(123.5);
    expect(roundMs(4567.8)).toBe(4568);
  });
});

describe('summariseSamples', () => {
  it('takes medians per path and checks the targets on their ratios', () => {
    const entry = summariseSamples(samples('filter', 5_000_000, [12, 11, 13], [10, 10, 10]));
    expect(entry).toMatchObject({
      app_ms: 12,
      wasm_raw_ms: 10,
      native_ms: 10,
      js_ms: 200,
      runs: 3,
    });
    expect(entry.ratios).toEqual({ app_vs_raw: 1.2, wasm_vs_native: 1, js_vs_app: 16.7 });
    expect(entry.targets.map((t) => [t.name, t.met])).toEqual([
      ['app ≤ 1.2× raw', true],
      ['WASM ≤ 2× native', true],
      ['JS ≥ 1× app', true],
      ['WASM heap ≤ 1 GB', false],
    ]);
  });

  it('holds the import to 1.5× read_csv and faster than arquero, the points to beat objects', () => {
    const imported = summariseSamples(
      samples('import', 1_000_000, [160, 150, 140], [100, 100, 100]),
    );
    expect(imported.targets.map((t) => [t.name, t.met])).toEqual([
      ['app ≤ 1.5× read_csv', true],
      ['WASM ≤ 2× native', false],
      ['JS ≥ 1× app', true],
    ]);
    const points = summariseSamples({
      ...samples('points', 1_000_000, [300, 300, 300], [200, 200, 200]),
      samples: { app: [300], wasm_raw: [200], js: [250] },
    });
    expect(points.targets.map((t) => [t.name, t.met])).toEqual([['JS ≥ 1× app', false]]);
  });

  it('compares the cold start with the load alone', () => {
    const entry = summariseSamples(samples('cold', 100_000, [300, 250, 320], [100, 120, 140]));
    expect(entry.ratios.app_vs_load).toBe(2.5);
    expect(entry.targets[0]).toMatchObject({ name: 'cold ≤ 2× load', value: 2.5, met: false });
  });

  it('links the pre-aggregated path to the re-aggregation of the same size and runtime', () => {
    const entries = linkEntries([
      summariseSamples(samples('filter', 1000, [100, 100, 100], [90, 90, 90])),
      summariseSamples(samples('filter-preagg', 1000, [8, 8, 8], [7, 7, 7])),
    ]);
    expect(entries[1]?.ratios.preagg_vs_reagg).toBe(0.08);
    expect(entries[1]?.targets[0]).toMatchObject({ limit: 0.1, met: true });
  });
});

describe('computeScaling', () => {
  it('gives the elasticity of time to rows between the smallest and largest size', () => {
    const [scan] = computeScaling([
      summariseSamples(samples('filter', 100_000, [10, 10, 10], [9, 9, 9])),
      summariseSamples(samples('filter', 10_000_000, [1000, 1000, 1000], [900, 900, 900])),
    ]);
    expect(scan).toMatchObject({ time_ratio: 100, elasticity: 1 });
    expect(scan?.target.met).toBe(true);
  });
});

describe('results table', () => {
  it('formats figures and lays out one markdown row per entry', () => {
    expect(formatMs(5.4366)).toBe('5.44');
    expect(formatMs(1234.5)).toBe('1235');
    expect(formatMs(null)).toBe('–');
    expect(formatRatio(0.0812)).toBe('0.081×');
    expect(formatRows(100_000)).toBe('100k');
    expect(formatRows(5_000_000)).toBe('5M');
    const table = formatEntriesTable([
      summariseSamples(samples('drill', 1_000_000, [12, 11, 13], [10, 10, 10])),
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\| scenario \| rows \| runtime \| app_ms/);
    expect(lines[2]).toContain('| drill | 1M | node | 12.0 | 10.0 | 10.0 | 200.0 | 1.20× |');
  });
});

describe('parseBenchOptions', () => {
  it('reads the flags of npm run bench', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({
      quick: true,
      sizes: [100_000, 1_000_000, 5_000_000],
      coldSizes: [5_000_000],
      browser: true,
      imports: [{ rows: 100_000 }, { rows: 1_000_000 }],
      points: [100_000, 1_000_000],
      runs: { slow: 3, fast: 5 },
    });
    expect(parseBenchOptions(['--import-rows', '2000000']).imports).toEqual([{ rows: 2_000_000 }]);
    expect(parseBenchOptions(['--points', '5000,20000']).points).toEqual([5000, 20_000]);
    const options = parseBenchOptions([
      '--sizes',
      '1000000,100000',
      '--scenarios',
      'drill',
      '--no-browser',
    ]);
    expect(options).toMatchObject({
      sizes: [100_000, 1_000_000],
      scenarios: ['drill'],
      browser: false,
    });
    expect(parseBenchOptions([]).sizes).toContain(10_000_000);
  });

  it('rejects unknown scenarios, bad sizes and unknown flags', () => {
    expect(() => parseBenchOptions(['--scenarios', 'fly'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--sizes', '12x'])).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--fast'])).toThrow(BenchUsageError);
  });
});

describe('import table', () => {
  it('sets the import against read_csv of bytes in memory and of the file the app reads', () => {
    const details = fileReadDetails([400, 300, 500], { app: [1500, 1200, 1300] });
    expect(details).toEqual({ read_csv_file_ms: 400, app_vs_read_csv_file: 3.25 });
    const entry = summariseSamples({
      ...samples('import', 1_000_000, [1500, 1200, 1300], [100, 100, 100]),
      details,
    });
    const [table] = formatImportSection([entry]);
    expect(table?.split('\n')[2]).toBe('| 1M | node | 1300 | 100.0 | 400.0 | 13.00× | 3.25× |');
  });
});
