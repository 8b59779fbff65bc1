import { describe, expect, it } from 'vitest';
import { summariseSamples } from '../../scripts/bench/bench-entry.ts';
import type { BenchEntry, BenchResults, ScenarioSamples } from '../../scripts/bench/bench-types.ts';
import { communeFileUrls, type DrillPhases } from '../../scripts/bench/drill-commune-core.ts';
import { summarisePhases, summariseTour } from '../../scripts/bench/drill-commune-measure.ts';
import {
  keptEntries,
  parsePreviousResults,
  scenarioOf,
} from '../../scripts/bench/results-merge.ts';
import { formatCommuneTable, formatResultsMarkdown } from '../../scripts/bench/results-table.ts';

function phases(contours: number, query: number, layer: number): DrillPhases {
  return {
    contours_ms: contours,
    query_ms: query,
    layer_ms: layer,
    build_ms: layer / 2,
    update_ms: null,
    draw_ms: null,
    communes: 95,
    coloured: 94,
    files: 1,
    labels: 95,
  };
}

function drill(scenario: string, runtime: 'node' | 'chromium', app: number[]): ScenarioSamples {
  return {
    scenario,
    rows: 800_000,
    runtime,
    samples: { app, wasm_raw: [10, 10, 10] },
    heapMb: 30,
    wasmHeapMb: null,
    details: summarisePhases([phases(20, 10, 70), phases(40, 10, 50), phases(30, 20, 50)]),
  };
}

describe('drill-commune figures', () => {
  it('gives the median of each phase and its share of their sum', () => {
    const summary = summarisePhases([phases(20, 10, 70), phases(40, 10, 50), phases(30, 20, 50)]);
    expect(summary).toMatchObject({ contours_ms: 30, query_ms: 10, layer_ms: 50 });
    expect(summary).toMatchObject({ contours_pct: 33, query_pct: 11, layer_pct: 56 });
    expect(summary).toMatchObject({ layer_build_ms: 25, layer_update_ms: null, communes: 95 });
    expect(summary.coloured).toBe(94);
  });

  it('measures the heap growth of the tour from the first visit to the last', () => {
    const tour = summariseTour(['62', '59', '02'], [40, 55.25, 52.1]);
    expect(tour).toMatchObject({ heap_first_mb: 40, heap_last_mb: 52.1, heap_max_mb: 55.25 });
    expect(tour.heap_growth_mb).toBe(12.1);
    expect(tour.departements).toBe('62,59,02');
    expect(summariseTour(['62'], [null]).heap_growth_mb).toBeNull();
  });

  it('serves the manifest files under the bench URL of the data directory', () => {
    const urls = communeFileUrls({ '59': 'data/communes-59.geojson' }, 'http://127.0.0.1:5/d/');
    expect(urls).toEqual({ '59': 'http://127.0.0.1:5/d/communes-59.geojson' });
  });

  it('checks the issue 13 targets: Chromium times, the heap growth in both runtimes', () => {
    const nord = summariseSamples(drill('drill-commune-nord', 'chromium', [900, 1200, 1100]));
    expect(nord.targets).toEqual([
      expect.objectContaining({ name: 'Nord ≤ 1 s', value: 1100, met: false }),
    ]);
    const cached = summariseSamples(drill('drill-commune-mel-cached', 'chromium', [250, 280]));
    expect(cached.targets[0]?.met).toBe(true);
    expect(summariseSamples(drill('drill-commune-nord', 'node', [2000])).targets).toEqual([]);
    const heap = summariseSamples({
      ...drill('drill-commune-heap', 'node', [40]),
      details: summariseTour(['62', '59'], [100, 260]),
    });
    expect(heap.targets[0]).toMatchObject({ value: 160, limit: 150, met: false });
  });

  it('tabulates the phases with their shares, and nothing without a drill-commune entry', () => {
    const entry = summariseSamples(drill('drill-commune-mel', 'chromium', [100, 120, 110]));
    const table = formatCommuneTable([entry]) ?? '';
    expect(table).toContain('| drill-commune-mel | chromium | 95 (94), 1 file | 110.0 |');
    expect(table).toContain('30.0 (33 %)');
    expect(formatCommuneTable([{ ...entry, scenario: 'filter' }])).toBeNull();
  });
});

describe('results of some scenarios only', () => {
  const entry = (scenario: string) => ({ scenario }) as BenchEntry;
  const previous = {
    machine: { date: '2026-11-28T20:40:29.695Z' },
    entries: ['filter', 'filter-preagg', 'drill', 'drill-commune-nord', 'import'].map(entry),
    earlier: [{ date: '2026-11-01T00:00:00.000Z', scenarios: ['import'] }],
  } as unknown as BenchResults;

  it('names the command-line scenario of an entry', () => {
    expect(scenarioOf('filter-active')).toBe('filter');
    expect(scenarioOf('drill')).toBe('drill');
    expect(scenarioOf('drill-commune-heap')).toBe('drill-commune');
  });

  it('keeps the entries of the scenarios not run, with the date of the run that measured them', () => {
    const kept = keptEntries(previous, ['drill-commune']);
    expect(kept.entries.map((e) => e.scenario)).toEqual([
      'filter',
      'filter-preagg',
      'drill',
      'import',
    ]);
    expect(kept.earlier).toEqual([
      { date: '2026-11-28T20:40:29.695Z', scenarios: ['filter', 'drill'] },
      { date: '2026-11-01T00:00:00.000Z', scenarios: ['import'] },
    ]);
    expect(keptEntries(previous, ['filter', 'drill', 'import', 'drill-commune']).entries).toEqual(
      [],
    );
    expect(keptEntries(null, ['drill'])).toEqual({ entries: [], earlier: [] });
  });

  it('reads a previous results file, and ignores a damaged one', () => {
    expect(parsePreviousResults(JSON.stringify(previous))?.entries).toHaveLength(5);
    expect(parsePreviousResults('{"entries": 3}')).toBeNull();
    expect(parsePreviousResults('not json')).toBeNull();
    expect(parsePreviousResults(null)).toBeNull();
  });

  it('says in the report which entries come from an earlier run', () => {
    const markdown = formatResultsMarkdown({
      machine: { ...previous.machine, cpus: 2, cpu_model: 'x', chromium: null },
      options: { quick: true, sizes: [], scenarios: ['drill-commune'], browser: true },
      wall_time_s: 5,
      entries: [],
      scaling: [],
      earlier: [{ date: '2026-11-01T00:00:00.000Z', scenarios: ['import'] }],
    } as unknown as BenchResults);
    expect(markdown).toContain('Entries of import: kept from the run of 2026-11-01T00:00:00.000Z.');
  });
});
