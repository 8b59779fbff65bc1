import { TERRITORY_COMMUNE_TABLE, TERRITORY_EPCI_TABLE } from './tables.ts';

/**
 * The commune reference a campaign's comparison territories are chosen from (rows of
 * `CampaignCommune`, campaign-comparison.ts): EPCI, its legal form, population.
 */
export function campaignCommuneReferenceSql(): string {
  return `SELECT code_commune, nom_commune, code_epci, type_epci, code_region, population::DOUBLE AS population
FROM ${TERRITORY_COMMUNE_TABLE}
ORDER BY code_commune`;
}

/** The EPCI reference of the campaigns (rows of `CampaignEpci`). */
export function campaignEpciReferenceSql(): string {
  return `SELECT code_epci, nom_epci, type_epci, code_region, population::DOUBLE AS population
FROM ${TERRITORY_EPCI_TABLE}
ORDER BY code_epci`;
}
