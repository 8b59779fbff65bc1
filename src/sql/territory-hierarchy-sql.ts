/**
 * The territory reference of the stock database, for the drill-down: names and parents of the
 * EPCI and communes (région and département names come with their contours).
 */
import { TERRITORY_COMMUNE_TABLE, TERRITORY_EPCI_TABLE } from './tables.ts';

/** One row of {@link territoryHierarchySql}. */
export interface TerritoryHierarchyRow {
  level: 'epci' | 'commune';
  code: string;
  name: string;
  code_epci: string | null;
  code_departement: string | null;
  code_region: string | null;
}

/**
 * Every EPCI (with the département and région of its most populous commune, as the indicators
 * count it) and every commune (with its EPCI, département and région).
 */
export function territoryHierarchySql(): string {
  return `SELECT 'epci' AS level, code_epci AS code, nom_epci AS name, code_epci,
  code_departement, code_region
FROM ${TERRITORY_EPCI_TABLE}
UNION ALL
SELECT 'commune' AS level, code_commune AS code, nom_commune AS name, code_epci,
  code_departement, code_region
FROM ${TERRITORY_COMMUNE_TABLE}
ORDER BY level, code`;
}
