/**
 * The canonical stock CSV (docs/canonical-stock-csv.md): one column per stock-row field, the
 * format a territorial model such as SITERRE exports. Strict: see `src/sql/import/stock-sql.ts`.
 */
import { isSiren } from '../../domain/codes.ts';
import {
  CONSTRUCTION_PERIODS,
  HEATING_ENERGIES,
  HOUSING_TYPES,
  isDpeLabel,
  LABEL_SOURCES,
  OCCUPANCIES,
  TENURES,
} from '../../domain/stock-schema.ts';
import { dpeBoundsValuesSql, labelChecksSql } from '../../sql/import/dpe-label-sql.ts';
import {
  acceptedStockSourceSql,
  acceptedStockSql,
  checkedStockSql,
  parsedStockSql,
  STOCK_CATEGORY_COLUMNS,
  STOCK_CSV_COLUMNS,
  type StockCsvColumn,
} from '../../sql/import/stock-sql.ts';
import { sqlString } from '../../sql/sql-string.ts';
import { createDictionaries, type SmallCell } from '../engine-tables.ts';
import type { ColumnSpec } from '../header-match.ts';
import { matchColumns, missingColumnsError } from '../header-match.ts';
import { ROUNDING_TOLERANCE } from '../label-consistency.ts';
import { collectWarnings } from '../warnings-sql.ts';
import type { TabularFormat } from './format.ts';
import { communeDictionary } from './observation-dictionaries.ts';

/** Columns of the canonical stock CSV, in documentation order. */
const STOCK_COLUMNS: readonly ColumnSpec<StockCsvColumn>[] = STOCK_CSV_COLUMNS.map((key) => ({
  key,
  names: [key],
}));

/** Columns without which a stock file cannot be read. */
const STOCK_REQUIRED_COLUMNS: readonly StockCsvColumn[] = ['code_commune', 'weight'];

/** Optional columns whose absence is normal: EPCI is derived, the label source defaults. */
const OPTIONAL_SILENT = new Set<StockCsvColumn>(['code_epci', 'label_source']);

const MARKERS: readonly StockCsvColumn[] = [
  'code_commune',
  'weight',
  'dpe_label',
  'housing_type',
  'construction_period',
];

const DOMAINS: Record<(typeof STOCK_CATEGORY_COLUMNS)[number], Readonly<Record<string, string>>> = {
  occupancy: OCCUPANCIES,
  tenure: TENURES,
  housing_type: HOUSING_TYPES,
  construction_period: CONSTRUCTION_PERIODS,
  heating_energy: HEATING_ENERGIES,
  label_source: LABEL_SOURCES,
};

/** A category cell: empty → null, a key of `domain` (any case) → that key, else a reason. */
function readCategory(
  raw: string,
  column: string,
  domain: Readonly<Record<string, string>>,
): [string | null, string | null] {
  const text = raw.trim();
  if (text === '') return [null, null];
  const key = text.toLowerCase();
  if (Object.hasOwn(domain, key)) return [key, null];
  return [
    null,
    `${column} invalide : « ${text} » (valeurs admises : ${Object.keys(domain).join(', ')})`,
  ];
}

const EPCI_COLUMNS = { code: 'VARCHAR', reason: 'VARCHAR' } as const;
const CATEGORY_COLUMNS = { value: 'VARCHAR', reason: 'VARCHAR' } as const;

function readEpci([raw = '']: string[]): SmallCell[] {
  const text = raw.trim();
  if (text === '') return [null, null];
  return isSiren(text) ? [text, null] : [null, `code_epci invalide : « ${text} » (SIREN attendu)`];
}

function readLabel([raw = '']: string[]): SmallCell[] {
  const label = raw.trim().toUpperCase();
  return [isDpeLabel(label) ? label : null];
}

function presentColumns(names: readonly string[]): Set<StockCsvColumn> {
  const { index } = matchColumns(names, STOCK_COLUMNS);
  return new Set(STOCK_CSV_COLUMNS.filter((c) => index[c] !== undefined));
}

/** The canonical stock format. */
export const STOCK_FORMAT: TabularFormat = {
  id: 'stock',
  label: 'parc canonique',
  choice: {
    label: 'Parc canonique (CSV)',
    hint: 'Une ligne par cellule de parc avec code_commune et weight (nombre de logements).',
  },
  multiFile: false,
  score(names) {
    const present = presentColumns(names);
    const score = MARKERS.filter((c) => present.has(c)).length;
    return score >= 2 ? score : 0;
  },
  plan(names, report, file) {
    const { index, duplicates } = matchColumns(names, STOCK_COLUMNS);
    const missing = STOCK_REQUIRED_COLUMNS.filter((key) => index[key] === undefined);
    if (missing.length > 0) throw missingColumnsError('Fichier de stock', missing, names, file);
    const absent = STOCK_CSV_COLUMNS.filter(
      (c) => !OPTIONAL_SILENT.has(c) && index[c] === undefined,
    );
    if (absent.length > 0) {
      report.warn(
        'colonnes_facultatives_absentes',
        `Colonnes facultatives absentes (champs laissés vides) : ${absent.join(', ')}.`,
      );
    }
    for (const name of duplicates) {
      report.warn('colonne_en_double', 'Colonnes présentes deux fois : la première est lue.', name);
    }
    return {
      select: STOCK_CSV_COLUMNS.flatMap((c) => {
        const column = index[c];
        return column === undefined ? [] : [{ index: column, as: c }];
      }),
    };
  },
  async map(input) {
    const { engine, prefix } = input;
    const parsed = input.parsed[0];
    if (parsed === undefined) throw new Error('stock: no parsed table');
    const present = presentColumns(parsed.names);
    const key = (c: StockCsvColumn) => (present.has(c) ? c : 'NULL::VARCHAR');
    const staging = parsed.table;
    await createDictionaries(engine, prefix, staging, [
      communeDictionary(key('code_commune'), 'code_commune'),
      { name: 'd_epci', keys: [key('code_epci')], columns: EPCI_COLUMNS, read: readEpci },
      { name: 'd_label', keys: [key('dpe_label')], columns: { label: 'VARCHAR' }, read: readLabel },
      ...STOCK_CATEGORY_COLUMNS.map((column) => ({
        name: `d_${column}`,
        keys: [key(column)],
        columns: CATEGORY_COLUMNS,
        read: ([raw = '']: string[]) => readCategory(raw, column, DOMAINS[column]),
      })),
    ]);
    input.checkCancelled();
    await engine.query(parsedStockSql(staging, prefix, present));
    await engine.query(checkedStockSql(prefix));
    await engine.query(`CREATE OR REPLACE TABLE ${prefix}bounds AS ${dpeBoundsValuesSql()}`);
    const checked = labelChecksSql({
      from: acceptedStockSourceSql(prefix),
      bounds: `${prefix}bounds`,
      published: 'label_pub',
      ep: 'ep_kwh_m2_n',
      ghg: 'ghg_kg_m2_n',
      surface: 'surface_m2_n',
      small: 'NULL::BOOLEAN',
      highAltitude: 'NULL::BOOLEAN',
      tolerance: ROUNDING_TOLERANCE,
    });
    await engine.query(acceptedStockSql(prefix, checked, sqlString(input.dataset)));
    await engine.query(
      `CREATE TABLE ${prefix}rejected AS SELECT ordinal, file_index, reason FROM ${prefix}m WHERE reason IS NOT NULL`,
    );
    await collectWarnings(
      engine,
      `${prefix}accepted`,
      staging,
      [
        {
          code: 'etiquette_calculee',
          message:
            'Étiquettes vides, calculées à partir de ep_kwh_m2 et ghg_kg_m2 (règles en vigueur, hors altitude).',
          occurrences: [{ when: 'w.label_pub IS NULL AND w.dpe_label IS NOT NULL' }],
        },
        {
          code: 'statut_occupation_ignore',
          message:
            'tenure renseigné pour un logement qui n’est pas une résidence principale : ignoré.',
          occurrences: [
            {
              when: "w.tenure_given IS NOT NULL AND w.occupancy IS NOT NULL AND w.occupancy <> 'residence_principale'",
              example: "w.occupancy || ' / ' || w.tenure_given",
            },
          ],
        },
      ],
      input.report,
    );
    const [row] = await engine.query(
      `SELECT count(*) FILTER (WHERE label_consistent = false) AS n FROM ${prefix}accepted`,
    );
    input.report.countInconsistentLabel(Number(row?.n ?? 0));
    return { accepted: `${prefix}accepted`, rejected: `${prefix}rejected` };
  },
  datasetKind(labelSources) {
    const other = labelSources.modelled + labelSources.predicted;
    return labelSources.observed > 0 && other === 0 ? 'observed' : 'modelled';
  },
};
