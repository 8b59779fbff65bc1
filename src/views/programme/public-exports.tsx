import { useState } from 'react';
import type { ProgrammeData } from '../../domain/programme-data.ts';
import {
  buildOpenDataExport,
  OPEN_DATA_FILES,
  type OpenDataExport,
} from '../../export/open-data.ts';
import { downloadText } from './download.ts';
import type { ProgrammeBase } from './use-programme-base.ts';

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
      membership: base.communes.map((c) => ({
        code_commune: c.code_commune,
        code_epci: c.code_epci,
      })),
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
        <button
          type="button"
          className="button"
          data-testid="download-opendata-communes"
          onClick={() => download('communes')}
        >
          Communes (CSV)
        </button>
        <button
          type="button"
          className="button"
          data-testid="download-opendata-epci"
          onClick={() => download('epci')}
        >
          EPCI (CSV)
        </button>
        <button
          type="button"
          className="button"
          data-testid="download-opendata-readme"
          onClick={() => download('readme')}
        >
          Notice (README)
        </button>
      </fieldset>
      <button
        type="button"
        className="button button-primary"
        data-testid="print-report"
        onClick={() => window.print()}
      >
        Rapport annuel (PDF)
      </button>
      {state.status === 'error' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
    </section>
  );
}
