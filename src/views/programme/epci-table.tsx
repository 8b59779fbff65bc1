import { useMemo, useState } from 'react';
import { ProgrammeSection } from '../../components/programme/programme-section.tsx';
import { ShownValue } from '../../components/secret-mark.tsx';
import { formatCount, formatInteger } from '../../domain/format.ts';
import type { ProgrammeConfig } from '../../domain/programme-config.ts';
import { formatFrenchDate } from '../../domain/programme-dates.ts';
import type { EpciBreakdown } from '../../domain/programme-kpis.ts';
import {
  figureText,
  numericFigure,
  type ShownCounts,
  shownCounts,
  shownEpciCounts,
  WITHHELD_PAIR,
} from '../../domain/public-figures.ts';
import type { PublicProgrammeCounts } from '../../domain/public-programme-counts.ts';
import { CountCells, penetration } from './breakdown-cells.tsx';

type SortKey =
  | 'nom'
  | 'region'
  | 'adoption'
  | 'carnets'
  | 'works'
  | 'conversion'
  | 'fg'
  | 'penetration';

const COLUMNS: readonly { key: SortKey; label: string; numeric: boolean }[] = [
  { key: 'nom', label: 'EPCI', numeric: false },
  { key: 'region', label: 'Région partenaire', numeric: false },
  { key: 'adoption', label: 'Adhésion', numeric: false },
  { key: 'carnets', label: 'Carnets', numeric: true },
  { key: 'works', label: 'Travaux', numeric: true },
  { key: 'conversion', label: 'Conversion', numeric: true },
  { key: 'fg', label: 'Logements F/G', numeric: true },
  { key: 'penetration', label: 'Carnets pour 1 000 F/G', numeric: true },
];

function epciName(row: EpciBreakdown, names: ReadonlyMap<string, string>): string {
  return row.nom_epci ?? names.get(row.siren_epci) ?? row.siren_epci;
}

/** Props of {@link EpciTable}. */
export interface EpciTableProps {
  rows: readonly EpciBreakdown[];
  config: ProgrammeConfig;
  epciNames: ReadonlyMap<string, string>;
  /** Name of the stock dataset the F/G dwellings come from. */
  stockName: string;
  demo: boolean;
  /** Public mode: the counts the statistical secret publishes (null outside public mode). */
  publicCounts: PublicProgrammeCounts | null;
}

/**
 * Per EPCI (adopting territories, then EPCI with carnets outside the programme): carnets, works,
 * conversion, F/G dwellings of the stock and penetration; sortable by every column.
 */
export function EpciTable({
  rows,
  config,
  epciNames,
  stockName,
  demo,
  publicCounts,
}: EpciTableProps) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'carnets',
    descending: true,
  });
  const regions = useMemo(
    () => new Map(config.partner_regions.map((r) => [r.code, r.name])),
    [config],
  );
  const shown = useMemo(() => shownEpciCounts(rows, publicCounts), [rows, publicCounts]);
  const sorted = useMemo(() => {
    const figure = (row: EpciBreakdown, key: keyof ShownCounts) =>
      numericFigure(shown.get(row.siren_epci)?.[key] ?? null);
    const value = (row: EpciBreakdown): string | number | null => {
      switch (sort.key) {
        case 'nom':
          return epciName(row, epciNames);
        case 'region':
          return row.adopting ? (regions.get(row.code_region ?? '') ?? '') : '';
        case 'adoption':
          return row.date_adoption;
        case 'carnets':
          return figure(row, 'carnets');
        case 'works':
          return figure(row, 'works');
        case 'conversion':
          return figure(row, 'conversion');
        case 'fg':
          return row.fg_dwellings;
        case 'penetration':
          return figure(row, 'penetration');
      }
    };
    const direction = sort.descending ? -1 : 1;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      // Missing values always go last, whatever the direction.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x).localeCompare(String(y), 'fr');
      return order * direction || a.siren_epci.localeCompare(b.siren_epci);
    });
  }, [rows, sort, regions, epciNames, shown]);

  const onSort = (key: SortKey, numeric: boolean) =>
    setSort((current) =>
      current.key === key ? { key, descending: !current.descending } : { key, descending: numeric },
    );

  return (
    <ProgrammeSection titleId="epci-table-title" title="Par EPCI" demo={demo}>
      <p className="muted small">
        {formatCount(
          rows.filter((r) => r.adopting).length,
          'territoire adhérent',
          'territoires adhérents',
        )}
        {rows.some((r) => !r.adopting) &&
          `, puis ${formatInteger(rows.filter((r) => !r.adopting).length)} EPCI non adhérents où des carnets ont été ouverts`}
        . Logements F/G : parc « {stockName} ». Cliquez sur un en-tête pour trier.
      </p>
      <div className="table-scroll table-scroll-tall">
        <table className="programme-table" data-testid="epci-table">
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'numeric' : undefined}
                  aria-sort={
                    sort.key === column.key
                      ? sort.descending
                        ? 'descending'
                        : 'ascending'
                      : 'none'
                  }
                >
                  <button
                    type="button"
                    className="sort-button"
                    data-testid={`epci-sort-${column.key}`}
                    onClick={() => onSort(column.key, column.numeric)}
                  >
                    {column.label}
                    <span className="sort-mark" aria-hidden="true">
                      {sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((row) => {
              const figures = shown.get(row.siren_epci) ?? shownCounts(row, WITHHELD_PAIR);
              return (
                <tr
                  key={row.siren_epci}
                  data-siren={row.siren_epci}
                  data-adopting={row.adopting}
                  data-carnets={figureText(figures.carnets)}
                  data-works={figureText(figures.works)}
                  data-fg={row.fg_dwellings ?? ''}
                  data-penetration={figureText(figures.penetration)}
                  data-conversion={figureText(figures.conversion)}
                  className={row.adopting ? undefined : 'not-adopting'}
                >
                  <th scope="row">
                    {epciName(row, epciNames)} <span className="muted">{row.siren_epci}</span>
                  </th>
                  <td>
                    {row.adopting
                      ? (regions.get(row.code_region ?? '') ?? row.code_region)
                      : 'non adhérent'}
                  </td>
                  <td>{row.date_adoption === null ? '–' : formatFrenchDate(row.date_adoption)}</td>
                  <CountCells shown={figures} />
                  <td className="numeric">{formatInteger(row.fg_dwellings)}</td>
                  <td className="numeric">
                    <ShownValue value={figures.penetration} format={penetration} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </ProgrammeSection>
  );
}
