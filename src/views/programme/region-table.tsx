import { ProgrammeSection } from '../../components/programme/programme-section.tsx';
import { ShownValue } from '../../components/secret-mark.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { formatInteger } from '../../domain/format.ts';
import type { BreakdownCounts, RegionBreakdown } from '../../domain/programme-kpis.ts';
import { figureText, shownCounts, WITHHELD_PAIR } from '../../domain/public-figures.ts';
import type { PublicProgrammeCounts } from '../../domain/public-programme-counts.ts';
import { CountCells, penetration } from './breakdown-cells.tsx';

/** Props of {@link RegionTable}. */
export interface RegionTableProps {
  rows: readonly RegionBreakdown[];
  fgKnown: boolean;
  demo: boolean;
  /** Public mode: the counts the statistical secret publishes (null outside public mode). */
  publicCounts: PublicProgrammeCounts | null;
}

const regionPair = (counts: PublicProgrammeCounts | null, code: string | null) =>
  counts === null ? null : (counts.regions.get(code) ?? WITHHELD_PAIR);

function totalRow(rows: readonly RegionBreakdown[]): BreakdownCounts {
  const carnets = rows.reduce((s, r) => s + r.carnets, 0);
  const works = rows.reduce((s, r) => s + r.works, 0);
  return {
    territories: rows.reduce((s, r) => s + r.territories, 0),
    carnets,
    works,
    conversion: carnets > 0 ? works / carnets : null,
    fg_dwellings: null,
    penetration: null,
  };
}

/** Per partner region: adopting territories, carnets, works, conversion and penetration. */
export function RegionTable({ rows, fgKnown, demo, publicCounts }: RegionTableProps) {
  const total = totalRow(rows);
  const totalShown = shownCounts(total, publicCounts?.total ?? null);
  return (
    <ProgrammeSection titleId="region-table-title" title="Par région partenaire" demo={demo}>
      <div className="table-scroll">
        <table className="programme-table" data-testid="region-table">
          <TableHead
            labels={[
              'Région partenaire',
              'Territoires adhérents',
              'Carnets ouverts',
              'Travaux recensés',
              'Conversion (travaux / carnets)',
              fgKnown && 'Logements F/G des EPCI adhérents',
              fgKnown && 'Carnets pour 1 000 logements F/G',
            ]}
          />
          <tbody>
            {rows.map((row) => {
              const shown = shownCounts(row, regionPair(publicCounts, row.code));
              return (
                <tr
                  key={row.code ?? 'hors'}
                  data-code={row.code ?? ''}
                  data-carnets={figureText(shown.carnets)}
                  data-works={figureText(shown.works)}
                >
                  <th scope="row">
                    {row.name}
                    {row.code !== null && <span className="muted"> ({row.code})</span>}
                  </th>
                  <td className="numeric">{formatInteger(row.territories)}</td>
                  <CountCells shown={shown} />
                  {fgKnown && <td className="numeric">{formatInteger(row.fg_dwellings)}</td>}
                  {fgKnown && (
                    <td className="numeric">
                      <ShownValue value={shown.penetration} format={penetration} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr
              data-testid="region-total"
              data-carnets={figureText(totalShown.carnets)}
              data-works={figureText(totalShown.works)}
            >
              <th scope="row">Total</th>
              <td className="numeric">{formatInteger(total.territories)}</td>
              <CountCells shown={totalShown} />
              {fgKnown && <td />}
              {fgKnown && <td />}
            </tr>
          </tfoot>
        </table>
      </div>
    </ProgrammeSection>
  );
}
