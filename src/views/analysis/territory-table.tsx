import { useMemo, useState } from 'react';
import {
  getIndicator,
  type IndicatorId,
  indicatorHeading,
  indicatorValue,
  isSmallCount,
} from '../../domain/indicators.ts';
import type { DatasetProvenance } from '../../domain/provenance.ts';
import type { TerritoryLevel } from '../../domain/territory.ts';
import { formatLevelCount, LEVEL_NAMES } from '../../domain/territory-hierarchy.ts';
import {
  type TerritoryTableRow,
  territoryTableCsv,
  territoryTableFileName,
} from '../../export/territory-table-csv.ts';
import type { FilterSelection } from '../../sql/filters.ts';
import { downloadText } from '../programme/download.ts';
import { indicatorColumns, type SortKey, sortTableRows, type TableSort } from './table-sort.ts';

/** Props of {@link TerritoryTable}. */
export interface TerritoryTableProps {
  level: TerritoryLevel;
  rows: readonly TerritoryTableRow[];
  indicators: readonly IndicatorId[];
  /** Column shown first and highlighted as the mapped indicator, and the sort until one is chosen. */
  metric: IndicatorId;
  datasetId: string;
  datasetName: string;
  /** Where fetched open data came from, written into the export. */
  provenance?: DatasetProvenance | null;
  filters: FilterSelection;
  observed: boolean;
  selectedCode: string | null;
  onSelect: (code: string) => void;
}

/**
 * The map's numbers as a table: one row per territory, sortable by any column through buttons in
 * the headers (keyboard reachable, `aria-sort` on the sorted column), with a CSV export.
 */
export function TerritoryTable(props: TerritoryTableProps) {
  const { level, rows, indicators, metric, filters, observed, selectedCode, onSelect } = props;
  // The sort the user chose holds for the indicator it was chosen under; another mapped indicator
  // sorts by its own column again.
  const [chosen, setChosen] = useState<{ metric: IndicatorId; sort: TableSort } | null>(null);
  const sort: TableSort =
    chosen?.metric === metric ? chosen.sort : { key: metric, descending: true };
  const setSort = (next: TableSort) => setChosen({ metric, sort: next });
  const { key: sortKey, descending } = sort;
  const sorted = useMemo(
    () => sortTableRows(rows, { key: sortKey, descending }),
    [rows, sortKey, descending],
  );
  const columns = indicatorColumns(indicators, metric);

  const header = (key: SortKey, label: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        className={
          [numeric && 'numeric', key === metric && 'metric-column'].filter(Boolean).join(' ') ||
          undefined
        }
        aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      >
        <button
          type="button"
          className="sort-button"
          data-testid={`sort-${key}`}
          onClick={() =>
            setSort(active ? { key, descending: !sort.descending } : { key, descending: numeric })
          }
        >
          {label}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
        </button>
      </th>
    );
  };

  const exportCsv = () => {
    const options = {
      level,
      datasetName: props.datasetName,
      provenance: props.provenance ?? null,
      filters,
      observed,
      indicators,
    };
    downloadText(
      territoryTableFileName({ level, datasetId: props.datasetId, filters, date: new Date() }),
      territoryTableCsv(sorted, options),
    );
  };

  return (
    <section
      className="territory-table"
      aria-label="Tableau des territoires"
      data-testid="territory-table"
    >
      <div className="territory-table-bar">
        <p>
          {formatLevelCount(rows.length, level)}
          {observed ? ' · DPE observés, non représentatifs du parc' : ''}
        </p>
        <button type="button" className="button" data-testid="csv-export" onClick={exportCsv}>
          Exporter en CSV (Excel)
        </button>
      </div>
      <div className="territory-table-scroll">
        <table>
          <caption className="visually-hidden">
            Indicateurs par {LEVEL_NAMES[level].singular} ; les boutons des en-têtes trient le
            tableau.
          </caption>
          <thead>
            <tr>
              {header('name', 'Nom', false)}
              {header('code', 'Code', false)}
              {columns.map((id) => header(id, indicatorHeading(getIndicator(id)), true))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => {
              const small = isSmallCount(row, { observed });
              return (
                <tr
                  key={row.code}
                  data-code={row.code}
                  data-selected={row.code === selectedCode}
                  className={row.code === selectedCode ? 'selected' : undefined}
                >
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onSelect(row.code)}
                    >
                      {row.name ?? row.code}
                    </button>
                    {small && (
                      <span className="small-count-flag" title="Effectif faible : valeur fragile">
                        {' '}
                        (effectif faible)
                      </span>
                    )}
                  </th>
                  <td>{row.code}</td>
                  {columns.map((id) => {
                    const value = indicatorValue(row, id);
                    return (
                      <td
                        key={id}
                        className={id === metric ? 'numeric metric-column' : 'numeric'}
                        data-indicator={id}
                        data-value={value ?? ''}
                      >
                        {getIndicator(id).formatNumber(value)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
