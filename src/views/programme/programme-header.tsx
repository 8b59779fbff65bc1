import { DemoDataBadge } from '../../components/programme/demo-data-badge.tsx';
import { formatInteger } from '../../domain/format.ts';
import type { ProgrammeConfig } from '../../domain/programme-config.ts';
import { formatLongDate } from '../../domain/programme-dates.ts';

/** Props of {@link ProgrammeHeader}. */
export interface ProgrammeHeaderProps {
  config: ProgrammeConfig;
  demo: boolean;
  /** Whether the data shown was imported (then the demo can be brought back). */
  imported: boolean;
  /** Whether the statistical secret is applied (said in the printed report). */
  publicMode: boolean;
  asOfText: string;
  onImport: () => void;
  onDemo: () => void;
}

/** Title, convention and targets, the data buttons, and the printed report's heading. */
export function ProgrammeHeader({
  config,
  demo,
  imported,
  publicMode,
  asOfText,
  onImport,
  onDemo,
}: ProgrammeHeaderProps) {
  return (
    <>
      <header className="programme-header">
        <div>
          <h1 className="programme-title">
            Pilotage du programme {config.name} <span className="muted">({config.reference})</span>
          </h1>
          <p className="muted small">
            Convention du {formatLongDate(config.calendar.start)} au{' '}
            {formatLongDate(config.calendar.end)} · objectifs :{' '}
            {formatInteger(config.targets.territories)} territoires,{' '}
            {formatInteger(config.targets.carnets)} carnets, {formatInteger(config.targets.works)}{' '}
            travaux
          </p>
        </div>
        <div className="programme-header-side no-print">
          {demo && (
            <DemoDataBadge detail="Territoires, carnets et travaux fictifs générés par scripts/lib/demo-programme.ts (graine fixe) ; les EPCI sont réels, leur adhésion est inventée." />
          )}
          <button
            type="button"
            className="button"
            data-testid="programme-import-button"
            aria-haspopup="dialog"
            onClick={onImport}
          >
            Importer des données du programme
          </button>
          {imported && (
            <button
              type="button"
              className="button"
              data-testid="programme-demo-button"
              onClick={onDemo}
            >
              Revenir aux données de démonstration
            </button>
          )}
        </div>
      </header>

      <div className="print-only print-report-header" data-testid="print-report-header">
        <h1>
          Rapport annuel du programme {config.name} ({config.reference})
        </h1>
        <p>
          Situation au {asOfText} · édité le {formatLongDate(new Date().toISOString().slice(0, 10))}
          {demo && <strong className="print-demo"> · Données de démonstration (fictives)</strong>}
          {publicMode && (
            <strong> · Mode public : secret statistique appliqué (« s » : effectif masqué)</strong>
          )}
        </p>
      </div>
    </>
  );
}
