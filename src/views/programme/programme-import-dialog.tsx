import { useCallback, useState } from 'react';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import { ProgrammeImportReportCard } from '../../components/programme/programme-import-report.tsx';
import { formatDecimal } from '../../domain/format.ts';
import type { ProgrammeFiles } from '../../ingest/programme-csv.ts';
import type { ProgrammeImportResponse } from '../../ingest/programme-import-protocol.ts';
import { runProgrammeImport } from './programme-import-client.ts';
import { type ProgrammeBase, programmeImportContext } from './use-programme-base.ts';

/** Data read from files, with the reports and the file names. */
export interface LoadedProgramme {
  origin: 'demo' | 'import';
  names: ProgrammeFiles<string>;
  result: Extract<ProgrammeImportResponse, { status: 'done' }>;
}

/** Props of {@link ProgrammeImportDialog}. */
export interface ProgrammeImportDialogProps {
  open: boolean;
  onClose: () => void;
  base: ProgrammeBase;
  /** Called once the three files are read (whatever the rejections). */
  onImported: (loaded: LoadedProgramme) => void;
}

const FIELDS = [
  { key: 'territories', label: 'Territoires adhérents', hint: 'territoires.csv' },
  { key: 'carnets', label: 'Carnets ouverts', hint: 'carnets.csv' },
  { key: 'works', label: 'Travaux recensés', hint: 'travaux.csv' },
] as const;

type Phase =
  | { step: 'choose' }
  | { step: 'reading' }
  | { step: 'done'; loaded: LoadedProgramme }
  | { step: 'failed'; message: string; file?: string };

/**
 * « Importer des données du programme »: pick the three CSV files (schemas in
 * docs/programme-csv.md), read them with the same importer and reference as the command line, and
 * show each file's report (rows read, accepted, rejected with their reasons, warnings).
 */
export function ProgrammeImportDialog({
  open,
  onClose,
  base,
  onImported,
}: ProgrammeImportDialogProps) {
  const [files, setFiles] = useState<Partial<ProgrammeFiles<File>>>({});
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const onOpen = useCallback(
    () => setPhase((current) => (current.step === 'reading' ? current : { step: 'choose' })),
    [],
  );

  const ready = files.territories && files.carnets && files.works;

  const start = async () => {
    if (!files.territories || !files.carnets || !files.works) return;
    const chosen = { territories: files.territories, carnets: files.carnets, works: files.works };
    const names = {
      territories: chosen.territories.name,
      carnets: chosen.carnets.name,
      works: chosen.works.name,
    };
    setPhase({ step: 'reading' });
    const response = await runProgrammeImport({
      inputs: {
        territories: { file: chosen.territories },
        carnets: { file: chosen.carnets },
        works: { file: chosen.works },
      },
      names,
      ...programmeImportContext(base),
    });
    if (response.status === 'failed') {
      setPhase({
        step: 'failed',
        message: response.message,
        ...(response.file ? { file: response.file } : {}),
      });
      return;
    }
    const loaded: LoadedProgramme = { origin: 'import', names, result: response };
    setPhase({ step: 'done', loaded });
    onImported(loaded);
  };

  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      onOpen={onOpen}
      className="programme-import-dialog"
      testId="programme-import-dialog"
      titleId="programme-import-title"
      title="Importer des données du programme"
      headerClassName="dialog-header"
    >
      <p className="muted small">
        Trois fichiers CSV (UTF-8, séparateur détecté) : territoires adhérents, carnets, travaux, au
        schéma de <code>docs/programme-csv.md</code>. Ils sont lus dans le navigateur, contrôlés
        contre le {base.referenceName} et le calendrier du programme ({base.config.calendar.start} →{' '}
        {base.config.calendar.end}) ; rien ne quitte ce poste.
      </p>
      <div className="programme-file-fields">
        {FIELDS.map((field) => {
          const chosen = files[field.key];
          return (
            <div key={field.key} className="programme-file-field">
              <span className="programme-file-label" id={`programme-file-${field.key}-label`}>
                {field.label} <span className="muted">({field.hint})</span>
              </span>
              <label className="button programme-file-button">
                {chosen ? 'Changer de fichier' : 'Choisir un fichier…'}
                <input
                  type="file"
                  className="visually-hidden"
                  accept=".csv,.txt,text/csv"
                  aria-labelledby={`programme-file-${field.key}-label`}
                  data-testid={`programme-file-${field.key}`}
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    setFiles((current) => ({ ...current, [field.key]: file }));
                  }}
                />
              </label>
              <span
                className="programme-file-name"
                data-testid={`programme-file-${field.key}-name`}
              >
                {chosen ? chosen.name : 'Aucun fichier choisi'}
              </span>
            </div>
          );
        })}
      </div>
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid="programme-import-submit"
          disabled={!ready || phase.step === 'reading'}
          onClick={() => void start()}
        >
          Lire les trois fichiers
        </button>
        <button type="button" className="button" onClick={onClose}>
          Fermer
        </button>
      </div>
      <div aria-live="polite">
        {phase.step === 'reading' && (
          <p data-testid="programme-import-reading">Lecture des fichiers…</p>
        )}
        {phase.step === 'failed' && (
          <p className="inline-error" role="alert" data-testid="programme-import-error">
            {phase.message}
            {phase.file && <span className="muted"> ({phase.file})</span>}
          </p>
        )}
        {phase.step === 'done' && (
          <div data-testid="programme-import-done">
            <p className="import-report-summary">
              Fichiers lus en {formatDecimal(phase.loaded.result.elapsedMs / 1000, 1)} s ; le
              pilotage affiche maintenant ces données.
            </p>
            {FIELDS.map(({ key }) => (
              <ProgrammeImportReportCard
                key={key}
                report={phase.loaded.result.reports[key]}
                fileName={phase.loaded.names[key]}
              />
            ))}
          </div>
        )}
      </div>
    </ModalDialog>
  );
}
