/**
 * COG history of merged communes ("communes nouvelles"), from the same npm package as the EPCI
 * membership (`@etalab/decoupage-administratif@6.0.0`, `data/communes.json`, COG 2026): each
 * current commune lists in `anciensCodes` the codes it absorbed since 1943. A record that still
 * carries an absorbed code is attached to the commune that absorbed it. The same table is written
 * into `stock.duckdb` (`commune_successor`) for the browser's imports.
 */
import { type CogCommune, readPackageData } from './cog-territory.ts';

/** A commune of the package with its history. */
interface PackageCommune extends CogCommune {
  anciensCodes?: string[];
}

/**
 * Absorbed commune code → code of the current commune that absorbed it. A code that is still a
 * current commune (the chef-lieu of a commune nouvelle often keeps its code) is not listed.
 */
export function buildCommuneSuccessors(communes: readonly PackageCommune[]): Map<string, string> {
  const actual = communes.filter((c) => c.type === 'commune-actuelle');
  const current = new Set(actual.map((commune) => commune.code));
  const successors = new Map<string, string>();
  for (const commune of actual) {
    for (const old of commune.anciensCodes ?? []) {
      if (!current.has(old)) successors.set(old, commune.code);
    }
  }
  return new Map([...successors].sort(([a], [b]) => a.localeCompare(b)));
}

/** Absorbed commune code → current commune, from the installed package. */
export function loadCommuneSuccessors(): Map<string, string> {
  return buildCommuneSuccessors(readPackageData<PackageCommune[]>('communes.json'));
}
