/**
 * Comparison of a selected territory with the territories that contain it (its EPCI for a commune,
 * its département, région, France) and with similar EPCI (same legal form and population band,
 * see `src/domain/similar-territories.ts`), under the same filters.
 */
import { availableIndicators, type IndicatorRow } from '../domain/indicators.ts';
import { POPULATION_BANDS, type PopulationBandId } from '../domain/similar-territories.ts';
import type { TerritoryLevel, TerritoryRef } from '../domain/territory.ts';
import { filterClauses, type StockFilters } from './filters.ts';
import {
  type IndicatorColumnsOptions,
  indicatorSelectList,
  LEVEL_CODE_COLUMNS,
} from './indicators-sql.ts';
import { sqlString } from './sql-string.ts';
import { STOCK_TABLE, TERRITORY_COMMUNE_TABLE, TERRITORY_EPCI_TABLE } from './tables.ts';

/** What a comparison row describes: the territory itself or one that contains it. */
export type ComparisonScope = 'territory' | 'epci' | 'departement' | 'region' | 'france';

/** French labels of the comparison scopes, as in the side panel. */
export const COMPARISON_SCOPE_LABELS: Readonly<Record<ComparisonScope, string>> = {
  territory: 'Territoire',
  epci: 'EPCI',
  departement: 'Département',
  region: 'Région',
  france: 'France',
};

/** One row of {@link comparisonSql}. */
export type ComparisonRow = IndicatorRow & {
  scope: ComparisonScope;
  /** Code of the scope; null for France, or when the territory is missing from the COG tables. */
  code: string | null;
};

/** Inputs of {@link comparisonSql}. */
export interface ComparisonOptions extends IndicatorColumnsOptions {
  territory: TerritoryRef;
  filters: StockFilters;
}

/** Scopes containing a territory of each level, finest first. */
const CONTAINING_SCOPES: Readonly<Record<TerritoryLevel, readonly ComparisonScope[]>> = {
  commune: ['epci', 'departement', 'region'],
  epci: ['departement', 'region'],
  departement: ['region'],
  region: [],
};

// Where the containing territories come from: the COG commune table for a commune (and for the
// région of a département), `territory_epci` for an EPCI, whose département and région are those
// of its most populous commune.
function parentSql(territory: TerritoryRef): string | null {
  const code = sqlString(territory.code);
  switch (territory.level) {
    case 'commune':
      return `SELECT code_epci, code_departement, code_region FROM ${TERRITORY_COMMUNE_TABLE} WHERE code_commune = ${code}`;
    case 'epci':
      return `SELECT code_departement, code_region FROM ${TERRITORY_EPCI_TABLE} WHERE code_epci = ${code}`;
    case 'departement':
      return `SELECT any_value(code_region) AS code_region FROM ${TERRITORY_COMMUNE_TABLE} WHERE code_departement = ${code}`;
    case 'region':
      return null;
  }
}

function scopeSelect(scope: ComparisonScope, territory: TerritoryRef, select: string): string {
  const head = (code: string, condition: string | null) =>
    `SELECT ${sqlString(scope)} AS scope, ${code} AS code,\n${select}\nFROM filtered${
      condition === null ? '' : `\nWHERE ${condition}`
    }`;
  if (scope === 'france') return head('NULL', null);
  if (scope === 'territory') {
    const code = sqlString(territory.code);
    return head(code, `${LEVEL_CODE_COLUMNS[territory.level]} = ${code}`);
  }
  const column = LEVEL_CODE_COLUMNS[scope];
  const parentCode = `(SELECT ${column} FROM parent)`;
  return head(parentCode, `${column} = ${parentCode}`);
}

/**
 * Indicators of a territory and of each scope that contains it, one row per scope, finest first:
 * territory, then (for a commune) its EPCI, its département, its région (as applicable), France.
 * A missing parent (commune absent from the COG) gives a row with a null code and no dwelling.
 */
export function comparisonSql(options: ComparisonOptions): string {
  const { territory, filters } = options;
  const scopes: ComparisonScope[] = ['territory', ...CONTAINING_SCOPES[territory.level], 'france'];
  const select = indicatorSelectList(options);
  const parent = parentSql(territory);
  const ctes = [
    ...(parent === null ? [] : [`parent AS (\n  ${parent}\n)`]),
    `filtered AS (\n  SELECT * FROM ${STOCK_TABLE} WHERE ${filterClauses(filters)}\n)`,
  ];
  const order = `[${scopes.map((scope) => sqlString(scope)).join(', ')}]`;
  return `WITH ${ctes.join(',\n')}
SELECT * FROM (
${scopes.map((scope) => scopeSelect(scope, territory, select)).join('\nUNION ALL\n')}
) AS comparison
ORDER BY list_position(${order}, scope)`;
}

/** The SQL population band of a population column, bounds as in {@link POPULATION_BANDS}. */
export function populationBandSql(column: string): string {
  const lines = POPULATION_BANDS.map((band) => {
    const low = band.min === null ? `${column} >= 0` : `${column} >= ${band.min}`;
    const condition = band.max === null ? low : `${low} AND ${column} < ${band.max}`;
    return `    WHEN ${condition} THEN '${band.id}'`;
  });
  return `CASE\n${lines.join('\n')}\n  END`;
}

/** One row of {@link similarTerritoriesSql}: the median or the mean of the peers' indicators. */
export type SimilarTerritoriesRow = IndicatorRow & {
  statistic: 'median' | 'mean';
  /** Legal form of the EPCI (CA, CC…); null when the EPCI is not in `territory_epci`. */
  type_epci: string | null;
  population_band: PopulationBandId | null;
  /** Peers in the group (same form and band, the EPCI itself excluded). */
  peers: number;
  /** Peers with at least one stock row under the filters: those behind the statistics. */
  peers_with_data: number;
};

/** Inputs of {@link similarTerritoriesSql}. */
export interface SimilarTerritoriesOptions extends IndicatorColumnsOptions {
  /** SIREN of the EPCI. */
  codeEpci: string;
  filters: StockFilters;
}

/**
 * Median and mean of the indicators of the EPCI similar to one EPCI, under the same filters: two
 * rows, median first. Each peer counts once (not weighted by its dwellings): the statistics
 * describe the typical similar territory, not the pooled group. A peer without any stock row under
 * the filters is counted in `peers` but not in the statistics. Without peers with data, the
 * indicator columns are null.
 */
export function similarTerritoriesSql(options: SimilarTerritoriesOptions): string {
  const { codeEpci, filters } = options;
  const code = sqlString(codeEpci);
  const ids = ['records', ...availableIndicators(options.availableColumns).map((i) => i.id)];
  const stats = (statistic: 'median' | 'mean', fn: string) =>
    `SELECT ${sqlString(statistic)} AS statistic,
  (SELECT type_epci FROM target) AS type_epci,
  (SELECT band FROM target) AS population_band,
  (SELECT count(*) FROM peers)::DOUBLE AS peers,
  count(*)::DOUBLE AS peers_with_data,
${ids.map((id) => `  ${fn}(${id})::DOUBLE AS ${id}`).join(',\n')}
FROM per_peer`;
  return `WITH bands AS (
  SELECT code_epci, type_epci, ${populationBandSql('population')} AS band
  FROM ${TERRITORY_EPCI_TABLE}
),
target AS (
  SELECT type_epci, band FROM bands WHERE code_epci = ${code}
),
peers AS (
  SELECT b.code_epci
  FROM bands AS b, target AS t
  WHERE b.code_epci <> ${code} AND b.type_epci = t.type_epci AND b.band = t.band
),
per_peer AS (
  SELECT
${indicatorSelectList(options)}
  FROM ${STOCK_TABLE}
  WHERE ${filterClauses(filters)}
    AND code_epci IN (SELECT code_epci FROM peers)
  GROUP BY code_epci
)
SELECT * FROM (
${stats('median', 'median')}
UNION ALL
${stats('mean', 'avg')}
) AS peer_statistics
ORDER BY list_position(['median', 'mean'], statistic)`;
}
