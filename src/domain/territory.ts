/**
 * Territory vocabulary: the tables commune → EPCI → département → région of one COG vintage,
 * and the EPCI contours drawn on the maps.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';

/** Levels of the drill-down, coarsest first. */
export const TERRITORY_LEVELS = ['region', 'departement', 'epci', 'commune'] as const;

/** A level of the drill-down. */
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** One territory: its level and code (INSEE for région, département, commune; SIREN for EPCI). */
export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

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

/** Properties of an EPCI contour in `epci.geojson`. */
export interface EpciProperties {
  /** SIREN of the EPCI. */
  code: string;
  nom: string;
  /** CA, CC, CU, ME, METLYON. */
  type: string;
}

/** One EPCI contour. */
export type EpciFeature = Feature<Geometry, EpciProperties>;

/** The EPCI contours. */
export type EpciCollection = FeatureCollection<Geometry, EpciProperties>;
