/**
 * Readers of the BDNB cells: each low-cardinality column of the BDNB tables is read once per
 * distinct value (dictionaries `d_…`), over one relation of every value of every file, so that the
 * side tables and the main table's own side columns share them.
 */
import { isSiren } from '../../domain/codes.ts';
import { isDpeLabel } from '../../domain/stock-schema.ts';
import { BDNB_FIELDS, type BdnbField } from '../../sql/import/bdnb-sql.ts';
import { constructionPeriodOfYear, housingTypeOf } from '../ademe-categories.ts';
import {
  createDictionaries,
  type DictionarySpec,
  type SmallCell,
  type SmallColumnType,
} from '../engine-tables.ts';
import type { ImportEngine } from '../import-engine.ts';
import { BDNB_COLUMN_NAMES, presentBdnbFields } from './bdnb-tables.ts';
import type { ParsedTable } from './format.ts';
import {
  communeDictionary,
  type DictionaryKeys,
  observationDictionaries,
} from './observation-dictionaries.ts';

/** A label cell: the label, whether it is invalid, and the value as published. */
function readBdnbLabel([raw = '']: string[]): SmallCell[] {
  const published = raw.trim().toUpperCase();
  const valid = isDpeLabel(published);
  return [valid ? published : null, published !== '' && !valid, published];
}

/** A construction year cell (`1975`, `1975.0`): its period, or whether it is invalid. */
function readBdnbYear([raw = '']: string[]): SmallCell[] {
  const text = raw.trim();
  const match = /^(\d{4})(?:[.,]0+)?$/.exec(text);
  const year = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (text === '') return [null, false];
  if (!(year >= 1000 && year <= 2100)) return [null, true];
  return [constructionPeriodOfYear(year), false];
}

/** A usage cell: the housing type of a residential building, or whether it is unknown. */
function readBdnbUsage([raw = '']: string[]): SmallCell[] {
  if (!/residentiel/i.test(raw.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))) {
    return [null, false];
  }
  const housing = housingTypeOf(raw);
  return [housing ?? null, housing === undefined];
}

/** An EPCI cell: the SIREN, or whether it is invalid. */
function readBdnbEpci([raw = '']: string[]): SmallCell[] {
  const text = raw.trim();
  if (text === '') return [null, false];
  return isSiren(text) ? [text, false] : [null, true];
}

const LABEL_COLUMNS: Readonly<Record<string, SmallColumnType>> = {
  label: 'VARCHAR',
  invalid: 'BOOLEAN',
  published: 'VARCHAR',
};

/** The DPE columns read by the observation dictionaries (housing, energy, period, date). */
const DPE_KEYS: DictionaryKeys = {
  insee: 'NULL::VARCHAR',
  label: 'NULL::VARCHAR',
  housing: 'building_type',
  energy: 'energy',
  year: 'year_dpe',
  period: 'period',
  date: 'date',
  altitude: 'NULL::VARCHAR',
  zone: 'NULL::VARCHAR',
};
const SHARED = new Set(['d_housing', 'd_energy', 'd_period', 'd_date']);

const BDNB_DICTIONARIES: readonly DictionarySpec[] = [
  ...observationDictionaries(DPE_KEYS, null).filter((d) => SHARED.has(d.name)),
  { name: 'd_label', keys: ['label'], columns: LABEL_COLUMNS, read: readBdnbLabel },
  { name: 'd_predicted', keys: ['predicted'], columns: LABEL_COLUMNS, read: readBdnbLabel },
  {
    name: 'd_year',
    keys: ['year'],
    columns: { period: 'VARCHAR', invalid: 'BOOLEAN' },
    read: readBdnbYear,
  },
  {
    name: 'd_usage',
    keys: ['usage'],
    columns: { housing: 'VARCHAR', unknown: 'BOOLEAN' },
    read: readBdnbUsage,
  },
  {
    name: 'd_epci',
    keys: ['epci'],
    columns: { code: 'VARCHAR', invalid: 'BOOLEAN' },
    read: readBdnbEpci,
  },
  communeDictionary('commune', BDNB_COLUMN_NAMES.commune),
];

/** One relation of every field of every file (NULL where a file lacks it). */
function allValuesSql(parsed: readonly ParsedTable[]): string {
  const union = parsed.map((p) => {
    const present = presentBdnbFields(p.names);
    const columns = BDNB_FIELDS.map((f: BdnbField) =>
      present.has(f) ? f : `NULL::VARCHAR AS ${f}`,
    );
    return `SELECT ${columns.join(', ')} FROM ${p.table}`;
  });
  return `(${union.join(' UNION ALL ')})`;
}

/** Creates the dictionaries `${prefix}d_…` of a BDNB import over all its parsed files. */
export async function createBdnbDictionaries(
  engine: ImportEngine,
  prefix: string,
  parsed: readonly ParsedTable[],
): Promise<void> {
  await createDictionaries(engine, prefix, allValuesSql(parsed), BDNB_DICTIONARIES);
}
