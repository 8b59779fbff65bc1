/**
 * A run of some scenarios only (`--scenarios drill-commune`) replaces their entries in
 * `bench/results/latest.json` and keeps the other scenarios' entries of the previous results, so
 * that measuring one scenario does not erase the figures of the others. Pure.
 */
import type { BenchEntry, BenchResults } from './bench-types.ts';

/** The scenario of the command line an entry belongs to (`filter-preagg` → `filter`). */
export function scenarioOf(entry: string): string {
  if (entry.startsWith('drill-commune')) return 'drill-commune';
  return entry.split('-')[0] ?? entry;
}

/** Scenarios measured by an earlier run than the file's own, and that run's date. */
export interface EarlierRun {
  date: string;
  scenarios: string[];
}

/**
 * The previous results' entries of the scenarios this run did not measure, and the runs that
 * measured them (an entry an earlier merge kept keeps its own run's date).
 */
export function keptEntries(
  previous: BenchResults | null,
  scenarios: readonly string[],
): { entries: BenchEntry[]; earlier: EarlierRun[] } {
  if (previous === null) return { entries: [], earlier: [] };
  const entries = previous.entries.filter(
    (entry) => !scenarios.includes(scenarioOf(entry.scenario)),
  );
  const dateOf = (scenario: string) =>
    previous.earlier?.find((run) => run.scenarios.includes(scenario))?.date ??
    previous.machine.date;
  const byDate = new Map<string, string[]>();
  for (const scenario of new Set(entries.map((entry) => scenarioOf(entry.scenario)))) {
    const date = dateOf(scenario);
    byDate.set(date, [...(byDate.get(date) ?? []), scenario]);
  }
  return {
    entries,
    earlier: [...byDate].map(([date, kept]) => ({ date, scenarios: kept })),
  };
}

/** Parses a previous `latest.json`; null when absent or not a results file. */
export function parsePreviousResults(text: string | null): BenchResults | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<BenchResults>;
    return Array.isArray(parsed.entries) && parsed.machine !== undefined
      ? (parsed as BenchResults)
      : null;
  } catch {
    return null;
  }
}
