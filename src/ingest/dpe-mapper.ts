/**
 * ADEME DPE open data (dwellings, since July 2021) to canonical stock rows: both header styles
 * (before 2025 `N°DPE`, `Etiquette_DPE`, `Code_INSEE_(BAN)`…; since 2025 `numero_dpe`,
 * `etiquette_dpe`, `code_insee_ban`…), one row per DPE, weight 1, label observed and kept as
 * published.
 */
import { classifyDpe } from '../domain/dpe.ts';
import type { StockRow } from '../domain/stock-schema.ts';
import { createCategoryReaders } from './category-readers.ts';
import type { CsvImport, ImportOptions, MapContext, MapperFactory } from './csv-import.ts';
import { createCsvImport } from './csv-import.ts';
import { DpeNumberSet } from './dpe-number-set.ts';
import { communeReader, isDpeLabel, positionReader, readNumber } from './field-parsers.ts';
import type { ColumnSpec } from './header-match.ts';
import { fieldAt, matchColumns, missingColumnsError, projectColumns } from './header-match.ts';
import { isLabelConsistent } from './label-consistency.ts';

type DpeColumn =
  | 'numero'
  | 'commune'
  | 'label'
  | 'ep'
  | 'ef'
  | 'ghg'
  | 'surface'
  | 'buildingType'
  | 'energy'
  | 'year'
  | 'period'
  | 'x'
  | 'y'
  | 'altitude'
  | 'zone'
  | 'date'
  | 'geopoint';

/** Columns read from a DPE file: the pre-2025 name first, then the 2025 snake_case name. */
export const DPE_COLUMNS: readonly ColumnSpec<DpeColumn>[] = [
  { key: 'numero', names: ['N°DPE', 'numero_dpe'] },
  { key: 'commune', names: ['Code_INSEE_(BAN)', 'code_insee_ban'] },
  { key: 'label', names: ['Etiquette_DPE', 'etiquette_dpe'] },
  { key: 'ep', names: ['Conso_5_usages_par_m²_é_primaire', 'conso_5_usages_par_m2_ep'] },
  { key: 'ef', names: ['Conso_5_usages/m²_é_finale', 'conso_5_usages_par_m2_ef'] },
  { key: 'ghg', names: ['Emission_GES_5_usages_par_m²', 'emission_ges_5_usages_par_m2'] },
  { key: 'surface', names: ['Surface_habitable_logement', 'surface_habitable_logement'] },
  { key: 'buildingType', names: ['Type_bâtiment', 'type_batiment'] },
  {
    key: 'energy',
    names: ['Type_énergie_principale_chauffage', 'type_energie_principale_chauffage'],
  },
  { key: 'year', names: ['Année_construction', 'annee_construction'] },
  { key: 'period', names: ['Période_construction', 'periode_construction'] },
  { key: 'x', names: ['Coordonnée_cartographique_X_(BAN)', 'coordonnee_cartographique_x_ban'] },
  { key: 'y', names: ['Coordonnée_cartographique_Y_(BAN)', 'coordonnee_cartographique_y_ban'] },
  { key: 'altitude', names: ['Classe_altitude', 'classe_altitude'] },
  { key: 'zone', names: ['Zone_climatique_', 'zone_climatique'] },
  { key: 'date', names: ['Date_établissement_DPE', 'date_etablissement_dpe'] },
  { key: 'geopoint', names: ['_geopoint'] },
];

function namesOf(key: DpeColumn): string {
  return DPE_COLUMNS.find((spec) => spec.key === key)?.names.join(' ou ') ?? key;
}

/** Above this, a consumption per m² is taken for an input error (G+ starts at 450 kWh/m²/an). */
export const MAX_ENERGY_KWH_M2 = 10_000;
/** Above this, GHG emissions per m² are taken for an input error (G starts at 100 kg/m²/an). */
export const MAX_GHG_KG_M2 = 3_000;

/**
 * Reads a consumption or emission per m²: negative or absurd values (above `max`) are warned
 * about and read as missing, so that the published label is kept but never recomputed from them.
 */
function readPlausible(raw: string, column: string, max: number, ctx: MapContext): number | null {
  const value = readNumber(raw, column, ctx);
  if (value === null || (value >= 0 && value <= max)) return value;
  ctx.warn(
    'valeur_aberrante',
    'Consommations ou émissions négatives ou aberrantes (plus de 10 000 kWh/m²/an, ou 3 000 kgCO2e/m²/an) lues comme absentes.',
    `${column} : ${raw.trim()}`,
  );
  return null;
}

/** Options of the DPE mapper. */
export interface DpeMapperOptions {
  /** Dataset name written on every row; 'dpe' by default. */
  dataset?: string;
  file?: string;
}

/**
 * Mapper factory for ADEME DPE files. Requires the commune code and either the label or the
 * primary energy and GHG values; other columns are optional (their absence is warned once).
 */
export function dpeMapperFactory(options: DpeMapperOptions = {}): MapperFactory {
  const dataset = options.dataset ?? 'dpe';
  return (header, context) => {
    const { index, duplicates } = matchColumns(header.names, DPE_COLUMNS);
    const hasValues = index.ep !== undefined && index.ghg !== undefined;
    const missing: string[] = [];
    if (index.commune === undefined) missing.push(`code commune (${namesOf('commune')})`);
    if (index.label === undefined && !hasValues) {
      missing.push(
        `étiquette (${namesOf('label')}) ou, à défaut, énergie primaire (${namesOf('ep')}) et GES (${namesOf('ghg')})`,
      );
    }
    if (missing.length > 0)
      throw missingColumnsError('Fichier DPE', missing, header.names, options.file);
    warnHeader(context, index, duplicates);

    const { columns, slot } = projectColumns(index, DPE_COLUMNS);
    const seen = new DpeNumberSet();
    const readCommune = communeReader(namesOf('commune'));
    const readPosition = positionReader();
    const categories = createCategoryReaders();
    return {
      columns,
      map(fields, ctx): StockRow | string {
        const get = (key: DpeColumn): string => fieldAt(fields, slot[key]);
        const commune = readCommune(get('commune'), ctx);
        if (typeof commune === 'string') return commune;
        const ep = readPlausible(get('ep'), 'énergie primaire', MAX_ENERGY_KWH_M2, ctx);
        const ghg = readPlausible(get('ghg'), 'GES', MAX_GHG_KG_M2, ctx);
        const rawLabel = get('label').trim();
        const published = rawLabel.toUpperCase();
        let label = isDpeLabel(published) ? published : null;
        if (label === null && ep === null && ghg === null) {
          return rawLabel === ''
            ? 'ni étiquette DPE ni consommations (énergie primaire et GES) : ligne inutilisable'
            : `étiquette DPE invalide : « ${rawLabel} », et pas de consommations pour la recalculer`;
        }
        if (label === null && (ep === null || ghg === null)) {
          const why = rawLabel === '' ? 'absente' : `invalide (« ${rawLabel} »)`;
          const lacking = ep === null ? 'énergie primaire absente' : 'GES absent';
          return `étiquette DPE ${why} et ${lacking} : étiquette impossible à recalculer`;
        }
        const numero = get('numero').trim();
        if (numero !== '' && seen.has(numero))
          return `numéro de DPE en double : « ${numero} » (première occurrence gardée)`;

        let surface = readNumber(get('surface'), 'surface habitable', ctx);
        if (surface !== null && surface <= 0) {
          ctx.warn(
            'surface_invalide',
            'Surfaces nulles ou négatives lues comme absentes.',
            String(surface),
          );
          surface = null;
        }
        const smallDwellingBounds = categories.smallDwellingBounds(get('date'));
        if (smallDwellingBounds === null && get('date').trim() !== '') {
          ctx.warn(
            'date_illisible',
            'Dates d’établissement illisibles (formats lus : 2023-05-01, 01/05/2023, 20230501) : les deux jeux de seuils sont admis pour vérifier l’étiquette.',
            get('date').trim(),
          );
        }
        if (ep !== null && ghg !== null) {
          const check = {
            epKwhM2: ep,
            ghgKgM2: ghg,
            surfaceM2: surface,
            highAltitude: categories.highAltitude(get('altitude'), get('zone')),
            smallDwellingBounds,
          };
          if (label === null) {
            label = classifyDpe({
              epKwhM2: ep,
              ghgKgM2: ghg,
              surfaceM2: check.smallDwellingBounds === false ? null : surface,
              highAltitude: check.highAltitude === true,
            });
            ctx.warn(
              rawLabel === '' ? 'etiquette_calculee' : 'etiquette_invalide_recalculee',
              rawLabel === ''
                ? 'Étiquettes absentes, calculées à partir de l’énergie primaire et des GES.'
                : 'Étiquettes invalides remplacées par celles calculées à partir de l’énergie primaire et des GES.',
              rawLabel === '' ? undefined : rawLabel,
            );
          } else if (!isLabelConsistent(label, check)) {
            ctx.countInconsistentLabel();
          }
        }
        if (numero !== '') seen.add(numero);

        const position = readPosition(
          commune.code_departement,
          get('x'),
          get('y'),
          get('geopoint'),
          ctx,
        );
        return {
          dataset,
          ...commune,
          code_epci: null,
          housing_type: categories.housingType(get('buildingType'), ctx),
          construction_period: categories.period(get('year'), get('period'), ctx),
          surface_m2: surface,
          heating_energy: categories.energy(get('energy'), ctx),
          occupancy: null,
          tenure: null,
          dpe_label: label,
          label_source: 'observed',
          ep_kwh_m2: ep,
          ef_kwh_m2: readPlausible(get('ef'), 'énergie finale', MAX_ENERGY_KWH_M2, ctx),
          ghg_kg_m2: ghg,
          weight: 1,
          lon: position.lon,
          lat: position.lat,
        };
      },
    };
  };
}

/** Starts the import of an ADEME DPE CSV. */
export function createDpeImport(options: ImportOptions & DpeMapperOptions = {}): CsvImport {
  return createCsvImport('dpe', dpeMapperFactory(options), options);
}

function warnHeader(
  context: MapContext,
  index: Partial<Record<DpeColumn, number>>,
  duplicates: readonly string[],
): void {
  const optional: DpeColumn[] = ['numero', 'surface', 'buildingType', 'energy', 'ef'];
  const absent = optional.filter((key) => index[key] === undefined).map(namesOf);
  if (index.year === undefined && index.period === undefined) {
    absent.push(`${namesOf('year')} ou ${namesOf('period')}`);
  }
  if (index.x === undefined && index.geopoint === undefined) {
    absent.push(`${namesOf('x')} ou ${namesOf('geopoint')}`);
  }
  if (absent.length > 0) {
    context.warn(
      'colonnes_facultatives_absentes',
      `Colonnes facultatives absentes (champs laissés vides) : ${absent.join(' ; ')}.`,
    );
  }
  if (index.numero === undefined) {
    context.warn(
      'doublons_non_verifies',
      'Pas de numéro de DPE : les doublons ne peuvent pas être détectés.',
    );
  }
  for (const name of duplicates) {
    context.warn('colonne_en_double', 'Colonnes présentes deux fois : la première est lue.', name);
  }
}
