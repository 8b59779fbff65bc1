/**
 * Reads a per-commune census file in the layout of INSEE's « base-cc-logement » (one line per
 * commune, `;`-separated, counts of dwellings possibly with decimals since the census is a
 * survey): the columns documented in docs/census-csv.md, for any census year (`P20_…`,
 * `P21_…`). Municipal arrondissements are added to their commune; every line is counted as
 * accepted or rejected with its line number and reason.
 */
import { arrondissementToCommune, normaliseInseeCode } from '../../src/domain/codes.ts';
import { CsvReader } from '../../src/ingest/csv-reader.ts';
import { parseDecimal } from '../../src/ingest/parse-number.ts';
import { CENSUS_BINS } from './census-periods.ts';

/** What the census says of one commune (counts of dwellings). */
export interface CommuneCensus {
  /** Main residences by census bin (order of `CENSUS_BINS`). */
  bins: number[];
  mainResidences: number;
  /** Dwellings, secondary homes, vacant dwellings; null when the file lacks the column. */
  dwellings: number | null;
  secondary: number | null;
  vacant: number | null;
  /** Houses and flats among all dwellings; null when absent. */
  houses: number | null;
  flats: number | null;
  /** Main residences: owners, private tenants (all tenants minus social), social, free; null when absent. */
  tenure: [number, number, number, number] | null;
}

/** The file read. */
export interface CommuneCensusFile {
  /** Census year, from the column prefix (`P20_` → 2020). */
  year: number;
  communes: Map<string, CommuneCensus>;
  read: number;
  accepted: number;
  rejected: { line: number; reason: string }[];
  /** Optional columns found (`LOGVAC`, `MAISON`…). */
  optionalColumns: string[];
}

/** Columns required, after the `Pyy_` prefix. */
const REQUIRED_COLUMNS = [
  'RP',
  'RP_ACHTOT',
  'RP_ACH19',
  'RP_ACH45',
  'RP_ACH70',
  'RP_ACH90',
  'RP_ACH05',
] as const;
/** Columns read when present. */
const OPTIONAL_COLUMNS = [
  'LOG',
  'RSECOCC',
  'LOGVAC',
  'MAISON',
  'APPART',
  'RP_PROP',
  'RP_LOC',
  'RP_LOCHLMV',
  'RP_GRAT',
] as const;

/** A census file that cannot be read at all (French message). */
export class CensusFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CensusFileError';
  }
}

function findPrefix(names: readonly string[]): string | null {
  for (const name of names) {
    const match = /^(P\d\d)_RP_ACH19$/i.exec(name.trim());
    if (match) return match[1]?.toUpperCase() ?? null;
  }
  return null;
}

/**
 * Parses the text of a per-commune census file. The code column is `CODGEO` (or `COM`).
 * @throws CensusFileError when the header lacks the code or a required column.
 */
export function parseCommuneCensus(text: string): CommuneCensusFile {
  let index: Record<string, number> = {};
  let prefix = '';
  let codeColumn = -1;
  const optional: string[] = [];
  const communes = new Map<string, CommuneCensus>();
  const rejected: CommuneCensusFile['rejected'] = [];
  let read = 0;
  let headerError: string | null = null;
  const reader = new CsvReader({
    header(header) {
      const names = header.names.map((n) => n.trim().toUpperCase());
      codeColumn = names.findIndex((n) => n === 'CODGEO' || n === 'COM');
      const found = findPrefix(names);
      if (codeColumn < 0 || found === null) {
        headerError =
          codeColumn < 0
            ? 'colonne CODGEO (code commune) absente'
            : 'colonne Pxx_RP_ACH19 absente (ce n’est pas une base « logement » du recensement par commune)';
        return [];
      }
      prefix = found;
      const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(`${prefix}_${c}`));
      if (missing.length > 0) {
        headerError = `colonne(s) absente(s) : ${missing.map((c) => `${prefix}_${c}`).join(', ')}`;
        return [];
      }
      index = Object.fromEntries(names.map((n, i) => [n, i]));
      for (const c of OPTIONAL_COLUMNS) if (`${prefix}_${c}` in index) optional.push(c);
      return undefined;
    },
    record(record) {
      if (headerError !== null) return;
      read++;
      if (record.error !== null) {
        rejected.push({ line: record.line, reason: record.error });
        return;
      }
      const cell = (column: string): number | null => {
        const at = index[`${prefix}_${column}`];
        return at === undefined ? null : parseDecimal(record.fields[at] ?? '');
      };
      const raw = (record.fields[codeColumn] ?? '').trim();
      const normalised = normaliseInseeCode(raw);
      if (normalised === null) {
        rejected.push({ line: record.line, reason: `code commune invalide : « ${raw} »` });
        return;
      }
      const values = REQUIRED_COLUMNS.map(cell);
      const bad = values.findIndex((v) => v === null || Number.isNaN(v) || v < 0);
      if (bad >= 0) {
        const column = `${prefix}_${REQUIRED_COLUMNS[bad]}`;
        rejected.push({ line: record.line, reason: `valeur absente ou invalide en ${column}` });
        return;
      }
      const [rp = 0, total = 0, a19 = 0, a45 = 0, a70 = 0, a90 = 0, a05 = 0] = values as number[];
      const older = a19 + a45 + a70 + a90 + a05;
      const known = (column: string): number | null => {
        const value = cell(column);
        return value === null || Number.isNaN(value) || value < 0 ? null : value;
      };
      const loc = known('RP_LOC');
      const hlm = known('RP_LOCHLMV');
      const owners = known('RP_PROP');
      const free = known('RP_GRAT');
      const entry: CommuneCensus = {
        bins: [a19, a45, a70, a90, a05, Math.max(0, total - older), Math.max(0, rp - total)],
        mainResidences: rp,
        dwellings: known('LOG'),
        secondary: known('RSECOCC'),
        vacant: known('LOGVAC'),
        houses: known('MAISON'),
        flats: known('APPART'),
        tenure:
          owners !== null && loc !== null && hlm !== null && free !== null
            ? [owners, Math.max(0, loc - hlm), hlm, free]
            : null,
      };
      mergeInto(communes, arrondissementToCommune(normalised), entry);
    },
  });
  reader.push(text);
  reader.end();
  if (reader.header === null) throw new CensusFileError('fichier vide : aucune ligne d’en-tête');
  if (headerError !== null) throw new CensusFileError(headerError);
  return {
    year: 2000 + Number(prefix.slice(1)),
    communes,
    read,
    accepted: read - rejected.length,
    rejected,
    optionalColumns: optional,
  };
}

const addNullable = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : a + b;

/** Adds a line to its commune (arrondissements of Paris, Lyon and Marseille add up). */
function mergeInto(communes: Map<string, CommuneCensus>, code: string, entry: CommuneCensus): void {
  const previous = communes.get(code);
  if (previous === undefined) {
    communes.set(code, entry);
    return;
  }
  communes.set(code, {
    bins: CENSUS_BINS.map((_, i) => (previous.bins[i] ?? 0) + (entry.bins[i] ?? 0)),
    mainResidences: previous.mainResidences + entry.mainResidences,
    dwellings: addNullable(previous.dwellings, entry.dwellings),
    secondary: addNullable(previous.secondary, entry.secondary),
    vacant: addNullable(previous.vacant, entry.vacant),
    houses: addNullable(previous.houses, entry.houses),
    flats: addNullable(previous.flats, entry.flats),
    tenure:
      previous.tenure === null || entry.tenure === null
        ? null
        : [
            previous.tenure[0] + entry.tenure[0],
            previous.tenure[1] + entry.tenure[1],
            previous.tenure[2] + entry.tenure[2],
            previous.tenure[3] + entry.tenure[3],
          ],
  });
}
