/**
 * The dictionaries of an observation import (DPE, or a file whose columns the user mapped): each
 * low-cardinality column (commune code, label, building type, energy, period, date, altitude) is
 * read once per distinct value by the rules of `src/ingest/` and joined back in SQL, so that the
 * rules keep one owner and millions of rows cost a few thousand calls.
 */
import {
  arrondissementToCommune,
  departementOfCommune,
  normaliseInseeCode,
} from '../../domain/codes.ts';
import { isDpeLabel } from '../../domain/stock-schema.ts';
import {
  constructionPeriodOfLabel,
  constructionPeriodOfYear,
  constructionYearOf,
  heatingEnergyOf,
  housingTypeOf,
} from '../ademe-categories.ts';
import { regionOfDepartement } from '../departement-region.ts';
import { createSmallTable, type DictionarySpec, type SmallCell } from '../engine-tables.ts';
import type { ImportEngine } from '../import-engine.ts';
import { highAltitudeOf, smallDwellingBoundsOf } from '../label-consistency.ts';
import { projectedToWgs84 } from '../to-wgs84.ts';

/** A commune code read: codes, the arrondissement it replaced, or why it is refused. */
interface CommuneCell {
  code: string | null;
  departement: string | null;
  region: string | null;
  arrondissement: string | null;
  reason: string | null;
  /** The cell is empty (the commune may then come from the coordinates). */
  empty: boolean;
}

/**
 * Reads a commune cell as the former mapper did: trimmed, normalised (leading zero restored,
 * `.0` dropped), arrondissements of Paris, Lyon, Marseille mapped to their commune. `column` names
 * the column in reasons; null when the file has none.
 */
function readCommuneCell(raw: string, column: string | null): CommuneCell {
  const text = raw.trim();
  const none = { code: null, departement: null, region: null, arrondissement: null };
  if (text === '') {
    const reason =
      column === null
        ? 'ni code commune ni coordonnées utilisables'
        : `code commune absent (colonne ${column} vide)`;
    return { ...none, reason, empty: true };
  }
  const code = normaliseInseeCode(text);
  if (code === null) {
    const where = column === null ? '' : ` (colonne ${column})`;
    return { ...none, reason: `code commune invalide : « ${text} »${where}`, empty: false };
  }
  const commune = arrondissementToCommune(code);
  const departement = departementOfCommune(commune) ?? '';
  return {
    code: commune,
    departement,
    region: regionOfDepartement(departement) ?? '',
    arrondissement: commune === code ? null : code,
    reason: null,
    empty: false,
  };
}

/** The commune dictionary `d_commune` of `key`, reasons naming `column` (see {@link readCommuneCell}). */
export function communeDictionary(key: string, column: string | null): DictionarySpec {
  return {
    name: 'd_commune',
    keys: [key],
    columns: {
      code: 'VARCHAR',
      dep: 'VARCHAR',
      reg: 'VARCHAR',
      arrondissement: 'VARCHAR',
      reason: 'VARCHAR',
      empty: 'BOOLEAN',
    },
    read: ([raw = '']) => {
      const cell = readCommuneCell(raw, column);
      return [
        cell.code,
        cell.departement,
        cell.region,
        cell.arrondissement,
        cell.reason,
        cell.empty,
      ];
    },
  };
}

/** The staging columns (SQL expressions) the dictionaries read, NULL when absent. */
export interface DictionaryKeys {
  insee: string;
  label: string;
  housing: string;
  energy: string;
  year: string;
  period: string;
  date: string;
  altitude: string;
  zone: string;
}

const FLAGGED_VALUE = { value: 'VARCHAR', unknown: 'BOOLEAN' } as const;

function readLabel([raw = '']: string[]): SmallCell[] {
  const label = raw.trim().toUpperCase();
  return [isDpeLabel(label) ? label : null, raw.trim()];
}

function readHousing([raw = '']: string[]): SmallCell[] {
  const value = housingTypeOf(raw);
  return [value ?? null, value === undefined];
}

function readEnergy([raw = '']: string[]): SmallCell[] {
  const value = heatingEnergyOf(raw);
  return [value === undefined ? 'autre' : value, value === undefined];
}

function readPeriod([rawYear = '', rawPeriod = '']: string[]): SmallCell[] {
  const year = constructionYearOf(rawYear);
  if (year !== null && year !== undefined) return [constructionPeriodOfYear(year), false, false];
  const period = constructionPeriodOfLabel(rawPeriod);
  return [period ?? null, year === undefined, period === undefined];
}

function readDate([raw = '']: string[]): SmallCell[] {
  const small = smallDwellingBoundsOf(raw);
  return [small, small === null && raw.trim() !== ''];
}

/** The dictionaries `d_…` of an observation import over its staging columns `keys`. */
export function observationDictionaries(
  keys: DictionaryKeys,
  communeColumn: string | null,
): DictionarySpec[] {
  return [
    communeDictionary(keys.insee, communeColumn),
    {
      name: 'd_label',
      keys: [keys.label],
      columns: { label: 'VARCHAR', trimmed: 'VARCHAR' },
      read: readLabel,
    },
    { name: 'd_housing', keys: [keys.housing], columns: FLAGGED_VALUE, read: readHousing },
    { name: 'd_energy', keys: [keys.energy], columns: FLAGGED_VALUE, read: readEnergy },
    {
      name: 'd_period',
      keys: [keys.year, keys.period],
      columns: { value: 'VARCHAR', year_invalid: 'BOOLEAN', period_unknown: 'BOOLEAN' },
      read: readPeriod,
    },
    {
      name: 'd_date',
      keys: [keys.date],
      columns: { small: 'BOOLEAN', unreadable: 'BOOLEAN' },
      read: readDate,
    },
    {
      name: 'd_altitude',
      keys: [keys.altitude, keys.zone],
      columns: { high: 'BOOLEAN' },
      read: ([altitude = '', zone = '']) => [highAltitudeOf(altitude, zone)],
    },
  ];
}

/**
 * Projects the X/Y of overseas rows (UTM zones of their départements) with proj4, once per
 * distinct point of `pointsSql` (dep, x, y): `${prefix}d_overseas` (dep, x, y → lon, lat).
 */
export async function createOverseasProjections(
  engine: ImportEngine,
  prefix: string,
  pointsSql: string,
): Promise<void> {
  const points = await engine.query(pointsSql);
  const rows = points.map((row) => {
    const dep = String(row.dep);
    const x = row.x === null ? Number.NaN : Number(row.x);
    const y = row.y === null ? Number.NaN : Number(row.y);
    const position = projectedToWgs84(dep, x, y);
    return [dep, x, y, position?.[0] ?? null, position?.[1] ?? null];
  });
  const columns = {
    dep: 'VARCHAR',
    x: 'DOUBLE',
    y: 'DOUBLE',
    lon: 'DOUBLE',
    lat: 'DOUBLE',
  } as const;
  await createSmallTable(engine, `${prefix}d_overseas`, Object.entries(columns), rows);
}
