import type { ReactNode } from 'react';
import { G_PLUS_FINAL_ENERGY_KWH_M2 } from '../../../domain/dpe.ts';
import { formatInteger } from '../../../domain/format.ts';
import {
  getIndicator,
  type IndicatorId,
  type IndicatorRow,
  indicatorHeading,
  indicatorValue,
  isSmallCount,
} from '../../../domain/indicators.ts';
import { isPopulationBandId, peerGroupLabel } from '../../../domain/similar-territories.ts';
import type { TerritoryRef } from '../../../domain/territory.ts';
import {
  COMPARISON_SCOPE_LABELS,
  type SimilarTerritoriesRow,
} from '../../../sql/comparison-sql.ts';
import type { StockFilters } from '../../../sql/filters.ts';
import { type NamedComparisonRow, peerEpciCode, peerQuery } from '../../../sql/sidebar-sql.ts';
import { useQuery } from '../../use-query.ts';

/** The indicators compared, in column order. */
const COMPARED_INDICATORS = [
  'fg_share',
  'fg_count',
  'mean_ep',
  'g_plus_count',
] as const satisfies readonly IndicatorId[];

const SHORT_LABELS: Readonly<Record<(typeof COMPARED_INDICATORS)[number], string>> = {
  fg_share: 'Part F/G',
  fg_count: 'F/G',
  mean_ep: 'kWhEP /m²/an',
  g_plus_count: 'G+',
};

/** Props of {@link ComparisonTable}. */
export interface ComparisonTableProps {
  territory: TerritoryRef;
  territoryName: string;
  /** The comparison query (`sidebarQueries(…).comparison`). */
  sql: string;
  filters: StockFilters;
  columns: readonly string[];
  observed: boolean;
}

/**
 * The selection against the territories that contain it (EPCI of a commune, département, région,
 * France) and against similar EPCI (median and mean of the peers), on the key indicators, under
 * the same filters.
 */
export function ComparisonTable(props: ComparisonTableProps) {
  const { territory, territoryName, sql, filters, columns, observed } = props;
  const comparison = useQuery<NamedComparisonRow>(sql, { defer: true });
  const comparisonRows = comparison.last?.rows ?? null;
  const comparisonStale = comparison.status === 'pending';
  // Rows of the previous selection would name the wrong EPCI.
  const codeEpci = peerEpciCode(territory, comparisonStale ? null : comparisonRows);
  const similar = useQuery<SimilarTerritoriesRow>(peerQuery(codeEpci, filters, columns), {
    defer: true,
  });

  if (comparison.status === 'error') {
    return <p className="inline-error">La comparaison n’a pas pu être calculée.</p>;
  }
  if (comparisonRows === null) return <p className="muted">Calcul en cours…</p>;

  const peerRows = codeEpci === null ? [] : (similar.last?.rows ?? []);
  const group = peerRows[0];
  const groupLabel =
    group?.type_epci != null && isPopulationBandId(group.population_band)
      ? peerGroupLabel(group.type_epci, group.population_band)
      : null;
  let flagged = false;
  const flag = (row: IndicatorRow): ReactNode => {
    if (!isSmallCount(row, { observed })) return null;
    flagged = true;
    return (
      <span className="small-count-mark" title="Effectif faible : chiffres fragiles">
        *
      </span>
    );
  };

  const body = comparisonRows.map((row) => {
    const name = scopeName(row, territoryName);
    return (
      <tr key={row.scope} data-testid={`comparison-${row.scope}`}>
        <th scope="row">
          {name}
          {flag(row)}
        </th>
        {valueCells(row)}
      </tr>
    );
  });
  const peers = peerRows.map((row) => (
    <tr key={row.statistic} data-testid={`comparison-similar-${row.statistic}`}>
      <th scope="row">Similaires ({row.statistic === 'median' ? 'médiane' : 'moyenne'})</th>
      {valueCells(row)}
    </tr>
  ));

  return (
    <div
      className={
        comparisonStale || similar.status === 'pending' ? 'comparison is-stale' : 'comparison'
      }
    >
      <table className="comparison-table" data-testid="comparison-table">
        <caption className="visually-hidden">
          Comparaison de {territoryName} avec les territoires qui le contiennent
          {codeEpci === null ? '' : ' et les territoires similaires'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Territoire</th>
            {COMPARED_INDICATORS.map((id) => (
              <th key={id} scope="col" title={getIndicator(id).definition}>
                <span aria-hidden="true">{SHORT_LABELS[id]}</span>
                <span className="visually-hidden">{indicatorHeading(getIndicator(id))}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body}
          {peers}
        </tbody>
      </table>
      <p className="muted sidebar-note">
        F/G : passoires F ou G (logements) ; kWhEP/m²/an : consommation moyenne en énergie primaire
        ; G+ : logements à {formatInteger(G_PLUS_FINAL_ENERGY_KWH_M2)} kWhEF/m²/an ou plus.
      </p>
      {flagged && <p className="muted sidebar-note">* Effectif faible : chiffres fragiles.</p>}
      {codeEpci !== null && similar.status === 'error' && (
        <p className="inline-error">Les territoires similaires n’ont pas pu être calculés.</p>
      )}
      {codeEpci !== null && group !== undefined && (
        <p className="muted sidebar-note" data-testid="peer-group">
          {groupLabel === null
            ? 'EPCI absent du référentiel : pas de territoires similaires.'
            : `Territoires similaires : ${groupLabel}, ${formatInteger(group.peers_with_data)} avec des données sur ${formatInteger(group.peers)} (chaque EPCI compte pour un).`}
        </p>
      )}
      {codeEpci === null && (
        <p className="muted sidebar-note">
          Territoires similaires : disponibles pour un EPCI ou une commune rattachée à un EPCI.
        </p>
      )}
    </div>
  );
}

function scopeName(row: NamedComparisonRow, territoryName: string): string {
  if (row.scope === 'territory') return territoryName;
  if (row.scope === 'france') return 'France';
  if (row.name !== null) return row.name;
  return `${COMPARISON_SCOPE_LABELS[row.scope]} ${row.code ?? '(inconnu)'}`;
}

function valueCells(row: IndicatorRow) {
  return COMPARED_INDICATORS.map((id) => {
    const value = indicatorValue(row, id);
    return (
      <td key={id} data-value={value ?? ''}>
        {getIndicator(id).formatNumber(value)}
      </td>
    );
  });
}
