/**
 * A per-commune census file matched to the communes of the territory: lines of communes merged
 * since the census go to the commune that absorbed them (their counts summed).
 */
import { readFileSync } from 'node:fs';
import type { TerritoryCommune } from '../../src/domain/territory.ts';
import { type CommuneCensus, parseCommuneCensus } from './census-commune-csv.ts';
import { CENSUS_BINS } from './census-periods.ts';
import { loadCommuneSuccessors } from './commune-successors.ts';

/** What was read from the per-commune census file and matched. */
export interface CommuneCensusReport {
  path: string;
  year: number;
  read: number;
  accepted: number;
  rejected: { line: number; reason: string }[];
  optionalColumns: string[];
  /** Census codes attached to the commune that absorbed them since. */
  successors: number;
  /** Census codes found in no commune of the territory. */
  unknown: string[];
}

/** The census line of each commune (by its index in `communes`) that the file lists. */
export function matchCommuneCensus(
  communes: readonly TerritoryCommune[],
  path: string,
): { byIndex: Map<number, CommuneCensus>; report: CommuneCensusReport } {
  const file = parseCommuneCensus(readFileSync(path, 'utf8'));
  const indexByCode = new Map(communes.map((c, i) => [c.code_commune, i]));
  const successors = loadCommuneSuccessors();
  let attached = 0;
  const unknown: string[] = [];
  const linesByIndex = new Map<number, CommuneCensus[]>();
  for (const [code, census] of file.communes) {
    let index = indexByCode.get(code);
    const successor = successors.get(code);
    if (index === undefined && successor !== undefined) {
      index = indexByCode.get(successor);
      if (index !== undefined) attached++;
    }
    if (index === undefined) {
      unknown.push(code);
      continue;
    }
    linesByIndex.set(index, [...(linesByIndex.get(index) ?? []), census]);
  }
  const byIndex = new Map<number, CommuneCensus>();
  for (const [index, lines] of linesByIndex) {
    const census = lines.length === 1 ? lines[0] : mergeLines(lines);
    if (census !== undefined) byIndex.set(index, census);
  }
  return {
    byIndex,
    report: {
      path,
      year: file.year,
      read: file.read,
      accepted: file.accepted,
      rejected: file.rejected,
      optionalColumns: file.optionalColumns,
      successors: attached,
      unknown,
    },
  };
}

/** Sums the lines of communes merged into one since the census (nullable counts stay null). */
function mergeLines(lines: readonly CommuneCensus[]): CommuneCensus {
  const sum = (pick: (c: CommuneCensus) => number | null): number | null =>
    lines.every((l) => pick(l) !== null) ? lines.reduce((a, l) => a + (pick(l) ?? 0), 0) : null;
  const tenures = lines.map((l) => l.tenure);
  return {
    bins: CENSUS_BINS.map((_, k) => lines.reduce((a, l) => a + (l.bins[k] ?? 0), 0)),
    mainResidences: lines.reduce((a, l) => a + l.mainResidences, 0),
    dwellings: sum((l) => l.dwellings),
    secondary: sum((l) => l.secondary),
    vacant: sum((l) => l.vacant),
    houses: sum((l) => l.houses),
    flats: sum((l) => l.flats),
    tenure: tenures.every((t) => t !== null)
      ? ([0, 1, 2, 3].map((k) => tenures.reduce((a, t) => a + (t?.[k] ?? 0), 0)) as [
          number,
          number,
          number,
          number,
        ])
      : null,
  };
}
