/**
 * Importer of the programme's three CSV files (schemas in docs/programme-csv.md): adopting
 * territories, carnets, and works recorded in carnets. Like the stock imports, every row read is
 * accepted or rejected with its line and a French reason (`rows_read = accepted + rejected`).
 *
 * The files depend on each other and are read in order: carnets are checked against the accepted
 * territories (warnings only), works must reference an accepted carnet.
 */
import { arrondissementToCommune, isSiren, normaliseInseeCode } from '../domain/codes.ts';
import { labelIndex } from '../domain/dpe.ts';
import type {
  ProgrammeCarnet,
  ProgrammeData,
  ProgrammeTerritory,
  ProgrammeWork,
  WorkType,
} from '../domain/programme-data.ts';
import { parseProgrammeDate } from '../domain/programme-dates.ts';
import type { DpeLabel } from '../domain/stock-schema.ts';
import { isDpeLabel } from '../domain/stock-schema.ts';
import { CsvReader } from './csv-reader.ts';
import type { ColumnSpec } from './header-match.ts';
import { fieldAt, matchColumns, missingColumnsError, projectColumns } from './header-match.ts';
import { ImportError } from './import-error.ts';
import type { ImportRejection, ImportWarning } from './import-report.ts';
import { REPORT_REJECTIONS_LIMIT } from './import-report.ts';
import { parseDecimal } from './parse-number.ts';

/** The three programme files. */
export type ProgrammeFileKind = 'territoires' | 'carnets' | 'travaux';

/** What one programme file import read, accepted and rejected. */
export interface ProgrammeImportReport {
  file: ProgrammeFileKind;
  rows_read: number;
  accepted: number;
  rejected: number;
  /** The first {@link REPORT_REJECTIONS_LIMIT} rejections, with the line as written. */
  rejections: ImportRejection[];
  warnings: ImportWarning[];
}

/** A commune of the territory reference. */
export interface ReferenceCommune {
  nom_commune: string;
  code_epci: string | null;
  code_region: string;
}

/** An EPCI of the territory reference. */
export interface ReferenceEpci {
  nom_epci: string;
  code_region: string;
}

/** The territory reference (e.g. COG 2023) the codes are checked against. */
export interface ProgrammeReference {
  /** Names the reference in messages, e.g. « COG 2023 ». */
  name: string;
  commune(code: string): ReferenceCommune | undefined;
  epci(siren: string): ReferenceEpci | undefined;
  /**
   * Current commune of a code the COG history lists as merged into another commune, or
   * undefined. Consulted only for codes that `commune` does not know.
   */
  successor?(code: string): string | undefined;
}

/** What every programme import needs: the calendar, the partner regions, the reference. */
export interface ProgrammeImportContext {
  calendar: { start: string; end: string };
  partnerRegions: readonly { code: string; name: string }[];
  /** Ids of the kinds of works the programme configuration declares (`work_types`). */
  workTypes: readonly WorkType[];
  /** Without it, codes are checked for their shape only and names stay null. */
  reference?: ProgrammeReference;
}

/** An import being fed: push text chunks, then `end()` for the rows and the report. */
export interface ProgrammeCsvImport<T> {
  push(chunk: string): void;
  end(): { rows: T[]; report: ProgrammeImportReport };
}

const FILE_TITLES: Record<ProgrammeFileKind, string> = {
  territoires: 'Fichier des territoires adhérents',
  carnets: 'Fichier des carnets',
  travaux: 'Fichier des travaux',
};

const WARNING_EXAMPLES = 10;

class ReportBuilder {
  readonly #file: ProgrammeFileKind;
  #read = 0;
  #accepted = 0;
  #rejected = 0;
  readonly #rejections: ImportRejection[] = [];
  readonly #warnings = new Map<string, { message: string; count: number; examples: Set<string> }>();

  constructor(file: ProgrammeFileKind) {
    this.#file = file;
  }

  read(): void {
    this.#read++;
  }

  accept(): void {
    this.#accepted++;
  }

  reject(line: number, reason: string, raw: string): void {
    this.#rejected++;
    if (this.#rejections.length < REPORT_REJECTIONS_LIMIT) {
      this.#rejections.push({ line, reason, raw });
    }
  }

  warn(code: string, message: string, example?: string, times = 1): void {
    if (times <= 0) return;
    const entry = this.#warnings.get(code) ?? { message, count: 0, examples: new Set<string>() };
    entry.count += times;
    if (example !== undefined && entry.examples.size < WARNING_EXAMPLES)
      entry.examples.add(example);
    this.#warnings.set(code, entry);
  }

  build(): ProgrammeImportReport {
    if (this.#read !== this.#accepted + this.#rejected) {
      throw new Error(
        `Import accounting broken: ${this.#read} read, ${this.#accepted} accepted, ${this.#rejected} rejected`,
      );
    }
    return {
      file: this.#file,
      rows_read: this.#read,
      accepted: this.#accepted,
      rejected: this.#rejected,
      rejections: [...this.#rejections],
      warnings: [...this.#warnings].map(([code, e]) => {
        const warning: ImportWarning = { code, message: e.message, count: e.count };
        if (e.examples.size > 0) warning.examples = [...e.examples];
        return warning;
      }),
    };
  }
}

/** Reads one record's fields by column key; `line` is its physical line. */
type RowMapper<K extends string, T> = (
  get: (key: K) => string,
  line: number,
  report: ReportBuilder,
) => T | string;

interface Schema<K extends string, T> {
  kind: ProgrammeFileKind;
  columns: readonly ColumnSpec<K>[];
  required: readonly K[];
  /** Extra header check (throws an ImportError); may warn. */
  checkHeader?: (
    has: (key: K) => boolean,
    header: readonly string[],
    report: ReportBuilder,
  ) => void;
  /** Builds the row mapper once the header is known. */
  mapper: () => RowMapper<K, T>;
}

function createImport<K extends string, T>(
  schema: Schema<K, T>,
  file?: string,
): ProgrammeCsvImport<T> {
  const report = new ReportBuilder(schema.kind);
  const rows: T[] = [];
  const title = FILE_TITLES[schema.kind];
  let map: RowMapper<K, T> | null = null;
  let slot: Record<K, number> | null = null;
  const reader = new CsvReader({
    header(header) {
      if (header.error !== null) {
        throw new ImportError(
          `${title} : ligne d’en-tête illisible : ${header.error}.`,
          file === undefined ? {} : { file },
        );
      }
      const { index } = matchColumns(header.names, schema.columns);
      const missing = schema.required.filter((key) => index[key] === undefined);
      if (missing.length > 0) throw missingColumnsError(title, missing, header.names, file);
      schema.checkHeader?.((key) => index[key] !== undefined, header.names, report);
      const projection = projectColumns(index, schema.columns);
      slot = projection.slot;
      map = schema.mapper();
      return projection.columns;
    },
    record(record) {
      report.read();
      if (record.error !== null) {
        report.reject(record.line, record.error, record.raw);
        return;
      }
      if (map === null || slot === null) throw new Error('CSV record before its header');
      const slots = slot;
      const result = map((key) => fieldAt(record.fields, slots[key]).trim(), record.line, report);
      if (typeof result === 'string') report.reject(record.line, result, record.raw);
      else {
        report.accept();
        rows.push(result);
      }
    },
  });
  return {
    push: (chunk) => reader.push(chunk),
    end() {
      reader.end();
      if (reader.header === null) {
        throw new ImportError(
          `${title} : le fichier est vide, aucune ligne d’en-tête.`,
          file === undefined ? {} : { file },
        );
      }
      report.warn(
        'lignes_vides',
        'Lignes vides ignorées : elles ne comptent pas comme des lignes lues.',
        undefined,
        reader.blankLines,
      );
      return { rows, report: report.build() };
    },
  };
}

const spec = <K extends string>(key: K, ...aliases: string[]): ColumnSpec<K> => ({
  key,
  names: [key, ...aliases],
});

/** Reads a date in the calendar; returns a rejection reason otherwise. */
function readDate(
  raw: string,
  column: string,
  calendar: ProgrammeImportContext['calendar'],
): { date: string } | string {
  if (raw === '') return `${column} absente`;
  const date = parseProgrammeDate(raw);
  if (date === null) {
    return `${column} illisible : « ${raw} » (formats acceptés : AAAA-MM-JJ ou JJ/MM/AAAA, date existante)`;
  }
  if (date < calendar.start || date > calendar.end) {
    return `${column} hors du calendrier du programme (${calendar.start} → ${calendar.end}) : ${date}`;
  }
  return { date };
}

const optional = (text: string): string | null => (text === '' ? null : text);

type TerritoryColumn =
  | 'siren_epci'
  | 'code_region_partenaire'
  | 'date_adoption'
  | 'operateur'
  | 'source';

/**
 * Starts the import of adopting territories: `siren_epci` (valid SIREN, known EPCI when a
 * reference is given, once per file), `code_region_partenaire` (one of the partner regions),
 * `date_adoption` (in the calendar), `operateur` (not empty).
 */
export function createTerritoriesImport(
  context: ProgrammeImportContext,
  file?: string,
): ProgrammeCsvImport<ProgrammeTerritory> {
  const regions = new Map(context.partnerRegions.map((r) => [r.code, r.name]));
  const expected = [...regions.keys()].join(', ');
  const reference = context.reference;
  return createImport<TerritoryColumn, ProgrammeTerritory>(
    {
      kind: 'territoires',
      columns: [
        spec('siren_epci', 'siren', 'code_epci', 'epci'),
        spec('code_region_partenaire', 'region_partenaire', 'code_region'),
        spec('date_adoption', 'date_adhesion', "date d'adoption", "date d'adhésion"),
        spec('operateur', 'operateur_terrain'),
        spec('source'),
      ],
      required: ['siren_epci', 'code_region_partenaire', 'date_adoption', 'operateur'],
      mapper() {
        const seen = new Map<string, number>();
        return (get, line, report) => {
          const rawSiren = get('siren_epci');
          const siren = rawSiren.replace(/[\s\u00a0\u202f]/g, '');
          if (siren === '') return 'siren_epci absent';
          if (!isSiren(siren)) {
            return `siren_epci invalide : « ${rawSiren} » (9 chiffres dont une clé de contrôle attendus)`;
          }
          const epci = reference?.epci(siren);
          if (reference !== undefined && epci === undefined) {
            return `EPCI inconnu du ${reference.name} : ${siren}`;
          }
          const previous = seen.get(siren);
          if (previous !== undefined)
            return `territoire en double : SIREN ${siren} déjà lu ligne ${previous}`;
          const region = get('code_region_partenaire').replace(/\.0+$/, '').padStart(2, '0');
          if (!regions.has(region)) {
            return `code_region_partenaire « ${get('code_region_partenaire')} » : pas une région partenaire du programme (attendu : ${expected})`;
          }
          const date = readDate(get('date_adoption'), 'date_adoption', context.calendar);
          if (typeof date === 'string') return date;
          const operateur = get('operateur');
          if (operateur === '') return 'operateur absent';
          if (epci !== undefined && epci.code_region !== region) {
            report.warn(
              'region_partenaire_differente',
              'Territoires rattachés à une région partenaire différente de la région de leur EPCI (gardés).',
              `${siren} : ${region} ≠ ${epci.code_region}`,
            );
          }
          seen.set(siren, line);
          return {
            siren_epci: siren,
            nom_epci: epci?.nom_epci ?? null,
            code_region_partenaire: region,
            date_adoption: date.date,
            operateur,
            source: optional(get('source')),
          };
        };
      },
    },
    file,
  );
}

type CarnetColumn = 'id_carnet' | 'code_commune' | 'date_ouverture' | 'operateur' | 'source';

/**
 * Starts the import of carnets: `id_carnet` (once per file), `code_commune` (INSEE code, known to
 * the reference; arrondissements mapped to their commune, communes merged since to the commune
 * that absorbed them), `date_ouverture` (in the calendar),
 * `operateur`. Carnets outside the adopting territories, or opened before their territory
 * adopted the programme, are kept with a warning.
 */
export function createCarnetsImport(
  context: ProgrammeImportContext,
  territories: readonly ProgrammeTerritory[],
  file?: string,
): ProgrammeCsvImport<ProgrammeCarnet> {
  const reference = context.reference;
  const adopting = new Map(territories.map((t) => [t.siren_epci, t]));
  return createImport<CarnetColumn, ProgrammeCarnet>(
    {
      kind: 'carnets',
      columns: [
        spec('id_carnet', 'identifiant_carnet', 'carnet'),
        spec('code_commune', 'code_insee', 'commune'),
        spec('date_ouverture', "date d'ouverture"),
        spec('operateur', 'operateur_terrain'),
        spec('source'),
      ],
      required: ['id_carnet', 'code_commune', 'date_ouverture', 'operateur'],
      mapper() {
        const seen = new Map<string, number>();
        return (get, line, report) => {
          const id = get('id_carnet');
          if (id === '') return 'id_carnet absent';
          const previous = seen.get(id);
          if (previous !== undefined)
            return `id_carnet en double : « ${id} » déjà lu ligne ${previous}`;
          const rawCommune = get('code_commune');
          if (rawCommune === '') return 'code_commune absent';
          const code = normaliseInseeCode(rawCommune);
          if (code === null)
            return `code_commune invalide : « ${rawCommune} » (code INSEE à 5 caractères attendu)`;
          let commune = arrondissementToCommune(code);
          if (commune !== code) {
            report.warn(
              'arrondissement_ramene_a_la_commune',
              'Codes d’arrondissement municipal (Paris, Lyon, Marseille) ramenés à leur commune.',
              `${code} → ${commune}`,
            );
          }
          let known = reference?.commune(commune);
          const successor = known === undefined ? reference?.successor?.(commune) : undefined;
          if (successor !== undefined && reference !== undefined) {
            report.warn(
              'commune_fusionnee',
              `Communes fusionnées (historique du ${reference.name}) : carnets rattachés à la commune nouvelle.`,
              `${commune} → ${successor}`,
            );
            commune = successor;
            known = reference.commune(successor);
          }
          if (reference !== undefined && known === undefined) {
            return `code_commune inconnu du ${reference.name} : ${commune}`;
          }
          const date = readDate(get('date_ouverture'), 'date_ouverture', context.calendar);
          if (typeof date === 'string') return date;
          const operateur = get('operateur');
          if (operateur === '') return 'operateur absent';
          const epci = known?.code_epci ?? null;
          const territory = epci === null ? undefined : adopting.get(epci);
          if (known !== undefined && territory === undefined) {
            report.warn(
              'carnet_hors_territoire_adherent',
              'Carnets ouverts dans une commune hors des territoires adhérents (gardés, comptés à part).',
              commune,
            );
          } else if (territory !== undefined && date.date < territory.date_adoption) {
            report.warn(
              'carnet_avant_adhesion',
              'Carnets ouverts avant la date d’adoption de leur territoire (gardés).',
              `${id} : ${date.date} < ${territory.date_adoption}`,
            );
          }
          seen.set(id, line);
          return {
            id_carnet: id,
            code_commune: commune,
            nom_commune: known?.nom_commune ?? null,
            code_epci: epci,
            code_region: known?.code_region ?? null,
            date_ouverture: date.date,
            operateur,
            source: optional(get('source')),
          };
        };
      },
    },
    file,
  );
}

type WorkColumn =
  | 'id_carnet'
  | 'date_travaux'
  | 'type_travaux'
  | 'etiquette_avant'
  | 'etiquette_apres'
  | 'conso_ep_avant'
  | 'conso_ep_apres'
  | 'conso_ef_avant'
  | 'conso_ef_apres'
  | 'surface_m2'
  | 'cout_ttc'
  | 'cout_ht'
  | 'source';

const WORK_COLUMNS: readonly ColumnSpec<WorkColumn>[] = [
  spec('id_carnet', 'identifiant_carnet', 'carnet'),
  spec('date_travaux'),
  spec('type_travaux'),
  spec('etiquette_avant'),
  spec('etiquette_apres'),
  spec('conso_ep_avant'),
  spec('conso_ep_apres'),
  spec('conso_ef_avant'),
  spec('conso_ef_apres'),
  spec('surface_m2', 'surface', 'surface_habitable'),
  spec('cout_ttc'),
  spec('cout_ht'),
  spec('source'),
];

/** Parses a label cell: null when empty, the label, or a rejection reason. */
function readLabel(raw: string, column: string): DpeLabel | null | { error: string } {
  if (raw === '') return null;
  const label = raw.toUpperCase();
  return isDpeLabel(label) ? label : { error: `${column} invalide : « ${raw} » (A à G attendu)` };
}

/** Parses a non-negative number cell: null when empty, the value, or a rejection reason. */
function readAmount(raw: string, column: string): number | null | { error: string } {
  const value = parseDecimal(raw);
  if (value === null) return null;
  if (Number.isNaN(value)) return { error: `${column} n'est pas un nombre : « ${raw} »` };
  if (value < 0) return { error: `${column} négatif : ${raw}` };
  return value;
}

type Pair<T> = { before: T | null; after: T | null };

/** Reads a before/after pair; a half-filled pair or an after worse than before is an error. */
function readPair<T>(
  get: (key: WorkColumn) => string,
  names: [WorkColumn, WorkColumn],
  read: (raw: string, column: string) => T | null | { error: string },
  worse: (before: T, after: T) => boolean,
  describeWorse: (before: T, after: T) => string,
): Pair<T> | string {
  const before = read(get(names[0]), names[0]);
  if (before !== null && typeof before === 'object' && 'error' in before) return before.error;
  const after = read(get(names[1]), names[1]);
  if (after !== null && typeof after === 'object' && 'error' in after) return after.error;
  const b = before as T | null;
  const a = after as T | null;
  if ((b === null) !== (a === null)) {
    const [filled, empty] = b === null ? [names[1], names[0]] : [names[0], names[1]];
    return `${empty} absente alors que ${filled} est renseignée`;
  }
  if (b !== null && a !== null && worse(b, a)) return describeWorse(b, a);
  return { before: b, after: a };
}

function readWorkTypes(raw: string, allowed: readonly WorkType[]): WorkType[] | string {
  if (raw === '') return 'type_travaux absent';
  const parts = raw.split('+').map((p) => p.trim().toLowerCase());
  const unknown = parts.filter((p) => !allowed.includes(p));
  if (unknown.length > 0) {
    return `type_travaux inconnu : « ${unknown.join(' + ')} » (valeurs admises, combinables par « + » : ${allowed.join(', ')})`;
  }
  return [...new Set(parts)];
}

/**
 * Starts the import of works: `id_carnet` (an accepted carnet), `date_travaux` (in the calendar,
 * not before the carnet's opening), `type_travaux` (a `work_types` id of the configuration, combinable with `+`),
 * labels A–G and/or consumptions before and after (at least one complete pair; after never worse
 * than before), `surface_m2` (> 0, optional), `cout_ttc` (≥ 0, optional).
 */
export function createWorksImport(
  context: ProgrammeImportContext,
  carnets: readonly ProgrammeCarnet[],
  file?: string,
): ProgrammeCsvImport<ProgrammeWork> {
  const carnetById = new Map(carnets.map((c) => [c.id_carnet, c]));
  return createImport<WorkColumn, ProgrammeWork>(
    {
      kind: 'travaux',
      columns: WORK_COLUMNS,
      required: ['id_carnet', 'date_travaux', 'type_travaux'],
      checkHeader(has, header, report) {
        const pairs: [WorkColumn, WorkColumn][] = [
          ['etiquette_avant', 'etiquette_apres'],
          ['conso_ep_avant', 'conso_ep_apres'],
          ['conso_ef_avant', 'conso_ef_apres'],
        ];
        if (!pairs.some(([b, a]) => has(b) && has(a))) {
          throw missingColumnsError(
            FILE_TITLES.travaux,
            [
              'etiquette_avant et etiquette_apres, ou conso_ep_avant et conso_ep_apres, ou conso_ef_avant et conso_ef_apres',
            ],
            header,
            file,
          );
        }
        if (has('cout_ht') && !has('cout_ttc')) {
          report.warn(
            'colonne_cout_ht_ignoree',
            'Colonne cout_ht ignorée : le schéma attend le coût TTC des travaux (colonne cout_ttc).',
          );
        }
      },
      mapper() {
        const seen = new Map<string, number>();
        return (get, line) => {
          const id = get('id_carnet');
          if (id === '') return 'id_carnet absent';
          const carnet = carnetById.get(id);
          if (carnet === undefined)
            return `id_carnet inconnu : « ${id} » (aucun carnet accepté avec cet identifiant)`;
          const date = readDate(get('date_travaux'), 'date_travaux', context.calendar);
          if (typeof date === 'string') return date;
          if (date.date < carnet.date_ouverture) {
            return `date_travaux (${date.date}) antérieure à l'ouverture du carnet (${carnet.date_ouverture})`;
          }
          const types = readWorkTypes(get('type_travaux'), context.workTypes);
          if (typeof types === 'string') return types;
          const labels = readPair(
            get,
            ['etiquette_avant', 'etiquette_apres'],
            readLabel,
            (b, a) => labelIndex(a) > labelIndex(b),
            (b, a) => `étiquette après travaux (${a}) moins bonne qu'avant (${b})`,
          );
          if (typeof labels === 'string') return labels;
          const consumption = (names: [WorkColumn, WorkColumn]) =>
            readPair(
              get,
              names,
              readAmount,
              (b, a) => a > b,
              (b, a) => `${names[1]} (${a}) supérieure à ${names[0]} (${b})`,
            );
          const ep = consumption(['conso_ep_avant', 'conso_ep_apres']);
          if (typeof ep === 'string') return ep;
          const ef = consumption(['conso_ef_avant', 'conso_ef_apres']);
          if (typeof ef === 'string') return ef;
          if (labels.before === null && ep.before === null && ef.before === null) {
            return 'ni étiquettes ni consommations avant et après travaux';
          }
          const surface = readAmount(get('surface_m2'), 'surface_m2');
          if (surface !== null && typeof surface === 'object') return surface.error;
          if (surface === 0) return 'surface_m2 nulle';
          const cost = readAmount(get('cout_ttc'), 'cout_ttc');
          if (cost !== null && typeof cost === 'object') return cost.error;
          const key = `${id}|${date.date}|${[...types].sort().join('+')}`;
          const previous = seen.get(key);
          if (previous !== undefined) {
            return `travaux en double (même carnet, date et type) : déjà lus ligne ${previous}`;
          }
          seen.set(key, line);
          return {
            id_carnet: id,
            date_travaux: date.date,
            type_travaux: types,
            etiquette_avant: labels.before,
            etiquette_apres: labels.after,
            conso_ep_avant: ep.before,
            conso_ep_apres: ep.after,
            conso_ef_avant: ef.before,
            conso_ef_apres: ef.after,
            surface_m2: surface,
            cout_ttc: cost,
            source: optional(get('source')),
          };
        };
      },
    },
    file,
  );
}

/** The three files' texts (or their names, for messages). */
export interface ProgrammeFiles<T> {
  territories: T;
  carnets: T;
  works: T;
}

/** The imported tables and the three reports. */
export interface ProgrammeImport {
  data: ProgrammeData;
  reports: ProgrammeFiles<ProgrammeImportReport>;
}

/**
 * Imports the three programme files from their whole texts, in order (territories, carnets,
 * works). Throws an {@link ImportError} for an empty file or missing required columns.
 */
export function importProgrammeCsv(
  texts: ProgrammeFiles<string>,
  context: ProgrammeImportContext,
  names?: ProgrammeFiles<string>,
): ProgrammeImport {
  const run = <T>(im: ProgrammeCsvImport<T>, text: string) => {
    im.push(text);
    return im.end();
  };
  const territories = run(createTerritoriesImport(context, names?.territories), texts.territories);
  const carnets = run(
    createCarnetsImport(context, territories.rows, names?.carnets),
    texts.carnets,
  );
  const works = run(createWorksImport(context, carnets.rows, names?.works), texts.works);
  return {
    data: { territories: territories.rows, carnets: carnets.rows, works: works.rows },
    reports: { territories: territories.report, carnets: carnets.report, works: works.report },
  };
}
