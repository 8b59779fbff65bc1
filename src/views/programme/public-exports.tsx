import { useState } from 'react';
import type { ProgrammeData } from '../../domain/programme-data.ts';
import {
  buildOpenDataExport,
  OPEN_DATA_FILES,
  type OpenDataExport,
} from '../../export/open-data.ts';
import { downloadText } from './download.ts';
import { PrintReportButton } from './print-report-button.tsx';
import type { ProgrammeBase } from './use-programme-base.ts';

const OPEN_DATA_BUTTONS: readonly { file: keyof typeof OPEN_DATA_FILES; label: string }[] = [
  { file: 'communes', label: 'Communes (CSV)' },
  { file: 'epci', label: 'EPCI (CSV)' },
  { file: 'readme', label: 'Notice (README)' },
];

type ExportState =
  | { status: 'idle' }
  | { status: 'ready'; files: OpenDataExport['files'] }
  | {
      status: 'error';
      message: string;
    };

/**
 * The exports of the public mode: the anonymised open-data files (the same as
 * `npm run opendata`, built from the data on screen and audited before they are offered) and the
 * printable report. The lists of beneficiaries and the unprotected per-EPCI table are not offered.
 */
export function PublicExports({ base, data }: { base: ProgrammeBase; data: ProgrammeData }) {
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  const build = (): OpenDataExport['files'] | null => {
    if (state.status === 'ready') return state.files;
    const result = buildOpenDataExport({
      data,
      membership: base.communes,
      programme: { name: base.config.name, reference: base.config.reference },
      territoryReference: base.referenceName,
      partnerRegions: base.config.partner_regions.map((region) => region.code),
    });
    if (!result.audit.passed) {
      setState({
        status: 'error',
        message: `Export refusé : la vérification du secret statistique a trouvé ${result.audit.disclosures.length} case(s) retrouvable(s).`,
      });
      return null;
    }
    setState({ status: 'ready', files: result.files });
    return result.files;
  };
  const download = (file: keyof typeof OPEN_DATA_FILES) => {
    const files = build();
    if (files === null) return;
    const type = file === 'readme' ? 'text/markdown;charset=utf-8' : 'text/csv;charset=utf-8';
    downloadText(OPEN_DATA_FILES[file], files[file], type);
  };

  return (
    <section
      className="programme-exports no-print"
      aria-labelledby="public-exports-title"
      data-testid="public-exports"
    >
      <h2 id="public-exports-title" className="visually-hidden">
        Données ouvertes et rapport
      </h2>
      <fieldset className="export-group">
        <legend>Données ouvertes anonymisées</legend>
        {OPEN_DATA_BUTTONS.map(({ file, label }) => (
          <button
            key={file}
            type="button"
            className="button"
            data-testid={`download-opendata-${file}`}
            onClick={() => download(file)}
          >
            {label}
          </button>
        ))}
      </fieldset>
      <PrintReportButton />
      {state.status === 'error' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
    </section>
  );
}
