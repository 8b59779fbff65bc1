/**
 * The canonical stock CSV (docs/canonical-stock-csv.md): one column per stock-row field, the
 * format a territorial model such as SITERRE exports. Strict, since the format is ours: a value
 * outside its documented domain rejects the row, naming the column and the value.
 */
import { isSiren } from '../domain/codes.ts';
import { classifyDpe } from '../domain/dpe.ts';
import type { StockRow } from '../domain/stock-schema.ts';
import {
  CONSTRUCTION_PERIODS,
  HEATING_ENERGIES,
  HOUSING_TYPES,
  LABEL_SOURCES,
  OCCUPANCIES,
  TENURES,
} from '../domain/stock-schema.ts';
import type { CsvImport, ImportOptions, MapContext, MapperFactory } from './csv-import.ts';
import { createCsvImport } from './csv-import.ts';
import { communeReader, isDpeLabel } from './field-parsers.ts';
import type { ColumnSpec } from './header-match.ts';
import { fieldAt, matchColumns, missingColumnsError, projectColumns } from './header-match.ts';
import { isLabelConsistent } from './label-consistency.ts';
import { parseDecimal } from './parse-number.ts';

type StockColumn =
  | 'code_commune'
  | 'code_epci'
  | 'housing_type'
  | 'construction_period'
  | 'surface_m2'
  | 'heating_energy'
  | 'occupancy'
  | 'tenure'
  | 'dpe_label'
  | 'label_source'
  | 'ep_kwh_m2'
  | 'ef_kwh_m2'
  | 'ghg_kg_m2'
  | 'weight'
  | 'lon'
  | 'lat';

/** Columns of the canonical stock CSV, in documentation order. */
export const STOCK_COLUMNS: readonly ColumnSpec<StockColumn>[] = (
  [
    'code_commune',
    'code_epci',
    'housing_type',
    'construction_period',
    'surface_m2',
    'heating_energy',
    'occupancy',
    'tenure',
    'dpe_label',
    'label_source',
    'ep_kwh_m2',
    'ef_kwh_m2',
    'ghg_kg_m2',
    'weight',
    'lon',
    'lat',
  ] as const
).map((key) => ({ key, names: [key] }));

/** Columns without which a stock file cannot be read. */
export const STOCK_REQUIRED_COLUMNS: readonly StockColumn[] = ['code_commune', 'weight'];

/** Options of the stock mapper. */
export interface StockMapperOptions {
  /** Dataset name written on every row; 'stock' by default. */
  dataset?: string;
  file?: string;
}

type Category<K extends string> = Readonly<Record<K, string>>;

/** Thrown inside {@link RecordMapper.map} to reject the row; caught there. */
class RowRejection {
  constructor(readonly reason: string) {}
}

/** Reads a category cell: empty → null, a key of `domain` (any case) → that key. */
function readCategory<K extends string>(
  raw: string,
  column: string,
  domain: Category<K>,
): K | null {
  const text = raw.trim();
  if (text === '') return null;
  const key = text.toLowerCase();
  if (Object.hasOwn(domain, key)) return key as K;
  throw new RowRejection(
    `${column} invalide : « ${text} » (valeurs admises : ${Object.keys(domain).join(', ')})`,
  );
}

interface NumberRule {
  /** The value must be > 0. */
  positive?: boolean;
  min?: number;
  max?: number;
}

/** Reads a number cell: empty → null, a number that obeys the rule → it. */
function readStrictNumber(raw: string, column: string, rule: NumberRule = {}): number | null {
  const value = parseDecimal(raw);
  if (value === null) return null;
  const text = raw.trim();
  if (Number.isNaN(value)) throw new RowRejection(`${column} n’est pas un nombre : « ${text} »`);
  if (rule.positive === true && !(value > 0)) {
    throw new RowRejection(`${column} doit être > 0 : « ${text} »`);
  }
  if (rule.min !== undefined && value < rule.min) {
    throw new RowRejection(`${column} doit être ≥ ${rule.min} : « ${text} »`);
  }
  if (rule.max !== undefined && value > rule.max) {
    throw new RowRejection(`${column} doit être ≤ ${rule.max} : « ${text} »`);
  }
  return value;
}

/** Mapper factory for the canonical stock CSV; `code_commune` and `weight` are required. */
export function stockMapperFactory(options: StockMapperOptions = {}): MapperFactory {
  const dataset = options.dataset ?? 'stock';
  return (header, context) => {
    const { index, duplicates } = matchColumns(header.names, STOCK_COLUMNS);
    const missing = STOCK_REQUIRED_COLUMNS.filter((key) => index[key] === undefined);
    if (missing.length > 0) {
      throw missingColumnsError('Fichier de stock', missing, header.names, options.file);
    }
    const absent = STOCK_COLUMNS.filter(
      (spec) => !OPTIONAL_SILENT.has(spec.key) && index[spec.key] === undefined,
    ).map((spec) => spec.key);
    if (absent.length > 0) {
      context.warn(
        'colonnes_facultatives_absentes',
        `Colonnes facultatives absentes (champs laissés vides) : ${absent.join(', ')}.`,
      );
    }
    for (const name of duplicates) {
      context.warn(
        'colonne_en_double',
        'Colonnes présentes deux fois : la première est lue.',
        name,
      );
    }
    const { columns, slot } = projectColumns(index, STOCK_COLUMNS);
    const readCommune = communeReader('code_commune');

    const mapRow = (fields: readonly string[], ctx: MapContext): StockRow => {
      const get = (key: StockColumn): string => fieldAt(fields, slot[key]);
      const commune = readCommune(get('code_commune'), ctx);
      if (typeof commune === 'string') throw new RowRejection(commune);
      const weight = readStrictNumber(get('weight'), 'weight', { positive: true });
      if (weight === null)
        throw new RowRejection('weight absent (nombre de logements représentés, > 0)');
      const epci = get('code_epci').trim();
      if (epci !== '' && !isSiren(epci)) {
        throw new RowRejection(`code_epci invalide : « ${epci} » (SIREN attendu)`);
      }
      const occupancy = readCategory(get('occupancy'), 'occupancy', OCCUPANCIES);
      let tenure = readCategory(get('tenure'), 'tenure', TENURES);
      const surface = readStrictNumber(get('surface_m2'), 'surface_m2', { positive: true });
      const ep = readStrictNumber(get('ep_kwh_m2'), 'ep_kwh_m2', { min: 0 });
      const ghg = readStrictNumber(get('ghg_kg_m2'), 'ghg_kg_m2', { min: 0 });
      const lon = readStrictNumber(get('lon'), 'lon', { min: -180, max: 180 });
      const lat = readStrictNumber(get('lat'), 'lat', { min: -90, max: 90 });
      if ((lon === null) !== (lat === null)) {
        throw new RowRejection('lon et lat doivent être renseignés ensemble');
      }

      const housing = readCategory(get('housing_type'), 'housing_type', HOUSING_TYPES);
      const period = readCategory(
        get('construction_period'),
        'construction_period',
        CONSTRUCTION_PERIODS,
      );
      const energy = readCategory(get('heating_energy'), 'heating_energy', HEATING_ENERGIES);
      const source = readCategory(get('label_source'), 'label_source', LABEL_SOURCES);
      const ef = readStrictNumber(get('ef_kwh_m2'), 'ef_kwh_m2', { min: 0 });
      // Everything that may reject the row is read above: warnings below concern accepted rows.
      const rawLabel = get('dpe_label').trim();
      const published = rawLabel.toUpperCase();
      if (rawLabel !== '' && !isDpeLabel(published)) {
        throw new RowRejection(
          `dpe_label invalide : « ${rawLabel} » (valeurs admises : A à G, ou vide)`,
        );
      }
      let label = isDpeLabel(published) ? published : null;
      if (ep !== null && ghg !== null) {
        const values = { epKwhM2: ep, ghgKgM2: ghg, surfaceM2: surface };
        if (label === null) {
          label = classifyDpe(values);
          ctx.warn(
            'etiquette_calculee',
            'Étiquettes vides, calculées à partir de ep_kwh_m2 et ghg_kg_m2 (règles en vigueur, hors altitude).',
          );
        } else if (
          !isLabelConsistent(label, { ...values, highAltitude: null, smallDwellingBounds: null })
        ) {
          ctx.countInconsistentLabel();
        }
      }
      if (tenure !== null && occupancy !== null && occupancy !== 'residence_principale') {
        ctx.warn(
          'statut_occupation_ignore',
          'tenure renseigné pour un logement qui n’est pas une résidence principale : ignoré.',
          `${occupancy} / ${tenure}`,
        );
        tenure = null;
      }
      return {
        dataset,
        ...commune,
        code_epci: epci === '' ? null : epci,
        housing_type: housing,
        construction_period: period,
        surface_m2: surface,
        heating_energy: energy,
        occupancy,
        tenure,
        dpe_label: label,
        label_source: source ?? 'modelled',
        ep_kwh_m2: ep,
        ef_kwh_m2: ef,
        ghg_kg_m2: ghg,
        weight,
        lon,
        lat,
      };
    };

    return {
      columns,
      map(fields, ctx) {
        try {
          return mapRow(fields, ctx);
        } catch (error) {
          if (error instanceof RowRejection) return error.reason;
          throw error;
        }
      },
    };
  };
}

/** Optional columns whose absence is normal: EPCI is derived, the label source defaults. */
const OPTIONAL_SILENT = new Set<StockColumn>(['code_epci', 'label_source']);

/** Starts the import of a canonical stock CSV. */
export function createStockImport(options: ImportOptions & StockMapperOptions = {}): CsvImport {
  return createCsvImport('stock', stockMapperFactory(options), options);
}
