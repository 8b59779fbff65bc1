/**
 * `npm run bench`: generates the benchmark stocks and DPE CSV, runs every scenario in Node and in
 * headless Chromium with the app's path, raw DuckDB-WASM, native DuckDB and arquero side by side,
 * and writes bench/results/latest.json and latest.md (the table is also printed on stdout; logs
 * go to stderr). See bench-options.ts for the flags.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { startNodeWasm } from '../lib/node-wasm.ts';
import { computeScaling, linkEntries, summariseSamples } from './bench-entry.ts';
import { type BenchOptions, BenchUsageError, parseBenchOptions } from './bench-options.ts';
import { ensureBenchStock, locateDemoStock } from './bench-stock.ts';
import type { BenchResults, ScenarioSamples } from './bench-types.ts';
import { type BrowserBench, startBrowserBench } from './browser-runner.ts';
import {
  runBrowserCold,
  runBrowserDrillCommune,
  runBrowserImport,
  runBrowserPoints,
  runBrowserQueries,
} from './browser-scenarios.ts';
import { ensureDpeCsv } from './dpe-csv.ts';
import { prepareDrillAssets } from './drill-commune-assets.ts';
import { runNodeDrillCommune } from './drill-commune-node.ts';
import { collectMachineInfo, loadAverage } from './machine-info.ts';
import { runNodeCold, runNodeImport, runNodePoints, runNodeQueries } from './node-scenarios.ts';
import { keptEntries, parsePreviousResults } from './results-merge.ts';
import { formatResultsMarkdown } from './results-table.ts';
import { ensureSizeAssets } from './size-assets.ts';

const RESULTS_DIR = 'bench/results';

const started = performance.now();
const log = (message: string) =>
  console.error(`bench [${((performance.now() - started) / 1000).toFixed(0)} s] ${message}`);

/** Chromium has no native DuckDB: its entries show the native figure measured by Node in this run. */
function withNodeNative(samples: ScenarioSamples[]): ScenarioSamples[] {
  return samples.map((entry) => {
    if (entry.runtime !== 'chromium') return entry;
    const node = samples.find(
      (other) =>
        other.runtime === 'node' && other.scenario === entry.scenario && other.rows === entry.rows,
    );
    const native = node?.samples.native;
    return native === undefined ? entry : { ...entry, samples: { ...entry.samples, native } };
  });
}

async function runSizes(
  options: BenchOptions,
  demo: string,
  bench: BrowserBench | null,
): Promise<ScenarioSamples[]> {
  const has = (name: string) => options.scenarios.includes(name as never);
  const queries = { filter: has('filter'), drill: has('drill') };
  const samples: ScenarioSamples[] = [];
  if (!has('cold') && !queries.filter && !queries.drill) return samples;
  for (const rows of options.sizes) {
    const assets = await ensureSizeAssets(await ensureBenchStock(demo, rows), rows);
    const cold = has('cold') && options.coldSizes.includes(rows);
    if (cold) {
      log(`${rows} rows: node cold start`);
      samples.push(await runNodeCold(assets, options.runs.slow));
    }
    log(`${rows} rows: node queries`);
    if (queries.filter || queries.drill) {
      samples.push(...(await runNodeQueries(assets, options.runs.fast, queries)));
    }
    if (bench === null) continue;
    if (cold) {
      log(`${rows} rows: chromium cold start`);
      samples.push(await runBrowserCold(bench, assets, options.runs.slow));
    }
    log(`${rows} rows: chromium queries`);
    if (queries.filter || queries.drill) {
      samples.push(...(await runBrowserQueries(bench, assets, options.runs.fast, queries)));
    }
  }
  return samples;
}

/** A scenario's run in each runtime. */
interface RuntimeRuns {
  label: string;
  node: () => Promise<ScenarioSamples>;
  chromium: (bench: BrowserBench) => Promise<ScenarioSamples>;
}

/** Each item's scenario in Node, then in Chromium unless the browser is off. */
async function inBothRuntimes<T>(
  items: readonly T[],
  bench: BrowserBench | null,
  runsOf: (item: T) => Promise<RuntimeRuns>,
): Promise<ScenarioSamples[]> {
  const samples: ScenarioSamples[] = [];
  for (const item of items) {
    const { label, node, chromium } = await runsOf(item);
    log(`${label}: node`);
    samples.push(await node());
    if (bench === null) continue;
    log(`${label}: chromium`);
    samples.push(await chromium(bench));
  }
  return samples;
}

/** `territory`: the stock whose territory tables match the imported rows to EPCI. */
function runImport(
  options: BenchOptions,
  demo: string,
  territory: string,
  bench: BrowserBench | null,
): Promise<ScenarioSamples[]> {
  const runs = options.runs.slow;
  return inBothRuntimes(options.imports, bench, async (plan) => {
    const csv = await ensureDpeCsv(demo, plan.rows);
    return {
      label: `import of ${plan.rows} DPE rows`,
      node: () => runNodeImport(csv, plan, territory, runs),
      chromium: (page) => runBrowserImport(page, csv, plan, territory, runs),
    };
  });
}

function runPoints(
  options: BenchOptions,
  territory: string,
  bench: BrowserBench | null,
): Promise<ScenarioSamples[]> {
  const runs = options.runs.fast;
  return inBothRuntimes(options.points, bench, async (points) => ({
    label: `points: ${points} located DPE in one commune`,
    node: () => runNodePoints(territory, points, runs),
    chromium: (page) => runBrowserPoints(page, territory, points, runs),
  }));
}

async function runDrillCommune(
  options: BenchOptions,
  demo: string,
  bench: BrowserBench | null,
): Promise<ScenarioSamples[]> {
  const assets = prepareDrillAssets(demo);
  const samples = await runNodeDrillCommune(assets, options.runs.fast, log);
  const rows = samples[0]?.rows ?? 0;
  if (bench !== null) {
    samples.push(...(await runBrowserDrillCommune(bench, assets, rows, options.runs.fast, log)));
  }
  return samples;
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const wasmVersion = (await startNodeWasm()).version();
  const machine = await collectMachineInfo(wasmVersion);
  const demo = await locateDemoStock();
  if (options.browser) log('building the bench page, starting Chromium');
  const bench = options.browser ? await startBrowserBench() : null;
  machine.chromium = bench?.version ?? null;
  let samples: ScenarioSamples[];
  try {
    samples = await runSizes(options, demo, bench);
    // Imported rows and points are located through the territory tables of the smallest stock.
    const smallest = () => ensureBenchStock(demo, options.sizes[0] ?? 100_000);
    if (options.scenarios.includes('import'))
      samples.push(...(await runImport(options, demo, await smallest(), bench)));
    if (options.scenarios.includes('points'))
      samples.push(...(await runPoints(options, await smallest(), bench)));
    if (options.scenarios.includes('drill-commune'))
      samples.push(...(await runDrillCommune(options, demo, bench)));
  } finally {
    await bench?.close();
  }
  log('done');
  machine.load_average_1m_end = loadAverage();
  const latest = `${RESULTS_DIR}/latest.json`;
  const previous = parsePreviousResults(existsSync(latest) ? readFileSync(latest, 'utf8') : null);
  const kept = keptEntries(previous, options.scenarios);
  const entries = [...kept.entries, ...linkEntries(withNodeNative(samples).map(summariseSamples))];
  const results: BenchResults = {
    machine,
    options: {
      quick: options.quick,
      sizes: options.sizes,
      scenarios: options.scenarios,
      browser: options.browser,
    },
    wall_time_s: Math.round((performance.now() - started) / 1000),
    entries,
    scaling: computeScaling(entries),
    ...(kept.earlier.length === 0 ? {} : { earlier: kept.earlier }),
  };
  const markdown = formatResultsMarkdown(results);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(latest, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${RESULTS_DIR}/latest.md`, markdown);
  process.stdout.write(markdown);
}

main().catch((error: unknown) => {
  if (error instanceof BenchUsageError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
