/**
 * The territory table as CSV for French Excel (`;`, decimal comma, UTF-8 BOM, CRLF: see
 * `csv-writer.ts`, which also neutralises formula-like text).
 *
 * Context (dataset, filters) is not written as a preamble line: Excel and every CSV reader take
 * the first line as the header, so a metadata line would break sorting, filtering and re-import.
 * It is written instead:
 * - in two last columns, « Jeu de données » and « Filtres » (and « Source des données » for fetched
 *   open data: source, date of fetch, records, caveat), repeated on every row, so that rows
 *   copied into another workbook keep their context, while the code and name stay first to read;
 * - in the file name ({@link territoryTableFileName}): level, dataset, compact filters and date
 *   (the date only there, so that the content does not depend on the clock).
 *
 * Numbers are written unformatted (no thousands separator) at a fixed precision per kind: counts
 * whole, shares in percent with 2 decimals, intensities with 1, totals with 3.
 */

import { type CsvColumn, formatFrenchCsv } from '../domain/csv-writer.ts';
import {
  availableIndicators,
  getIndicator,
  type IndicatorId,
  type IndicatorKind,
  type IndicatorRow,
  indicatorHeading,
  indicatorValue,
  isSmallCount,
} from '../domain/indicators.ts';
import { type DatasetProvenance, describeProvenance } from '../domain/provenance.ts';
import type { TerritoryLevel } from '../domain/territory.ts';
import {
  describeFilters,
  FILTER_DIMENSIONS,
  FILTER_KEYS,
  type FilterSelection,
  selectedValues,
} from '../sql/filters.ts';

/** One row of the table: a territory and its indicators (a row of `territoryIndicatorsSql`). */
export type TerritoryTableRow = IndicatorRow & {
  code: string;
  /** Name of the territory (from the territory tables or contours), if known. */
  name?: string | null;
};

/** Inputs of {@link territoryTableCsv}. */
export interface TerritoryTableCsvOptions {
  level: TerritoryLevel;
  /** Name of the dataset, as shown in the app. */
  datasetName: string;
  filters: FilterSelection;
  /** Observed data (DPE records): small record counts are flagged too (see `isSmallCount`). */
  observed: boolean;
  /** Indicator columns, in order; by default every indicator of the canonical stock. */
  indicators?: readonly IndicatorId[];
  /** Where fetched open data came from: written in a last « Source des données » column. */
  provenance?: DatasetProvenance | null;
}

const CODE_HEADERS: Readonly<Record<TerritoryLevel, string>> = {
  region: 'Code région (INSEE)',
  departement: 'Code département (INSEE)',
  epci: 'Code EPCI (SIREN)',
  commune: 'Code commune (INSEE)',
};

const PRECISION: Readonly<Record<IndicatorKind, { scale: number; digits: number }>> = {
  count: { scale: 1, digits: 0 },
  share: { scale: 100, digits: 2 },
  intensity: { scale: 1, digits: 1 },
  total: { scale: 1, digits: 3 },
};

function exportValue(kind: IndicatorKind, value: number | null): number | null {
  if (value === null) return null;
  const { scale, digits } = PRECISION[kind];
  const rounded = Math.round(value * scale * 10 ** digits) / 10 ** digits;
  return rounded === 0 ? 0 : rounded;
}

/** The columns of the table, French headers with units. */
export function territoryTableColumns(
  options: TerritoryTableCsvOptions,
): CsvColumn<TerritoryTableRow>[] {
  const ids = options.indicators ?? availableIndicators().map((indicator) => indicator.id);
  const filters = describeFilters(options.filters);
  const provenanceText = options.provenance == null ? '' : describeProvenance(options.provenance);
  return [
    { header: CODE_HEADERS[options.level], value: (row) => row.code },
    { header: 'Nom', value: (row) => row.name ?? null },
    { header: 'Enregistrements', value: (row) => row.records },
    ...ids.map((id): CsvColumn<TerritoryTableRow> => {
      const indicator = getIndicator(id);
      return {
        header: indicatorHeading(indicator),
        value: (row) => exportValue(indicator.kind, indicatorValue(row, id)),
      };
    }),
    {
      header: 'Effectif faible',
      value: (row) => (isSmallCount(row, { observed: options.observed }) ? 'oui' : 'non'),
    },
    { header: 'Jeu de données', value: () => options.datasetName },
    { header: 'Filtres', value: () => filters },
    ...(options.provenance == null
      ? []
      : [{ header: 'Source des données', value: () => provenanceText }]),
  ];
}

/** The territory table as a CSV text for French Excel. */
export function territoryTableCsv(
  rows: Iterable<TerritoryTableRow>,
  options: TerritoryTableCsvOptions,
): string {
  return formatFrenchCsv(territoryTableColumns(options), rows);
}

/** Inputs of {@link territoryTableFileName}. */
export interface TerritoryTableFileNameOptions {
  level: TerritoryLevel;
  datasetId: string;
  filters: FilterSelection;
  /** Date of the export (the local calendar day is written). */
  date: Date;
}

const MAX_FILE_NAME = 150;

function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * File name of the export: `casba-epci-demo-etiq-f-g-periode-avant_1948-2026-11-28.csv`, ASCII
 * only; the filters give way to « filtres » when the name would exceed 150 characters.
 */
export function territoryTableFileName(options: TerritoryTableFileNameOptions): string {
  const parts: string[] = [];
  for (const key of FILTER_KEYS) {
    const values: readonly string[] = selectedValues(key, options.filters[key]);
    if (values.length > 0) parts.push(FILTER_DIMENSIONS[key].urlKey, ...values);
  }
  const head = ['casba', options.level, slug(options.datasetId).slice(0, 60) || 'jeu'];
  const tail = [localDay(options.date)];
  const full = [...head, ...parts.map(slug), ...tail].join('-');
  if (full.length + 4 <= MAX_FILE_NAME) return `${full}.csv`;
  return `${[...head, 'filtres', ...tail].join('-')}.csv`;
}
