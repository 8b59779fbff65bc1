/**
 * The census figures the modelled stock is checked against: shares (%) of the five published
 * period groups of main residences per EPCI — the EPCI file itself, or the per-commune file
 * summed by EPCI when the user gave one.
 */
import { readFileSync } from 'node:fs';
import type { TerritoryCommune } from '../../src/domain/territory.ts';
import { groupsOfBins, parseEpciCensus } from './census-periods.ts';
import type { ModelInputs } from './model-inputs.ts';

/** Period-group shares per EPCI and the name of what they come from. */
export interface CensusReference {
  byEpci: Map<string, number[]>;
  reference: string;
}

/** The census reference of the inputs the stock was generated from. */
export function censusReference(
  communes: readonly TerritoryCommune[],
  inputs: ModelInputs,
): CensusReference {
  const file = inputs.report.communeFile;
  if (file !== null) {
    const sums = new Map<string, number[]>();
    const uncovered = new Set<string>();
    communes.forEach((commune, i) => {
      if (commune.code_epci === null) return;
      const census = inputs.communes[i]?.census;
      if (census == null) {
        uncovered.add(commune.code_epci);
        return;
      }
      const total = sums.get(commune.code_epci) ?? census.bins.map(() => 0);
      census.bins.forEach((count, k) => {
        total[k] = (total[k] ?? 0) + count;
      });
      sums.set(commune.code_epci, total);
    });
    // Only EPCI whose every commune is in the file: the others mix census and assumptions.
    return {
      byEpci: new Map(
        [...sums]
          .filter(([code]) => !uncovered.has(code))
          .map(([code, bins]) => [code, groupsOfBins(bins)]),
      ),
      reference: `recensement ${file.year} par commune (${file.path}), sommé par EPCI entièrement couvert`,
    };
  }
  const epci = inputs.report.epciFile;
  if (epci === null) return { byEpci: new Map(), reference: 'aucune' };
  const census = parseEpciCensus(readFileSync(epci.path, 'utf8'));
  return {
    byEpci: new Map([...census.bins].map(([code, bins]) => [code, groupsOfBins(bins)])),
    reference: `${epci.title} (${epci.vintage})`,
  };
}
