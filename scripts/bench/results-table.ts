/**
 * The results as markdown: one row per entry (medians, ratios, heaps, targets), then the growth
 * of each scenario with the rows, then the machine. Pure, for stdout and `bench/results/latest.md`.
 */
import type { BenchEntry, BenchResults, BenchTarget, ScalingEntry } from './bench-types.ts';

const MISSING = '–';

const NOTES = [
  "- `app`: this app's path (its SQL builders and DuckDB module, Arrow to per-EPCI fill colours; " +
    'import: the one pipeline, `runImport`, on DuckDB-WASM, then the accepted rows copied into the ' +
    'imported datasets; points: the query, its Arrow read into typed arrays, the layer made). ' +
    '`wasm_raw`: the same SQL on DuckDB-WASM alone (cold: DuckDB-WASM started and the file ' +
    'attached, nothing else; import: `read_csv`). ' +
    '`native`: the same SQL on native DuckDB (measured in Node, shown on Chromium lines too). ' +
    '`js`: arquero over the same Arrow data (import: `fromCSV`; points: one object per point ' +
    'read through accessors, as deck.gl does for object data).',
  '- `filter`: a filter change answered by re-aggregating the stock (`territoryIndicatorsSql`, ' +
    'per EPCI). `filter-preagg`: the same rows from one pre-aggregated table of every filtered ' +
    'dimension (EPCI × housing type × period × energy × label, `src/sql/preaggregate-sql.ts`). ' +
    "`filter-active`: through the app's pre-aggregate cache (`src/db/preaggregate-cache.ts`, the " +
    "path of the analysis view), which reads the table of the changed filter's own dimensions, " +
    'built when the filter becomes active (the Mosaic approach); build times are in the JSON. ' +
    '`preagg/reagg` compares each with `filter`.',
  "- `wasm_heap_mb`: the WASM linear memory in Node; in Chromium, DuckDB's own accounting " +
    "(`duckdb_memory()`), a lower bound, since the worker's memory is out of the page's reach. " +
    '`heap_mb`: the JS heap in use (Node: the whole process).',
  '- Elasticity: log(time ratio) / log(rows ratio) of the app path; 1 is linear, 0 is flat.',
];

/** Milliseconds as printed: two decimals below 10, one below 1,000, none above. */
export function formatMs(value: number | null | undefined): string {
  if (value == null) return MISSING;
  if (value < 10) return value.toFixed(2);
  if (value < 1000) return value.toFixed(1);
  return Math.round(value).toString();
}

/** A ratio as printed, e.g. `1.05×`. */
export function formatRatio(value: number | null | undefined): string {
  if (value == null) return MISSING;
  return `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)}×`;
}

/** Counts as printed: `100k`, `1M`, `5M`, `2.5M`. */
export function formatRows(rows: number): string {
  if (rows >= 1e6) return `${Number((rows / 1e6).toFixed(1))}M`;
  if (rows >= 1e3) return `${Number((rows / 1e3).toFixed(1))}k`;
  return String(rows);
}

/** `✓ name` when met, `✗ name (value)` when missed, `? name` when not measured. */
function formatTarget(target: BenchTarget): string {
  if (target.met === null) return `? ${target.name}`;
  return target.met ? `✓ ${target.name}` : `✗ ${target.name} (${target.value})`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const numeric = (i: number) => i >= 3 && i < header.length - 1;
  const rule = header.map((_, i) => (numeric(i) ? '---:' : '---'));
  return [row(header), `|${rule.map((r) => ` ${r} `).join('|')}|`, ...rows.map(row)].join('\n');
}

function ratioCell(entry: BenchEntry, ...names: string[]): string {
  for (const name of names) {
    if (name in entry.ratios) return formatRatio(entry.ratios[name]);
  }
  return MISSING;
}

/** The main table: one line per entry. */
export function formatEntriesTable(entries: readonly BenchEntry[]): string {
  const header = [
    'scenario',
    'rows',
    'runtime',
    'app_ms',
    'wasm_raw_ms',
    'native_ms',
    'js_ms',
    'app/raw',
    'wasm/native',
    'js/app',
    'preagg/reagg',
    'heap_mb',
    'wasm_heap_mb',
    'targets',
  ];
  const lines = entries.map((entry) => [
    entry.scenario,
    formatRows(entry.rows),
    entry.runtime,
    formatMs(entry.app_ms),
    formatMs(entry.wasm_raw_ms),
    formatMs(entry.native_ms),
    formatMs(entry.js_ms),
    ratioCell(entry, 'app_vs_raw', 'app_vs_load'),
    ratioCell(entry, 'wasm_vs_native'),
    ratioCell(entry, 'js_vs_app'),
    ratioCell(entry, 'preagg_vs_reagg'),
    entry.heap_mb === null ? MISSING : String(entry.heap_mb),
    entry.wasm_heap_mb === null ? MISSING : String(entry.wasm_heap_mb),
    entry.targets.map(formatTarget).join(', '),
  ]);
  return table(header, lines);
}

/** Growth of the app path with the rows. */
function formatScalingTable(scaling: readonly ScalingEntry[]): string {
  const header = ['scenario', 'runtime', 'rows', 'time ratio', 'elasticity', 'target'];
  const lines = scaling.map((s) => [
    s.scenario,
    s.runtime,
    `${formatRows(s.from_rows)} → ${formatRows(s.to_rows)}`,
    formatRatio(s.time_ratio),
    s.elasticity === null ? MISSING : String(s.elasticity),
    formatTarget(s.target),
  ]);
  return table(header, lines);
}

function detail(entry: BenchEntry, key: string): number | string | boolean | null {
  return entry.details?.[key] ?? null;
}

function msCell(entry: BenchEntry, key: string, share?: string): string {
  const value = detail(entry, key);
  if (typeof value !== 'number') return MISSING;
  const percent = share === undefined ? null : detail(entry, share);
  return typeof percent === 'number' ? `${formatMs(value)} (${percent} %)` : formatMs(value);
}

function heapCell(entry: BenchEntry): string {
  const first = detail(entry, 'heap_first_mb');
  const last = detail(entry, 'heap_last_mb');
  const growth = detail(entry, 'heap_growth_mb');
  if (typeof first !== 'number' || typeof last !== 'number') {
    return entry.heap_mb === null ? MISSING : String(entry.heap_mb);
  }
  return `${first} → ${last} (${typeof growth === 'number' && growth >= 0 ? '+' : ''}${growth})`;
}

/**
 * The commune level (`drill-commune`): per case, the communes drawn and where the app path's time
 * went (medians, share of their sum), then the memory tour.
 */
export function formatCommuneTable(entries: readonly BenchEntry[]): string | null {
  const drills = entries.filter((entry) => entry.scenario.startsWith('drill-commune'));
  if (drills.length === 0) return null;
  const header = [
    'case',
    'runtime',
    'communes (coloured)',
    'app_ms',
    'contours_ms',
    'query_ms',
    'layer_ms',
    'layer: build / update / draw',
    'raw_ms',
    'heap_mb',
    'targets',
  ];
  const lines = drills.map((entry) => {
    const communes = detail(entry, 'communes');
    const coloured = detail(entry, 'coloured');
    const files = detail(entry, 'files');
    const visited = detail(entry, 'departements');
    const drawn =
      typeof communes === 'number'
        ? `${communes} (${coloured}), ${files} file${files === 1 ? '' : 's'}`
        : typeof visited === 'string'
          ? `${visited.split(',').length} départements visited`
          : MISSING;
    return [
      entry.scenario,
      entry.runtime,
      drawn,
      formatMs(entry.app_ms),
      msCell(entry, 'contours_ms', 'contours_pct'),
      msCell(entry, 'query_ms', 'query_pct'),
      msCell(entry, 'layer_ms', 'layer_pct'),
      ['layer_build_ms', 'layer_update_ms', 'layer_draw_ms']
        .map((key) => msCell(entry, key))
        .join(' / '),
      formatMs(entry.wasm_raw_ms),
      heapCell(entry),
      entry.targets.map(formatTarget).join(', '),
    ];
  });
  return table(header, lines);
}

/** One line per distinct note, naming the entries it applies to. */
function formatNotes(entries: readonly BenchEntry[]): string[] {
  const byNote = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.note === undefined) continue;
    const name = `${entry.scenario} ${formatRows(entry.rows)} ${entry.runtime}`;
    byNote.set(entry.note, [...(byNote.get(entry.note) ?? []), name]);
  }
  return [...byNote].map(([note, names]) => `- ${names.join(', ')}: ${note}.`);
}

function communeSection(entries: readonly BenchEntry[]): string[] {
  const communes = formatCommuneTable(entries);
  return communes === null ? [] : [communes, '', COMMUNE_NOTE, ''];
}

const COMMUNE_NOTE =
  "- `drill-commune-*`: from the EPCI view to the communes of the parent drawn and coloured, through the app's " +
  'modules: commune files fetched and parsed by its LRU cache (emptied before each run, except ' +
  "`-cached`), the commune indicators by its pre-aggregate cache, the analysis view's classed scale " +
  "and the layers of `src/map/territory-layer.ts` (Chromium: from the EPCI view of the parent's " +
  "départements, coloured and named, until deck.gl's first frame with the commune layers, drawn by " +
  'software GL (SwiftShader) with vsync off, hence `layer: update` includes the tessellation; ' +
  'Node: their colour accessors evaluated per feature). The phases run one after the other (the app ' +
  'starts contours and query together, so it takes at most their sum). `raw_ms`: the same files ' +
  'fetched and parsed and the same SQL on DuckDB-WASM alone. `drill-commune-heap`: ten départements ' +
  'visited in a row at commune level, the heap after each one (forced collection); first → last.';

/**
 * The import against both `read_csv` baselines: bytes already in DuckDB's memory (`wasm_raw`, the
 * issue's target) and the file read where the app reads it (`import-file-read.ts`).
 */
export function formatImportSection(entries: readonly BenchEntry[]): string[] {
  const imports = entries.filter((entry) => entry.scenario === 'import');
  if (imports.length === 0) return [];
  const header = [
    'rows',
    'runtime',
    'app_ms',
    'read_csv, bytes in memory',
    'read_csv, the file',
    'app/read_csv (memory)',
    'app/read_csv (file)',
  ];
  const lines = imports.map((entry) => [
    formatRows(entry.rows),
    entry.runtime,
    formatMs(entry.app_ms),
    formatMs(entry.wasm_raw_ms),
    msCell(entry, 'read_csv_file_ms'),
    formatRatio(entry.ratios.app_vs_raw),
    formatRatio(numberOrNull(detail(entry, 'app_vs_read_csv_file'))),
  ]);
  return [table(header, lines), '', IMPORT_NOTE, ''];
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

const IMPORT_NOTE =
  '- `import`, the two `read_csv`: the same statement on DuckDB-WASM, reading bytes registered in ' +
  "its memory beforehand, or reading the file where the app reads it (Chromium: the `File` through DuckDB-WASM's " +
  "file reader; Node: the path through Node's file system). Their gap is what getting the file's bytes costs " +
  "the runtime, a cost the app cannot avoid; the app's time over the second is the import's own work.";

/** The whole markdown report. */
export function formatResultsMarkdown(results: BenchResults): string {
  const m = results.machine;
  const load =
    m.load_average_1m_end === undefined
      ? `${m.load_average_1m_start}`
      : `${m.load_average_1m_start} → ${m.load_average_1m_end}`;
  return [
    `Benchmark of ${m.date} (${results.options.quick ? '--quick, ' : ''}wall time ${results.wall_time_s} s): ` +
      `${m.cpus} × ${m.cpu_model}, ${m.memory_gb} GB, load average ${load}; Node ${m.node}, ` +
      `Chromium ${m.chromium ?? MISSING}, DuckDB-WASM ${m.duckdb_wasm}, native DuckDB ${m.duckdb_native}. ` +
      'Medians of the runs; ratios computed from the medians of the same run.',
    ...(results.earlier ?? []).map(
      (run) => `Entries of ${run.scenarios.join(', ')}: kept from the run of ${run.date}.`,
    ),
    '',
    formatEntriesTable(results.entries),
    '',
    formatScalingTable(results.scaling),
    '',
    ...communeSection(results.entries),
    ...formatImportSection(results.entries),
    ...NOTES,
    ...formatNotes(results.entries),
    '',
  ].join('\n');
}
