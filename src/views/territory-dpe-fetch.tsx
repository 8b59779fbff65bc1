import { useEffect, useMemo, useRef, useState } from 'react';
import { formatInteger } from '../domain/format.ts';
import { OBSERVED_CAVEAT } from '../domain/provenance.ts';
import type { TerritoryRef } from '../domain/territory.ts';
import { DPE_DATASET_PAGE, DPE_SOURCE_NAME } from '../opendata/dpe-api.ts';
import type { DpeFetchProgress } from '../opendata/fetch-territory-dpe.ts';
import { openDataConfig } from '../opendata/open-data-config.ts';
import { startTerritoryDpeFetch, type TerritoryDpeJob } from '../opendata/territory-dpe-client.ts';
import {
  type TerritoryCommuneCodeRow,
  territoryCommunesSql,
} from '../sql/territory-communes-sql.ts';
import { useImportRequest } from './import-request.ts';
import { useQuery } from './use-query.ts';

/** Props of {@link TerritoryDpeFetch}. */
export interface TerritoryDpeFetchProps {
  selection: TerritoryRef | null;
  name: string | null;
}

type Phase =
  | { step: 'idle'; message: string | null }
  | { step: 'fetching'; progress: DpeFetchProgress | null; retry: string | null };

/**
 * « Récupérer les DPE de ce territoire » for a selected EPCI or commune: the ADEME API is read in
 * a worker with the client of `npm run data:territory` (progress bar, cancel), and the records are
 * handed to the import dialog as a file, so that they go through the same import and become an
 * observed dataset with their source and date. Builds that do not allow the API's origin point the
 * user to the dataset's export and the import dialog, and tell the site's administrator how to
 * allow it, or to use the command line.
 */
export function TerritoryDpeFetch({ selection, name }: TerritoryDpeFetchProps) {
  const config = useMemo(() => openDataConfig(), []);
  const requestImport = useImportRequest();
  const job = useRef<TerritoryDpeJob | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: 'idle', message: null });
  const level =
    selection?.level === 'epci' || selection?.level === 'commune' ? selection.level : null;
  const code = selection?.code ?? '';
  const communes = useQuery<TerritoryCommuneCodeRow>(
    level !== null && config.enabled ? territoryCommunesSql(level, code) : null,
  );
  // Mounted with the selection as key: a new selection is a new component, the fetch stops.
  useEffect(() => () => job.current?.cancel(), []);
  if (level === null) return null;
  const option = level === 'epci' ? `--epci ${code}` : `--commune ${code}`;

  if (!config.enabled || requestImport === null) {
    return (
      <section
        className="territory-dpe-fetch"
        data-testid="territory-dpe-fetch"
        data-enabled="false"
      >
        <p className="muted">
          Les DPE de ce territoire ne sont pas récupérés automatiquement sur ce site. Exportez-les
          en CSV depuis{' '}
          <a href={DPE_DATASET_PAGE} target="_blank" rel="noopener noreferrer">
            le jeu « DPE des logements existants » de l’ADEME
          </a>{' '}
          (filtre sur les communes du territoire), puis chargez le fichier avec « Importer des
          données ».
        </p>
        <details className="territory-dpe-fetch-admin">
          <summary>Pour l’administrateur du site</summary>
          <p className="muted">
            La récupération depuis l’API de l’ADEME s’active à la construction :{' '}
            <code>OPEN_DATA_HOSTS="https://data.ademe.fr" npm run build</code>. En ligne de commande
            : <code>npm run data:territory -- {option} --dpe</code>.
          </p>
        </details>
      </section>
    );
  }

  const start = () => {
    if (communes.status !== 'ready') return;
    const codes = communes.rows.map((row) => row.code_commune);
    const running = startTerritoryDpeFetch(
      { base: config.dpeApi, communes: codes },
      {
        onProgress: (progress) =>
          setPhase((current) =>
            current.step === 'fetching' ? { ...current, progress, retry: null } : current,
          ),
        onRetry: (retry) =>
          setPhase((current) => (current.step === 'fetching' ? { ...current, retry } : current)),
      },
    );
    job.current = running;
    setPhase({ step: 'fetching', progress: null, retry: null });
    running.outcome.then((outcome) => {
      if (job.current === running) job.current = null;
      if (outcome.status === 'cancelled') {
        setPhase({ step: 'idle', message: 'Récupération annulée : rien n’a été chargé.' });
        return;
      }
      if (outcome.status === 'failed') {
        setPhase({ step: 'idle', message: `Récupération impossible : ${outcome.message}` });
        return;
      }
      const { result } = outcome;
      const label = `${name ?? code} (${code})`;
      const records = result.csv.split('\n').length - 2;
      setPhase({
        step: 'idle',
        message: `${formatInteger(result.rowsFetched)} DPE reçus, ${formatInteger(result.replacedDropped)} remplacé(s) par un plus récent, ${formatInteger(result.weakGeocoding)} mal géocodé(s) (sans point).`,
      });
      requestImport({
        files: [new File([result.csv], `dpe-${code}.csv`, { type: 'text/csv' })],
        name: `DPE ADEME — ${name ?? code}`,
        caption: `DPE de l’ADEME récupérés pour ${label} : ${OBSERVED_CAVEAT}`,
        provenance: {
          source: DPE_SOURCE_NAME,
          url: config.dpeApi,
          fetched_at: result.fetchedAt,
          records,
          territory: label,
          caveat: OBSERVED_CAVEAT,
        },
      });
    });
  };

  const progress = phase.step === 'fetching' ? phase.progress : null;
  return (
    <section className="territory-dpe-fetch" data-testid="territory-dpe-fetch" data-enabled="true">
      {phase.step === 'idle' ? (
        <button
          type="button"
          className="secondary-button"
          data-testid="territory-dpe-fetch-start"
          disabled={communes.status !== 'ready' || communes.rows.length === 0}
          onClick={start}
        >
          Récupérer les DPE de ce territoire
        </button>
      ) : (
        <div className="territory-dpe-fetch-progress" role="status">
          <progress
            max={progress !== null && progress.expected > 0 ? progress.expected : undefined}
            value={progress !== null && progress.expected > 0 ? progress.rows : undefined}
            data-testid="territory-dpe-fetch-progress"
          />
          <p className="muted">
            {progress === null
              ? 'Interrogation de l’API de l’ADEME…'
              : `${formatInteger(progress.rows)} DPE reçus${progress.expected > 0 ? ` sur ≈ ${formatInteger(progress.expected)}` : ''}, requête ${progress.requestsDone}/${progress.requests}`}
            {phase.step === 'fetching' &&
              phase.retry !== null &&
              ` — nouvel essai : ${phase.retry}`}
          </p>
          <button
            type="button"
            className="secondary-button"
            data-testid="territory-dpe-fetch-cancel"
            onClick={() => job.current?.cancel()}
          >
            Annuler
          </button>
        </div>
      )}
      {phase.step === 'idle' && phase.message !== null && (
        <p className="muted" data-testid="territory-dpe-fetch-message">
          {phase.message}
        </p>
      )}
      <p className="muted">
        Source : {DPE_SOURCE_NAME}. {OBSERVED_CAVEAT}
      </p>
    </section>
  );
}
