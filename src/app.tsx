import { ErrorScreen } from './components/error-screen.tsx';
import { LoadingStatus } from './components/loading-status.tsx';
import { SyntheticBadge } from './components/synthetic-badge.tsx';
import type { DatasetInfo } from './db/manifest.ts';
import { useUrlState } from './state/use-url-state.ts';
import { TerritoryView } from './views/territory-view.tsx';
import { useTerritoryAssets } from './views/use-territory-assets.ts';

const PHASE_MESSAGES = {
  duckdb: 'Chargement de DuckDB…',
  stock: 'Chargement du parc…',
} as const;

/** The dashboard: header with the active dataset, then the territory view. */
export function App() {
  const assets = useTerritoryAssets();
  const [url, setUrl] = useUrlState();
  const datasets = assets.status === 'ready' ? assets.assets.manifest.datasets : [];
  const dataset: DatasetInfo | undefined =
    datasets.find((candidate) => candidate.id === url.dataset) ?? datasets[0];

  return (
    <div className="app">
      <header className="app-header">
        <div className="app-title">
          <h1>Tableau de bord CaSBa – rénovation des logements</h1>
          <p className="app-subtitle">
            Parc de logements et passoires thermiques par EPCI
            {dataset && <> · {dataset.name}</>}
          </p>
        </div>
        <div className="app-header-side">
          {datasets.length > 1 && dataset && (
            <label className="dataset-select">
              Jeu de données
              <select
                value={dataset.id}
                onChange={(event) => setUrl({ dataset: event.target.value, epci: null })}
              >
                {datasets.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {dataset?.synthetic && <SyntheticBadge caption={dataset.caption} />}
        </div>
      </header>
      <main className="app-main">
        {assets.status === 'error' && <ErrorScreen error={assets.error} />}
        {assets.status === 'loading' && <LoadingStatus message={PHASE_MESSAGES[assets.phase]} />}
        {assets.status === 'ready' && dataset && (
          <TerritoryView
            assets={assets.assets}
            dataset={dataset}
            metricId={url.metric}
            onMetricChange={(metric) => setUrl({ metric })}
            selectedCode={url.epci}
            onSelect={(epci) => setUrl({ epci })}
          />
        )}
      </main>
    </div>
  );
}
