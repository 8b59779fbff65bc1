/**
 * BDNB (Base de données nationale des bâtiments, CSTB) CSV exports: one canonical row per building
 * group of `batiment_groupe`, weight = its dwellings (`nb_log` of `batiment_groupe_ffo_bat`), label
 * of its representative DPE (`batiment_groupe_dpe_representatif_logement`, observed) or else the
 * predicted one (`batiment_groupe_simulations_dpe`). The tables are parsed separately and joined in
 * SQL (`src/sql/import/bdnb-sql.ts`); side-table rows are not rows of the dataset: their counts go
 * to the report's `sources`.
 */
import { isSiren } from '../../domain/codes.ts';
import { isDpeLabel } from '../../domain/stock-schema.ts';
import {
  BDNB_FIELDS,
  BDNB_SIDES,
  type BdnbField,
  type BdnbSide,
  bdnbMainSql,
  bdnbRowsSql,
  SIDE_FIELDS,
  sideEntriesSql,
  sideRowsSql,
} from '../../sql/import/bdnb-sql.ts';
import { dpeBoundsValuesSql, labelChecksSql } from '../../sql/import/dpe-label-sql.ts';
import { sqlString } from '../../sql/sql-string.ts';
import { constructionPeriodOfYear, housingTypeOf } from '../ademe-categories.ts';
import { lineOfRecord } from '../csv-lexer.ts';
import { createDictionary } from '../engine-tables.ts';
import type { ColumnSpec } from '../header-match.ts';
import { describeFoundColumns, matchColumns, normaliseHeaderName } from '../header-match.ts';
import type { ImportEngine } from '../import-engine.ts';
import { ImportError } from '../import-error.ts';
import { ROUNDING_TOLERANCE } from '../label-consistency.ts';
import { collectWarnings } from '../warnings-sql.ts';
import { bdnbWarnings, sideParseWarnings } from './bdnb-warnings.ts';
import type { MapInput, ParsedTable, TabularFormat } from './format.ts';
import { createObservationDictionaries, readCommuneCell } from './observation-dictionaries.ts';

/** The BDNB tables this importer joins, with the role of each. */
export const BDNB_TABLES = {
  batiment_groupe: 'main',
  batiment_groupe_ffo_bat: 'ffo',
  batiment_groupe_dpe_representatif_logement: 'dpe',
  batiment_groupe_simulations_dpe: 'simulations',
} as const;
/** A BDNB table name. */
export type BdnbTable = keyof typeof BDNB_TABLES;
type Role = (typeof BDNB_TABLES)[BdnbTable];

const TABLE_OF_ROLE = Object.fromEntries(
  Object.entries(BDNB_TABLES).map(([table, role]) => [role, table]),
) as Record<Role, BdnbTable>;

/** The column that identifies each table (besides `batiment_groupe_id`), in precedence order. */
const TABLE_MARKERS: readonly [BdnbTable, string][] = [
  ['batiment_groupe', 'code_commune_insee'],
  ['batiment_groupe_ffo_bat', 'nb_log'],
  ['batiment_groupe_dpe_representatif_logement', 'classe_bilan_dpe'],
  ['batiment_groupe_simulations_dpe', 'etiquette_dpe_initial_map'],
];

const COLUMN_NAMES: Readonly<Record<BdnbField, string>> = {
  id: 'batiment_groupe_id',
  commune: 'code_commune_insee',
  epci: 'code_epci_insee',
  point: 'geom_groupe_pos_wgs84',
  nb_log: 'nb_log',
  year: 'annee_construction',
  usage: 'usage_niveau_1_txt',
  label: 'classe_bilan_dpe',
  ep: 'conso_5_usages_ep_m2',
  ef: 'conso_5_usages_ef_m2',
  ghg: 'emission_ges_5_usages_m2',
  building_type: 'type_batiment_dpe',
  period: 'periode_construction_dpe',
  year_dpe: 'annee_construction_dpe',
  surface: 'surface_habitable_logement',
  energy: 'type_energie_chauffage',
  date: 'date_etablissement_dpe',
  predicted: 'etiquette_dpe_initial_map',
  reliability: 'etiquette_dpe_initial_inc',
};

const SPECS: readonly ColumnSpec<BdnbField>[] = BDNB_FIELDS.map((key) => ({
  key,
  names: [COLUMN_NAMES[key]],
}));

/**
 * Which BDNB table a header belongs to: `batiment_groupe_id` plus the marker column of the table.
 * A header with `code_commune_insee` is the main table even when it holds the other tables'
 * columns. Null when not a table of {@link BDNB_TABLES}.
 */
export function detectBdnbTable(names: readonly string[]): BdnbTable | null {
  const normal = new Set(names.map(normaliseHeaderName));
  if (!normal.has('batiment_groupe_id')) return null;
  for (const [table, marker] of TABLE_MARKERS) if (normal.has(marker)) return table;
  return null;
}

function presentFields(names: readonly string[]): Set<BdnbField> {
  const { index } = matchColumns(names, SPECS);
  return new Set(BDNB_FIELDS.filter((f) => index[f] !== undefined));
}

/** Fields a file of `role` is read for. */
function fieldsOf(role: Role): readonly BdnbField[] {
  return role === 'main' ? BDNB_FIELDS : ['id', ...SIDE_FIELDS[role]];
}

async function createDictionaries(
  engine: ImportEngine,
  prefix: string,
  parsed: readonly ParsedTable[],
) {
  // One relation of every value of every file, for the dictionaries shared by sides and main.
  const union = (fields: readonly BdnbField[]) =>
    parsed
      .map((p) => {
        const present = presentFields(p.names);
        const columns = fields.map((f) => (present.has(f) ? f : `NULL::VARCHAR AS ${f}`));
        return `SELECT ${columns.join(', ')} FROM ${p.table}`;
      })
      .join(' UNION ALL ');
  const all = `(${union(BDNB_FIELDS)})`;
  await createObservationDictionaries(
    engine,
    prefix,
    all,
    {
      insee: 'NULL::VARCHAR',
      label: 'NULL::VARCHAR',
      housing: 'building_type',
      energy: 'energy',
      year: 'year_dpe',
      period: 'period',
      date: 'date',
      altitude: 'NULL::VARCHAR',
      zone: 'NULL::VARCHAR',
    },
    COLUMN_NAMES.commune,
  );
  const label = async (column: BdnbField, name: string) =>
    createDictionary(
      engine,
      `${prefix}d_${name}`,
      all,
      [column],
      [
        ['label', 'VARCHAR'],
        ['invalid', 'BOOLEAN'],
        ['published', 'VARCHAR'],
      ],
      ([raw = '']) => {
        const published = raw.trim().toUpperCase();
        const valid = isDpeLabel(published);
        return [valid ? published : null, published !== '' && !valid, published];
      },
    );
  await label('label', 'label');
  await label('predicted', 'predicted');
  await createDictionary(
    engine,
    `${prefix}d_year`,
    all,
    ['year'],
    [
      ['period', 'VARCHAR'],
      ['invalid', 'BOOLEAN'],
    ],
    ([raw = '']) => {
      const text = raw.trim();
      const match = /^(\d{4})(?:[.,]0+)?$/.exec(text);
      const year = match?.[1] === undefined ? Number.NaN : Number(match[1]);
      if (text === '') return [null, false];
      if (!(year >= 1000 && year <= 2100)) return [null, true];
      return [constructionPeriodOfYear(year), false];
    },
  );
  await createDictionary(
    engine,
    `${prefix}d_usage`,
    all,
    ['usage'],
    [
      ['housing', 'VARCHAR'],
      ['unknown', 'BOOLEAN'],
    ],
    ([raw = '']) => {
      if (!/residentiel/i.test(raw.normalize('NFD').replace(/[\u0300-\u036f]/g, '')))
        return [null, false];
      const housing = housingTypeOf(raw);
      return [housing ?? null, housing === undefined];
    },
  );
  await createDictionary(
    engine,
    `${prefix}d_epci`,
    all,
    ['epci'],
    [
      ['code', 'VARCHAR'],
      ['invalid', 'BOOLEAN'],
    ],
    ([raw = '']) => {
      const text = raw.trim();
      if (text === '') return [null, false];
      return isSiren(text) ? [text, false] : [null, true];
    },
  );
  await createDictionary(
    engine,
    `${prefix}d_commune`,
    all,
    ['commune'],
    [
      ['code', 'VARCHAR'],
      ['dep', 'VARCHAR'],
      ['reg', 'VARCHAR'],
      ['reason', 'VARCHAR'],
    ],
    ([raw = '']) => {
      const cell = readCommuneCell(raw, COLUMN_NAMES.commune);
      return [cell.code, cell.departement, cell.region, cell.reason];
    },
  );
}

/** The BDNB format. */
export const BDNB_FORMAT: TabularFormat = {
  id: 'bdnb',
  label: 'BDNB',
  choice: {
    label: 'BDNB (plusieurs fichiers)',
    hint: 'batiment_groupe, batiment_groupe_ffo_bat, batiment_groupe_dpe_representatif_logement et, s’il y a lieu, batiment_groupe_simulations_dpe.',
  },
  multiFile: true,
  score: (names) => (detectBdnbTable(names) === null ? 0 : 100),
  plan(names, _report, file) {
    const table = detectBdnbTable(names);
    if (table === null) {
      throw new ImportError(
        `BDNB : table non reconnue. Attendu : ${Object.keys(BDNB_TABLES).join(', ')} (colonne batiment_groupe_id et ${TABLE_MARKERS.map(([, m]) => m).join(' / ')}). Colonnes trouvées : ${describeFoundColumns(names)}.`,
        { file },
      );
    }
    const role = BDNB_TABLES[table];
    const { index } = matchColumns(names, SPECS);
    return {
      role,
      select: fieldsOf(role).flatMap((f) => {
        const column = index[f];
        return column === undefined ? [] : [{ index: column, as: f }];
      }),
    };
  },
  checkFiles(files) {
    const main = files.find((f) => f.role === 'main');
    const names = files.map((f) => f.file).join(', ');
    if (main === undefined) {
      throw new ImportError(
        `BDNB : table batiment_groupe manquante (colonnes batiment_groupe_id et code_commune_insee). Fichiers lus : ${names || 'aucun'}.`,
      );
    }
    const has = (field: BdnbField) => main.select?.some((s) => s.as === field) === true;
    const roles = new Set(files.map((f) => f.role));
    const missing: string[] = [];
    if (!roles.has('ffo') && !has('nb_log')) missing.push('batiment_groupe_ffo_bat (nb_log)');
    if (!roles.has('dpe') && !roles.has('simulations') && !has('label') && !has('predicted')) {
      missing.push(
        'batiment_groupe_dpe_representatif_logement (classe_bilan_dpe) ou batiment_groupe_simulations_dpe (etiquette_dpe_initial_map)',
      );
    }
    if (missing.length > 0) {
      throw new ImportError(
        `BDNB : table${missing.length > 1 ? 's' : ''} manquante${missing.length > 1 ? 's' : ''} : ${missing.join(' ; ')}. Fichiers lus : ${names}.`,
        { file: main.file },
      );
    }
  },
  map: mapBdnb,
  datasetKind: () => 'buildings',
};

async function mapBdnb(input: MapInput) {
  const { engine, prefix, report } = input;
  await createDictionaries(engine, prefix, input.parsed);
  const main = input.parsed.find((p) => p.role === 'main');
  if (main === undefined) throw new Error('BDNB: no main table');
  const sides = new Set<BdnbSide>();
  const own = new Set<BdnbSide>();
  const mainPresent = presentFields(main.names);
  for (const side of BDNB_SIDES) {
    const parsed = input.parsed.find((p) => p.role === side);
    if (parsed !== undefined) {
      sides.add(side);
      const rows = bdnbRowsSql(parsed.table, presentFields(parsed.names), [
        'id',
        ...SIDE_FIELDS[side],
      ]);
      await engine.query(sideRowsSql(`${prefix}r_${side}`, rows));
      await engine.query(
        `CREATE TABLE ${prefix}e_${side} AS SELECT * FROM ${sideEntriesSql(side, `(SELECT * FROM ${prefix}r_${side} WHERE problem IS NULL)`, prefix)}`,
      );
    }
    const marker: BdnbField = side === 'ffo' ? 'nb_log' : side === 'dpe' ? 'label' : 'predicted';
    if (mainPresent.has(marker)) {
      own.add(side);
      const rows = bdnbRowsSql(main.table, mainPresent, ['id', ...SIDE_FIELDS[side]]);
      await engine.query(
        `CREATE TABLE ${prefix}o_${side} AS SELECT * FROM ${sideEntriesSql(side, rows, prefix)}`,
      );
    }
  }
  input.checkCancelled();
  await engine.query(
    bdnbMainSql(prefix, bdnbRowsSql(main.table, mainPresent, BDNB_FIELDS), { sides, own }),
  );
  await engine.query(`CREATE OR REPLACE TABLE ${prefix}bounds AS ${dpeBoundsValuesSql()}`);
  const checked = labelChecksSql({
    from: `(SELECT *, CASE WHEN isnan(surface_n) OR surface_n <= 0 THEN NULL ELSE surface_n END AS surface,
      CASE WHEN isnan(ep_n) THEN NULL ELSE ep_n END AS ep, CASE WHEN isnan(ghg_n) THEN NULL ELSE ghg_n END AS ghg
      FROM ${prefix}bm WHERE reason IS NULL)`,
    bounds: `${prefix}bounds`,
    published: 'o_label',
    ep: 'ep',
    ghg: 'ghg',
    surface: 'surface',
    small: 'small_bounds',
    highAltitude: 'NULL::BOOLEAN',
    tolerance: ROUNDING_TOLERANCE,
  });
  const reliability = `CASE WHEN reliability_n BETWEEN 1 AND 5 AND reliability_n = floor(reliability_n) THEN reliability_n::INTEGER END`;
  const observedLabel = 'CASE WHEN has_dpe THEN coalesce(o_label, computed_label) END';
  await engine.query(`CREATE TABLE ${prefix}accepted AS
SELECT ordinal, ${main.fileIndex} AS file_index, ${sqlString(input.dataset)} AS dataset, code_commune,
  code_epci, code_departement, code_region, coalesce(o_housing, b_housing) AS housing_type,
  coalesce(b_period, o_period) AS construction_period, surface AS surface_m2, energy AS heating_energy,
  NULL::VARCHAR AS occupancy, NULL::VARCHAR AS tenure,
  coalesce(${observedLabel}, p_label) AS dpe_label,
  CASE WHEN ${observedLabel} IS NULL AND p_label IS NOT NULL THEN 'predicted' ELSE 'observed' END AS label_source,
  ep AS ep_kwh_m2, CASE WHEN isnan(ef_n) THEN NULL ELSE ef_n END AS ef_kwh_m2, ghg AS ghg_kg_m2,
  nb_log_n AS weight,
  CASE WHEN abs(point_lon) <= 180 AND abs(point_lat) <= 90 THEN point_lon END AS lon,
  CASE WHEN abs(point_lon) <= 180 AND abs(point_lat) <= 90 THEN point_lat END AS lat,
  has_dpe AND o_label IS NULL AND computed_label IS NOT NULL AS label_computed, label_consistent,
  ${reliability} AS reliability, epci_invalid, epci_t, point_t
FROM (${checked})`);
  await engine.query(
    `CREATE TABLE ${prefix}rejected AS SELECT ordinal, ${main.fileIndex} AS file_index, reason FROM ${prefix}bm WHERE reason IS NOT NULL`,
  );
  input.checkCancelled();
  await sideParseWarnings(engine, prefix, sides, own, report);
  await collectWarnings(engine, `${prefix}accepted`, null, bdnbWarnings(), report);
  const [row] = await engine.query(
    `SELECT count(*) FILTER (WHERE label_consistent = false) AS n FROM ${prefix}accepted`,
  );
  report.countInconsistentLabel(Number(row?.n ?? 0));
  const byReliability = await engine.query(`SELECT coalesce(reliability::VARCHAR, 'inconnue') AS k,
    sum(weight)::DOUBLE AS w FROM ${prefix}accepted WHERE label_source = 'predicted' GROUP BY ALL ORDER BY k`);
  report.setPredictedByReliability(
    Object.fromEntries(byReliability.map((r) => [String(r.k), Number(r.w)])),
  );
  await reportSources(input, sides, main);
  return { accepted: `${prefix}accepted`, rejected: `${prefix}rejected` };
}

/** Side tables' usable, unused and orphan rows (and their warnings), then the main table's. */
async function reportSources(input: MapInput, sides: ReadonlySet<BdnbSide>, main: ParsedTable) {
  const { engine, prefix, report } = input;
  const problems: { line: number; example: string }[] = [];
  for (const side of BDNB_SIDES) {
    if (!sides.has(side)) continue;
    const parsed = input.parsed.find((p) => p.role === side) as ParsedTable;
    const lexer = await engine.query(
      `SELECT line, reason FROM ${input.lexRejected} WHERE file_index = ${parsed.fileIndex} ORDER BY line`,
    );
    const bad = await engine.query(
      `SELECT ordinal, problem FROM ${prefix}r_${side} WHERE problem IS NOT NULL ORDER BY ordinal`,
    );
    for (const r of lexer)
      problems.push({
        line: Number(r.line),
        example: `${parsed.file}, ligne ${Number(r.line)} : ${String(r.reason)}`,
      });
    for (const r of bad) {
      const line = lineOfRecord(parsed.steps, Number(r.ordinal));
      problems.push({ line, example: `${parsed.file}, ligne ${line} : ${String(r.problem)}` });
    }
    const used = side === 'ffo' ? 'reached_building' : 'reason IS NULL';
    const [counts] = await engine.query(`SELECT
      (SELECT count(*) FROM ${prefix}r_${side}) AS rows,
      (SELECT count(*) FROM ${prefix}r_${side} WHERE problem IS NOT NULL) AS bad,
      (SELECT count(*) FROM ${prefix}e_${side} AS e WHERE NOT EXISTS (
        SELECT 1 FROM ${prefix}bm AS m WHERE m.id = e.id AND ${used})) AS orphans`);
    const orphans = Number(counts?.orphans ?? 0);
    if (orphans > 0) {
      report.warn(
        'ligne_bdnb_sans_batiment',
        'Lignes de tables BDNB secondaires sans bâtiment correspondant dans batiment_groupe (ou rattachées à un bâtiment rejeté) : ignorées.',
        `${parsed.file} : ${orphans}`,
        orphans,
      );
    }
    report.addSource({
      file: parsed.file,
      table: TABLE_OF_ROLE[side],
      rows_read: Number(counts?.rows ?? 0) + lexer.length,
      rows_unused: Number(counts?.bad ?? 0) + lexer.length + orphans,
    });
    await engine.query(`DELETE FROM ${input.lexRejected} WHERE file_index = ${parsed.fileIndex}`);
  }
  if (problems.length > 0) {
    const message =
      'Lignes des tables BDNB secondaires inutilisables (ignorées) : voir les exemples.';
    report.warn('ligne_bdnb_inutilisable', message, undefined, problems.length);
    for (const p of problems.slice(0, 10))
      report.warn('ligne_bdnb_inutilisable', message, p.example, 0);
  }
  const [mainCounts] = await engine.query(`SELECT
    (SELECT count(*) FROM ${main.table}) AS rows,
    (SELECT count(*) FROM ${prefix}rejected) AS rejected,
    (SELECT count(*) FROM ${input.lexRejected} WHERE file_index = ${main.fileIndex}) AS lexed`);
  const lexed = Number(mainCounts?.lexed ?? 0);
  report.addSource({
    file: main.file,
    table: 'batiment_groupe',
    rows_read: Number(mainCounts?.rows ?? 0) + lexed,
    rows_unused: Number(mainCounts?.rejected ?? 0) + lexed,
  });
}
