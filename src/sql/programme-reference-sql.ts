import {
  COMMUNE_SUCCESSOR_TABLE,
  TERRITORY_COMMUNE_TABLE,
  TERRITORY_EPCI_TABLE,
} from './tables.ts';

/** One row of {@link programmeCommuneReferenceSql}. */
export interface CommuneReferenceRow {
  code_commune: string;
  nom_commune: string;
  /** SIREN of the commune's EPCI; null for the few communes outside any EPCI. */
  code_epci: string | null;
  code_region: string;
}

/** One row of {@link programmeEpciReferenceSql}. */
export interface EpciReferenceRow {
  code_epci: string;
  nom_epci: string;
  /** Région of the EPCI's most populous commune. */
  code_region: string;
}

/**
 * The commune reference (COG of the stock database) the programme import checks carnets against:
 * code, name, EPCI and région, by code. The command line reads the same COG tables in Node.
 */
export function programmeCommuneReferenceSql(): string {
  return `SELECT code_commune, nom_commune, code_epci, code_region
FROM ${TERRITORY_COMMUNE_TABLE}
ORDER BY code_commune`;
}

/** The EPCI reference the programme import checks adopting territories against, by SIREN. */
export function programmeEpciReferenceSql(): string {
  return `SELECT code_epci, nom_epci, code_region
FROM ${TERRITORY_EPCI_TABLE}
ORDER BY code_epci`;
}

/** One row of {@link programmeCommuneSuccessorSql}. */
export interface CommuneSuccessorRow {
  old_code: string;
  code_commune: string;
}

/** The COG history of merged communes, by absorbed code, for the carnets' old codes. */
export function programmeCommuneSuccessorSql(): string {
  return `SELECT old_code, code_commune
FROM ${COMMUNE_SUCCESSOR_TABLE}
ORDER BY old_code`;
}
