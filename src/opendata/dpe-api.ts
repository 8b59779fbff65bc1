/**
 * The ADEME DPE dataset of existing dwellings (`dpe03existant`) on data.ademe.fr: where it is,
 * which fields are asked for, and how a territory's communes become requests (arrondissement
 * codes for Paris, Lyon and Marseille; long lists split; `_in` and `_gte` filters, since a bare
 * `field=value` is silently ignored by the API).
 */
import { communeRecordCodes } from '../domain/codes.ts';
import { DATA_FAIR_MAX_SIZE, dataFairLinesUrl } from './data-fair-client.ts';

/** Identifier of the dataset on data.ademe.fr. */
const DPE_DATASET_ID = 'dpe03existant';

/** Default dataset URL; `ADEME_DPE_API` replaces it (a mirror, or a local test server). */
export const DPE_API_DEFAULT = `https://data.ademe.fr/data-fair/api/v1/datasets/${DPE_DATASET_ID}`;

/** The dataset's page, where a user filters the DPE of a territory and exports them as CSV. */
export const DPE_DATASET_PAGE = `https://data.ademe.fr/datasets/${DPE_DATASET_ID}`;

/** Name of the environment variable that overrides {@link DPE_API_DEFAULT}. */
export const DPE_API_VARIABLE = 'ADEME_DPE_API';

/** Producer and licence, as cited with the data. */
export const DPE_SOURCE_NAME = `ADEME, DPE des logements existants (${DPE_DATASET_ID}), Licence Ouverte 2.0`;

/**
 * Fields asked for (`select`): those the DPE import reads (2025 names), and those of the fetch
 * rules (replaced DPE, modification date, geocoding quality).
 */
export const DPE_API_FIELDS = [
  'numero_dpe',
  'numero_dpe_remplace',
  'date_etablissement_dpe',
  'date_derniere_modification_dpe',
  'etiquette_dpe',
  'etiquette_ges',
  'conso_5_usages_par_m2_ep',
  'conso_5_usages_par_m2_ef',
  'emission_ges_5_usages_par_m2',
  'type_batiment',
  'surface_habitable_logement',
  'annee_construction',
  'periode_construction',
  'type_energie_principale_chauffage',
  'zone_climatique',
  'classe_altitude',
  'code_insee_ban',
  'code_postal_ban',
  'code_departement_ban',
  'coordonnee_cartographique_x_ban',
  'coordonnee_cartographique_y_ban',
  'statut_geocodage',
  'score_ban',
] as const;

/** Commune codes per request: keeps URLs far below the 8 KB that proxies commonly accept. */
const DPE_CODES_PER_REQUEST = 200;

/** The `code_insee_ban` values of a territory's communes (arrondissements for PLM). */
export function dpeRecordCodes(communes: readonly string[]): string[] {
  return [...new Set(communes.flatMap(communeRecordCodes))].sort();
}

/** Options of {@link dpeQueryUrls}. */
export interface DpeQueryOptions {
  /** Only DPE modified on or after this date (`YYYY-MM-DD`). */
  since?: string;
  /** Page size (default and maximum 10,000). */
  size?: number;
  codesPerRequest?: number;
}

/** First URL of each request covering the communes (one per slice of codes). */
export function dpeQueryUrls(
  base: string,
  communes: readonly string[],
  options: DpeQueryOptions = {},
): string[] {
  const codes = dpeRecordCodes(communes);
  const per = options.codesPerRequest ?? DPE_CODES_PER_REQUEST;
  const urls: string[] = [];
  for (let start = 0; start < codes.length; start += per) {
    const params: Record<string, string | number | readonly string[]> = {
      code_insee_ban_in: codes.slice(start, start + per),
      select: DPE_API_FIELDS,
      size: options.size ?? DATA_FAIR_MAX_SIZE,
    };
    if (options.since !== undefined) params.date_derniere_modification_dpe_gte = options.since;
    urls.push(dataFairLinesUrl(base, params));
  }
  return urls;
}
