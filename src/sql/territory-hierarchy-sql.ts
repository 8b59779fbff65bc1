/**
 * The territory reference of the stock database, for the drill-down: names and parents of the
 * EPCI and communes (région and département names come with their contours).
 */
import { TERRITORY_COMMUNE_TABLE, TERRITORY_EPCI_TABLE } from './tables.ts';

/**
 * Every EPCI (with the département and région of its most populous commune, as the indicators
 * count it) and every commune (with its EPCI, département and région); rows are
 * `TerritoryHierarchyRow` (`domain/territory-hierarchy.ts`).
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
