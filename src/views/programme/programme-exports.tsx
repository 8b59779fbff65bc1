import { useMemo, useState } from 'react';
import { formatCount } from '../../domain/format.ts';
import type { ProgrammeConfig } from '../../domain/programme-config.ts';
import type { ProgrammeData } from '../../domain/programme-data.ts';
import { parseQuarter, quarterOf } from '../../domain/programme-dates.ts';
import type { FgDwellingsByEpci } from '../../domain/programme-kpis.ts';
import { formatAdoptingAuthoritiesCsv } from '../../export/adopting-authorities.ts';
import { formatCeeBeneficiariesCsv } from '../../export/cee-beneficiaries.ts';
import { downloadText } from './download.ts';
import { PrintReportButton } from './print-report-button.tsx';

/** Props of {@link ProgrammeExports}. */
export interface ProgrammeExportsProps {
  config: ProgrammeConfig;
  data: ProgrammeData;
  fgDwellings: FgDwellingsByEpci | undefined;
  epciNames: ReadonlyMap<string, string>;
}

/** Every quarter of the calendar, `YYYY-Qn`, first to last. */
function calendarQuarters(config: ProgrammeConfig): string[] {
  const first = parseQuarter(quarterOf(config.calendar.start));
  const last = quarterOf(config.calendar.end);
  const quarters: string[] = [];
  if (first === null) return quarters;
  let year = first.year;
  let quarter: number = first.quarter;
  for (let label = `${year}-Q${quarter}`; label <= last; label = `${year}-Q${quarter}`) {
    quarters.push(label);
    quarter++;
    if (quarter > 4) {
      quarter = 1;
      year++;
    }
  }
  return quarters;
}

/** `2020-Q3` → `2020-T3`, the French spelling. */
const frenchQuarter = (label: string) => label.replace('-Q', '-T');

/**
 * Reports for the governance of the programme: the quarterly list of final beneficiaries for the
 * national CEE registry (CSV), the adopting authorities for the steering committee (CSV), and the
 * printable annual report.
 */
export function ProgrammeExports({ config, data, fgDwellings, epciNames }: ProgrammeExportsProps) {
  const perQuarter = useMemo(() => {
    const counts = new Map<string, number>();
    for (const c of data.carnets) {
      const q = quarterOf(c.date_ouverture);
      counts.set(q, (counts.get(q) ?? 0) + 1);
    }
    return counts;
  }, [data.carnets]);
  const quarters = useMemo(() => calendarQuarters(config), [config]);
  const lastWithCarnets = [...quarters].reverse().find((q) => (perQuarter.get(q) ?? 0) > 0);
  const [quarter, setQuarter] = useState<string>(lastWithCarnets ?? quarters[0] ?? '');

  const downloadBeneficiaries = () => {
    const csv = formatCeeBeneficiariesCsv(config, data, quarter, {
      epciName: (siren) => epciNames.get(siren),
    });
    downloadText(`beneficiaires-cee-${config.id}-${frenchQuarter(quarter)}.csv`, csv);
  };
  const downloadAuthorities = () => {
    const csv = formatAdoptingAuthoritiesCsv(config, data, fgDwellings ? { fgDwellings } : {});
    downloadText(`collectivites-adherentes-${config.id}.csv`, csv);
  };

  return (
    <section className="programme-exports no-print" aria-labelledby="programme-exports-title">
      <h2 id="programme-exports-title" className="visually-hidden">
        Rapports et exports
      </h2>
      <div className="export-group">
        <label>
          Trimestre
          <select
            data-testid="cee-quarter"
            value={quarter}
            onChange={(event) => setQuarter(event.target.value)}
          >
            {quarters.map((q) => (
              <option key={q} value={q}>
                {frenchQuarter(q)} ({formatCount(perQuarter.get(q) ?? 0, 'carnet', 'carnets')})
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button"
          data-testid="download-cee"
          onClick={downloadBeneficiaries}
        >
          Bénéficiaires CEE du trimestre (CSV)
        </button>
      </div>
      <button
        type="button"
        className="button"
        data-testid="download-authorities"
        onClick={downloadAuthorities}
      >
        Collectivités adhérentes (CSV)
      </button>
      <PrintReportButton />
    </section>
  );
}
