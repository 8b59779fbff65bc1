/**
 * Canonical programme tables: adopting territories, carnets and recorded works, as the CSV
 * importer produces them and the KPI, budget, savings and export modules read them. Dates are
 * `YYYY-MM-DD`.
 */
import type { DpeLabel } from './stock-schema.ts';

/**
 * Id of a kind of works (`type_travaux`), as declared by the programme configuration's
 * `work_types`; a work may combine several (`isolation_murs+chauffage`).
 */
export type WorkType = string;

/** Value of the optional `source` column that marks fictitious rows. */
export const DEMO_SOURCE = 'démonstration';

/** A territory (EPCI) that adopted the programme. */
export interface ProgrammeTerritory {
  siren_epci: string;
  /** EPCI name from the territory reference, when known. */
  nom_epci: string | null;
  code_region_partenaire: string;
  date_adoption: string;
  operateur: string;
  /** Free origin of the row; {@link DEMO_SOURCE} for demo data. */
  source: string | null;
}

/** A carnet opened for a household. */
export interface ProgrammeCarnet {
  id_carnet: string;
  code_commune: string;
  /** Commune name, EPCI and région from the territory reference, when known. */
  nom_commune: string | null;
  code_epci: string | null;
  code_region: string | null;
  date_ouverture: string;
  operateur: string;
  source: string | null;
}

/** A renovation work recorded in a carnet. */
export interface ProgrammeWork {
  id_carnet: string;
  date_travaux: string;
  type_travaux: WorkType[];
  etiquette_avant: DpeLabel | null;
  etiquette_apres: DpeLabel | null;
  /** Primary energy, kWhEP/m²/yr. */
  conso_ep_avant: number | null;
  conso_ep_apres: number | null;
  /** Final energy, kWhEF/m²/yr. */
  conso_ef_avant: number | null;
  conso_ef_apres: number | null;
  surface_m2: number | null;
  /** Cost of the works, € TTC (what the household pays). */
  cout_ttc: number | null;
  source: string | null;
}

/** The three programme tables. */
export interface ProgrammeData {
  territories: ProgrammeTerritory[];
  carnets: ProgrammeCarnet[];
  works: ProgrammeWork[];
}

/** Whether any row of the data is marked as demonstration data. */
export function isDemoData(data: ProgrammeData): boolean {
  const demo = (row: { source: string | null }) => row.source === DEMO_SOURCE;
  return data.territories.some(demo) || data.carnets.some(demo) || data.works.some(demo);
}

/** Latest date recorded in the data (adoption, carnet or work), or null when it holds none. */
export function latestProgrammeDate(data: ProgrammeData): string | null {
  let latest = '';
  for (const t of data.territories) if (t.date_adoption > latest) latest = t.date_adoption;
  for (const c of data.carnets) if (c.date_ouverture > latest) latest = c.date_ouverture;
  for (const w of data.works) if (w.date_travaux > latest) latest = w.date_travaux;
  return latest === '' ? null : latest;
}
