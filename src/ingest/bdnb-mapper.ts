/**
 * BDNB (Base de données nationale des bâtiments, CSTB) CSV exports to canonical stock rows, one
 * per building group, weight = its dwellings (`nb_log`). Tables joined on `batiment_groupe_id`:
 *
 * - `batiment_groupe` (main table, read last): `code_commune_insee`, `code_epci_insee`,
 *   `geom_groupe_pos_wgs84`;
 * - `batiment_groupe_ffo_bat`: `nb_log`, `annee_construction`, `usage_niveau_1_txt`;
 * - `batiment_groupe_dpe_representatif_logement`: `classe_bilan_dpe`, `conso_5_usages_ep_m2`,
 *   `conso_5_usages_ef_m2`, `emission_ges_5_usages_m2`, `type_batiment_dpe`,
 *   `periode_construction_dpe`, `surface_habitable_logement`, `type_energie_chauffage`…
 *   (label observed);
 * - `batiment_groupe_simulations_dpe` (optional): `etiquette_dpe_initial_map`, with its
 *   reliability `etiquette_dpe_initial_inc` from 1 (unreliable) to 5 (label predicted).
 *
 * The side tables are read first and kept in memory by building group (parsed, a few numbers and
 * category keys each); the main table is then streamed and joined row by row. A single file that
 * holds the columns of several tables (a joined export) is read as the main table.
 */
import { isSiren } from '../domain/codes.ts';
import { classifyDpe } from '../domain/dpe.ts';
import type { DpeLabel, StockRow } from '../domain/stock-schema.ts';
import { constructionPeriodOfYear, constructionYearOf } from './ademe-categories.ts';
import { createCategoryReaders } from './category-readers.ts';
import type { ImportOptions, MapContext } from './csv-import.ts';
import { epciResolver, warnBlankLines } from './csv-import.ts';
import type { CsvHeader, CsvRecord } from './csv-reader.ts';
import { CsvReader } from './csv-reader.ts';
import { detachString } from './detach-string.ts';
import { communeReader, isDpeLabel, readNumber } from './field-parsers.ts';
import type { ColumnSpec } from './header-match.ts';
import {
  describeFoundColumns,
  fieldAt,
  matchColumns,
  normaliseHeaderName,
  projectColumns,
} from './header-match.ts';
import { ImportError } from './import-error.ts';
import type { ImportReport } from './import-report.ts';
import { ImportReportBuilder } from './import-report.ts';
import { isLabelConsistent } from './label-consistency.ts';
import { parseDecimal } from './parse-number.ts';

/** The BDNB tables this importer joins. */
export const BDNB_TABLES = [
  'batiment_groupe',
  'batiment_groupe_ffo_bat',
  'batiment_groupe_dpe_representatif_logement',
  'batiment_groupe_simulations_dpe',
] as const;
/** One of {@link BDNB_TABLES}. */
export type BdnbTable = (typeof BDNB_TABLES)[number];

type BdnbColumn =
  | 'id'
  | 'commune'
  | 'epci'
  | 'point'
  | 'nbLog'
  | 'year'
  | 'usage'
  | 'label'
  | 'ep'
  | 'ef'
  | 'ghg'
  | 'buildingType'
  | 'period'
  | 'yearDpe'
  | 'surface'
  | 'energy'
  | 'date'
  | 'predicted'
  | 'reliability';

const spec = (key: BdnbColumn, ...names: string[]): ColumnSpec<BdnbColumn> => ({ key, names });

const ID = spec('id', 'batiment_groupe_id');
const MAIN_COLUMNS = [
  ID,
  spec('commune', 'code_commune_insee'),
  spec('epci', 'code_epci_insee'),
  spec('point', 'geom_groupe_pos_wgs84'),
];
const FFO_COLUMNS = [
  ID,
  spec('nbLog', 'nb_log'),
  spec('year', 'annee_construction'),
  spec('usage', 'usage_niveau_1_txt'),
];
const DPE_COLUMNS = [
  ID,
  spec('label', 'classe_bilan_dpe'),
  spec('ep', 'conso_5_usages_ep_m2'),
  spec('ef', 'conso_5_usages_ef_m2'),
  spec('ghg', 'emission_ges_5_usages_m2'),
  spec('buildingType', 'type_batiment_dpe'),
  spec('period', 'periode_construction_dpe'),
  spec('yearDpe', 'annee_construction_dpe'),
  spec('surface', 'surface_habitable_logement'),
  spec('energy', 'type_energie_chauffage'),
  spec('date', 'date_etablissement_dpe'),
];
const SIMULATION_COLUMNS = [
  ID,
  spec('predicted', 'etiquette_dpe_initial_map'),
  spec('reliability', 'etiquette_dpe_initial_inc'),
];

/** The column that identifies each table (besides `batiment_groupe_id`). */
const TABLE_MARKERS: readonly [BdnbTable, string][] = [
  ['batiment_groupe', 'code_commune_insee'],
  ['batiment_groupe_ffo_bat', 'nb_log'],
  ['batiment_groupe_dpe_representatif_logement', 'classe_bilan_dpe'],
  ['batiment_groupe_simulations_dpe', 'etiquette_dpe_initial_map'],
];

/**
 * Which BDNB table a header belongs to, from its columns: `batiment_groupe_id` plus the marker
 * column of the table. A header with `code_commune_insee` is the main table even when it also
 * holds the other tables' columns. Null when not a table of {@link BDNB_TABLES}.
 */
export function detectBdnbTable(names: readonly string[]): BdnbTable | null {
  const normal = new Set(names.map(normaliseHeaderName));
  if (!normal.has('batiment_groupe_id')) return null;
  for (const [table, marker] of TABLE_MARKERS) if (normal.has(marker)) return table;
  return null;
}

/** What a side table contributes to a building group. */
interface FfoEntry {
  nbLog: string;
  period: StockRow['construction_period'];
  housing: StockRow['housing_type'];
}
interface DpeEntry {
  label: DpeLabel | null;
  ep: number | null;
  ef: number | null;
  ghg: number | null;
  surface: number | null;
  housing: StockRow['housing_type'];
  period: StockRow['construction_period'];
  energy: StockRow['heating_energy'];
  smallDwellingBounds: boolean | null;
}
interface SimulationEntry {
  label: DpeLabel | null;
  reliability: number | null;
}

/** Whether a side-table row was joined to a building group of the main table. */
type Joined<T> = T & { used: boolean };

interface Side {
  table: BdnbTable;
  file: string;
  rowsRead: number;
  unused: number;
  entries: Map<string, { used: boolean }>;
}

/** How a table's header turns into a projection and a record handler. */
interface TableSetup {
  columns: number[];
  record: (record: CsvRecord) => void;
}

/** Options of the BDNB import. */
export interface BdnbImportOptions extends Omit<ImportOptions, 'file' | 'separator'> {
  /** Dataset name written on every row; 'bdnb' by default. */
  dataset?: string;
  /** Predicted labels less reliable than this (1–5) are left empty; 1 keeps them all. */
  minPredictionReliability?: number;
}

/** A file being fed to the BDNB import. */
export interface BdnbFileSink {
  push(chunk: string): void;
  end(): void;
}

/** A BDNB import: open each file (side tables first), feed it, then `end()` for the report. */
export interface BdnbImport {
  /** Opens a file; its table is detected from its header. */
  openFile(file: string): BdnbFileSink;
  end(): ImportReport;
  readonly report: ImportReportBuilder;
}

/** Reliability classes reported for predicted labels. */
const RELIABILITY_KEYS = ['1', '2', '3', '4', '5'] as const;

/** Starts a BDNB import. */
export function createBdnbImport(options: BdnbImportOptions = {}): BdnbImport {
  const dataset = options.dataset ?? 'bdnb';
  const minReliability = options.minPredictionReliability ?? 1;
  const report = new ImportReportBuilder('bdnb');
  const context: MapContext = {
    warn: (code, message, example) => report.warn(code, message, example),
    countInconsistentLabel: () => report.countInconsistentLabel(),
  };
  const categories = createCategoryReaders();
  const resolveEpci = epciResolver(report, options);
  const ffo = new Map<string, Joined<FfoEntry>>();
  const dpe = new Map<string, Joined<DpeEntry>>();
  const simulations = new Map<string, Joined<SimulationEntry>>();
  const sides: Side[] = [];
  const files: string[] = [];
  let mainFile: string | null = null;
  let mainRows = 0;
  let mainRejected = 0;
  const byReliability = new Map<string, number>();

  function sideReader<T>(
    table: BdnbTable,
    file: string,
    entries: Map<string, Joined<T>>,
    columns: readonly ColumnSpec<BdnbColumn>[],
    parse: (get: (key: BdnbColumn) => string) => T,
  ): (header: CsvHeader) => TableSetup {
    const side: Side = { table, file, rowsRead: 0, unused: 0, entries };
    sides.push(side);
    return (header) => {
      const { index } = matchColumns(header.names, columns);
      const { columns: projection, slot } = projectColumns(index, columns);
      return {
        columns: projection,
        record(record) {
          side.rowsRead++;
          const problem = (reason: string) => {
            side.unused++;
            context.warn(
              'ligne_bdnb_inutilisable',
              'Lignes des tables BDNB secondaires inutilisables (ignorées) : voir les exemples.',
              `${file}, ligne ${record.line} : ${reason}`,
            );
          };
          if (record.error !== null) return problem(record.error);
          const get = (key: BdnbColumn): string => fieldAt(record.fields, slot[key]);
          const id = get('id').trim();
          if (id === '') return problem('batiment_groupe_id absent');
          if (entries.has(id)) return problem(`batiment_groupe_id en double : « ${id} »`);
          entries.set(detachString(id), { ...parse(get), used: false });
        },
      };
    };
  }

  function mainReader(file: string): (header: CsvHeader) => TableSetup {
    return (header) => {
      report.setHeader(header.raw, header.separator);
      const all = [
        ...MAIN_COLUMNS,
        ...FFO_COLUMNS.slice(1),
        ...DPE_COLUMNS.slice(1),
        ...SIMULATION_COLUMNS.slice(1),
      ];
      const { index } = matchColumns(header.names, all);
      const hasNbLog =
        sides.some((side) => side.table === 'batiment_groupe_ffo_bat') || index.nbLog !== undefined;
      const hasLabels =
        sides.some((s) => s.table !== 'batiment_groupe_ffo_bat') ||
        index.label !== undefined ||
        index.predicted !== undefined;
      const missing: string[] = [];
      if (!hasNbLog) missing.push('batiment_groupe_ffo_bat (nb_log)');
      if (!hasLabels) {
        missing.push(
          'batiment_groupe_dpe_representatif_logement (classe_bilan_dpe) ou batiment_groupe_simulations_dpe (etiquette_dpe_initial_map)',
        );
      }
      if (missing.length > 0) {
        throw new ImportError(
          `BDNB : table${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(' ; ')}. Fichiers lus : ${files.join(', ')}.`,
          { file },
        );
      }
      const { columns, slot } = projectColumns(index, all);
      const readCommune = communeReader('code_commune_insee');
      const seen = new Set<string>();
      // A joined export carries the side tables' columns on the main row itself.
      const own = <T>(
        entries: Map<string, Joined<T>>,
        id: string,
        present: boolean,
        parse: () => T,
      ): Joined<T> | undefined =>
        entries.get(id) ?? (present ? { ...parse(), used: false } : undefined);
      return {
        columns,
        record(record) {
          mainRows++;
          report.read();
          const reject = (reason: string) => {
            mainRejected++;
            report.reject(record.line, reason, record.raw);
          };
          if (record.error !== null) return reject(record.error);
          const get = (key: BdnbColumn): string => fieldAt(record.fields, slot[key]);
          const id = get('id').trim();
          if (id === '') return reject('batiment_groupe_id absent');
          if (seen.has(id))
            return reject(`batiment_groupe_id en double : « ${id} » (première occurrence gardée)`);
          const commune = readCommune(get('commune'), context);
          if (typeof commune === 'string') return reject(commune);
          const building = own(ffo, id, slot.nbLog >= 0, () => parseFfo(get));
          if (building === undefined) {
            return reject(
              `nb_log inconnu : aucune ligne de batiment_groupe_ffo_bat pour « ${id} »`,
            );
          }
          building.used = true;
          const nbLog = parseDecimal(building.nbLog);
          if (nbLog === null)
            return reject(`nb_log absent pour « ${id} » : nombre de logements inconnu`);
          if (Number.isNaN(nbLog) || nbLog < 0 || !Number.isInteger(nbLog)) {
            return reject(`nb_log invalide : « ${building.nbLog} »`);
          }
          if (nbLog === 0) return reject('nb_log = 0 : aucun logement dans ce bâtiment');
          seen.add(detachString(id));

          const observed = own(dpe, id, slot.label >= 0, () => parseDpe(get));
          if (observed !== undefined) observed.used = true;
          const simulation = own(simulations, id, slot.predicted >= 0, () => parseSimulation(get));
          if (simulation !== undefined) simulation.used = true;
          let label: DpeLabel | null = observed?.label ?? null;
          let source: StockRow['label_source'] = 'observed';
          if (observed !== undefined && observed.ep !== null && observed.ghg !== null) {
            const values = {
              epKwhM2: observed.ep,
              ghgKgM2: observed.ghg,
              surfaceM2: observed.surface,
            };
            if (label === null) {
              label = classifyDpe({
                ...values,
                surfaceM2: observed.smallDwellingBounds === false ? null : observed.surface,
              });
              context.warn(
                'etiquette_calculee',
                'Étiquettes du DPE représentatif absentes, calculées à partir de l’énergie primaire et des GES.',
              );
            } else if (
              !isLabelConsistent(label, {
                ...values,
                highAltitude: null,
                smallDwellingBounds: observed.smallDwellingBounds,
              })
            ) {
              context.countInconsistentLabel();
            }
          }
          if (label === null && simulation?.label != null) {
            const reliability = simulation.reliability;
            if (reliability !== null && reliability < minReliability) {
              context.warn(
                'prediction_peu_fiable',
                `Étiquettes prédites de fiabilité inférieure à ${minReliability} laissées vides.`,
              );
            } else {
              label = simulation.label;
              source = 'predicted';
              const key = reliability === null ? 'inconnue' : String(reliability);
              byReliability.set(key, (byReliability.get(key) ?? 0) + nbLog);
            }
          }
          const row: StockRow = {
            dataset,
            ...commune,
            code_epci: readEpci(get('epci'), context),
            housing_type: observed?.housing ?? building.housing,
            construction_period: building.period ?? observed?.period ?? null,
            surface_m2: observed?.surface ?? null,
            heating_energy: observed?.energy ?? null,
            occupancy: null,
            tenure: null,
            dpe_label: label,
            label_source: source,
            ep_kwh_m2: observed?.ep ?? null,
            ef_kwh_m2: observed?.ef ?? null,
            ghg_kg_m2: observed?.ghg ?? null,
            weight: nbLog,
            ...readPoint(get('point'), context),
          };
          resolveEpci(row);
          report.accept(row);
          options.onRow?.(row, record.line);
        },
      };
    };
  }

  function parseFfo(get: (key: BdnbColumn) => string): FfoEntry {
    const year = constructionYearOf(get('year'));
    if (year === undefined) {
      context.warn(
        'annee_invalide',
        'Années de construction illisibles ignorées.',
        get('year').trim(),
      );
    }
    const usage = get('usage');
    return {
      nbLog: detachString(get('nbLog').trim()),
      period: year === null || year === undefined ? null : constructionPeriodOfYear(year),
      housing: /residentiel/i.test(usage.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
        ? categories.housingType(usage, context)
        : null,
    };
  }

  function parseDpe(get: (key: BdnbColumn) => string): DpeEntry {
    const published = get('label').trim().toUpperCase();
    if (published !== '' && !isDpeLabel(published)) {
      context.warn('etiquette_invalide', 'Étiquettes DPE invalides ignorées.', published);
    }
    let surface = readNumber(get('surface'), 'surface_habitable_logement', context);
    if (surface !== null && surface <= 0) surface = null;
    return {
      label: isDpeLabel(published) ? published : null,
      ep: readNumber(get('ep'), 'conso_5_usages_ep_m2', context),
      ef: readNumber(get('ef'), 'conso_5_usages_ef_m2', context),
      ghg: readNumber(get('ghg'), 'emission_ges_5_usages_m2', context),
      surface,
      housing: categories.housingType(get('buildingType'), context),
      period: categories.period(get('yearDpe'), get('period'), context),
      energy: categories.energy(get('energy'), context),
      smallDwellingBounds: categories.smallDwellingBounds(get('date')),
    };
  }

  function parseSimulation(get: (key: BdnbColumn) => string): SimulationEntry {
    const published = get('predicted').trim().toUpperCase();
    if (published !== '' && !isDpeLabel(published)) {
      context.warn('etiquette_invalide', 'Étiquettes DPE invalides ignorées.', published);
    }
    const reliability = parseDecimal(get('reliability'));
    const valid =
      reliability !== null && Number.isInteger(reliability) && reliability >= 1 && reliability <= 5;
    if (reliability !== null && !valid) {
      context.warn(
        'fiabilite_invalide',
        'Fiabilités de prédiction hors de 1 à 5 ignorées.',
        get('reliability').trim(),
      );
    }
    return {
      label: isDpeLabel(published) ? published : null,
      reliability: valid ? reliability : null,
    };
  }

  return {
    report,
    openFile(file) {
      if (mainFile !== null) {
        throw new Error(
          `BDNB: ${file} opened after the main table ${mainFile}; read side tables first`,
        );
      }
      files.push(file);
      let rows: ((record: CsvRecord) => void) | null = null;
      let isMain = false;
      const reader = new CsvReader({
        header(header) {
          if (header.error !== null) {
            throw new ImportError(`Ligne d’en-tête illisible : ${header.error}.`, { file });
          }
          const table = detectBdnbTable(header.names);
          let setup: TableSetup;
          switch (table) {
            case 'batiment_groupe':
              mainFile = file;
              isMain = true;
              setup = mainReader(file)(header);
              break;
            case 'batiment_groupe_ffo_bat':
              setup = sideReader(table, file, ffo, FFO_COLUMNS, parseFfo)(header);
              break;
            case 'batiment_groupe_dpe_representatif_logement':
              setup = sideReader(table, file, dpe, DPE_COLUMNS, parseDpe)(header);
              break;
            case 'batiment_groupe_simulations_dpe':
              setup = sideReader(
                table,
                file,
                simulations,
                SIMULATION_COLUMNS,
                parseSimulation,
              )(header);
              break;
            default:
              throw new ImportError(
                `BDNB : table non reconnue. Attendu : ${BDNB_TABLES.join(', ')} (colonne batiment_groupe_id et ${TABLE_MARKERS.map(([, m]) => m).join(' / ')}). Colonnes trouvées : ${describeFoundColumns(header.names)}.`,
                { file },
              );
          }
          rows = setup.record;
          return setup.columns;
        },
        record: (record) => rows?.(record),
      });
      return {
        push: (chunk) => reader.push(chunk),
        end() {
          reader.end();
          if (reader.header === null) {
            throw new ImportError('Le fichier est vide : aucune ligne d’en-tête.', { file });
          }
          if (isMain) warnBlankLines(report, reader.blankLines);
        },
      };
    },
    end() {
      if (mainFile === null) {
        throw new ImportError(
          `BDNB : table batiment_groupe manquante (colonnes batiment_groupe_id et code_commune_insee). Fichiers lus : ${files.join(', ') || 'aucun'}.`,
        );
      }
      for (const side of sides) {
        let orphans = 0;
        for (const entry of side.entries.values()) if (!entry.used) orphans++;
        if (orphans > 0) {
          report.warn(
            'ligne_bdnb_sans_batiment',
            'Lignes de tables BDNB secondaires sans bâtiment correspondant dans batiment_groupe (ou rattachées à un bâtiment rejeté) : ignorées.',
            `${side.file} : ${orphans}`,
            orphans,
          );
        }
        report.addSource({
          file: side.file,
          table: side.table,
          rows_read: side.rowsRead,
          rows_unused: side.unused + orphans,
        });
      }
      report.addSource({
        file: mainFile,
        table: 'batiment_groupe',
        rows_read: mainRows,
        rows_unused: mainRejected,
      });
      const built = report.build();
      if (byReliability.size > 0) {
        built.predicted_by_reliability = Object.fromEntries(
          [...RELIABILITY_KEYS, 'inconnue'].flatMap((key) => {
            const weight = byReliability.get(key);
            return weight === undefined ? [] : [[key, weight]];
          }),
        );
      }
      return built;
    },
  };
}

function readEpci(raw: string, context: MapContext): string | null {
  const text = raw.trim();
  if (text === '') return null;
  if (isSiren(text)) return text;
  context.warn(
    'code_epci_invalide',
    'Codes EPCI invalides ignorés (EPCI déduit de la commune).',
    text,
  );
  return null;
}

/** `POINT(lon lat)` (optionally `SRID=4326;`) to a position. */
function readPoint(raw: string, context: MapContext): { lon: number | null; lat: number | null } {
  const text = raw.trim();
  if (text === '') return { lon: null, lat: null };
  const match = /^(?:SRID=4326;)?\s*POINT\s*\(\s*(-?\d+(?:\.\d+)?)\s+(-?\d+(?:\.\d+)?)\s*\)$/i.exec(
    text,
  );
  const lon = Number(match?.[1]);
  const lat = Number(match?.[2]);
  if (match !== null && Math.abs(lon) <= 180 && Math.abs(lat) <= 90) return { lon, lat };
  context.warn(
    'position_illisible',
    'Positions geom_groupe_pos_wgs84 illisibles ignorées.',
    text.slice(0, 60),
  );
  return { lon: null, lat: null };
}
