/** Territory tables: commune → EPCI → département → région, for one COG vintage. */

export interface TerritoryCommune {
  code_commune: string;
  nom_commune: string;
  /** SIREN of the EPCI, or null for the few communes outside any EPCI (islands). */
  code_epci: string | null;
  code_departement: string;
  code_region: string;
  /** Municipal population (INSEE). */
  population: number;
}

export interface TerritoryEpci {
  code_epci: string;
  nom_epci: string;
  /** CA, CC, CU, ME (métropole), METLYON. */
  type_epci: string;
  /** Département and région of the most populous member commune. */
  code_departement: string;
  code_region: string;
  population: number;
  commune_count: number;
  has_contour: boolean;
}
