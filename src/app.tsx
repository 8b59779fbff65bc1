import { useCallback, useMemo, useState } from 'react';
import { ErrorScreen } from './components/error-screen.tsx';
import { LoadingStatus } from './components/loading-status.tsx';
import { ObservedCaveat } from './components/observed-caveat.tsx';
import { PublicModeBanner, PublicModeSwitch } from './components/public-mode-switch.tsx';
import { ClearStoredDataButton } from './components/stored-data-controls.tsx';
import { SyntheticBadge } from './components/synthetic-badge.tsx';
import { communeContoursCache } from './db/commune-contours.ts';
import { datasetKindLabel, isObservedDataset } from './db/dataset-kind.ts';
import { formatCount } from './domain/format.ts';
import { departementLocator } from './ingest/departement-locator.ts';
import { type DatasetTotalsRow, datasetTotalsSql } from './sql/dataset-totals-sql.ts';
import { useAnalysisState } from './state/use-analysis-state.ts';
import { AnalysisView } from './views/analysis/analysis-view.tsx';
import { AppNotices } from './views/app-notices.tsx';
import { CampaignsView } from './views/campaigns/campaigns-view.tsx';
import { DatasetSelect, type DatasetTotals } from './views/dataset-select.tsx';
import { DbStatusNotice } from './views/db-status-notice.tsx';
import { ImportDialog, type ImportedDataset } from './views/import-dialog.tsx';
import { type ImportRequest, ImportRequestContext } from './views/import-request.ts';
import { ProgrammeProvider } from './views/programme/programme-store.tsx';
import { ProgrammeView } from './views/programme/programme-view.tsx';
import { useAppView } from './views/programme/use-app-view.ts';
import { PublicModeProvider, usePublicModeState } from './views/public-mode.tsx';
import { useQuery } from './views/use-query.ts';
import { useRememberLastView, useStoredDatasets } from './views/use-stored-datasets.ts';
import { useTerritoryAssets } from './views/use-territory-assets.ts';
import { ViewTabs } from './views/view-tabs.tsx';
import { VintageReportEntry } from './views/vintage-report/vintage-report-entry.tsx';

const PHASE_MESSAGES = {
  duckdb: 'Chargement de DuckDB…',
  stock: 'Chargement du parc…',
} as const;

/** The dashboard: header with the dataset switcher and the import, then the territory view. */
export function App() {
  const assets = useTerritoryAssets();
  const analysis = useAnalysisState();
  const { state: url, update } = analysis;
  // Programme steering view (issue 5): `?vue=pilotage`.
  const [view, setView] = useAppView();
  const [publicMode, setPublicMode] = usePublicModeState();
  const [importedNow, setImported] = useState<ImportedDataset[]>([]);
  // Datasets imported in an earlier visit (IndexedDB), reloaded once the stock is attached.
  const stored = useStoredDatasets(assets.status === 'ready');
  const imported = useMemo(() => [...stored.datasets, ...importedNow], [stored, importedNow]);
  useRememberLastView();
  const [importOpen, setImportOpen] = useState(false);
  const [importRequest, setImportRequest] = useState<ImportRequest | null>(null);
  const requestImport = useCallback((request: ImportRequest) => {
    setImportRequest(request);
    setImportOpen(true);
  }, []);
  const [notice, setNotice] = useState<string | null>(null);
  const ready = assets.status === 'ready';
  const totalsQuery = useQuery<DatasetTotalsRow>(ready ? datasetTotalsSql() : null);

  const datasets = useMemo(
    () => [
      ...(assets.status === 'ready' ? assets.assets.manifest.datasets : []),
      ...imported.map((entry) => entry.info),
    ],
    [assets, imported],
  );
  const locator = useMemo(
    () =>
      assets.status === 'ready'
        ? departementLocator(
            assets.assets.departements,
            assets.assets.manifest.files.communes,
            (code) =>
              communeContoursCache
                .load(assets.assets.manifest.files.communes, [code])
                .then(({ contours, missing }) => (missing.length > 0 ? null : contours)),
          )
        : undefined,
    [assets],
  );
  const totals = useMemo(() => {
    const byId = new Map<string, DatasetTotals>();
    if (totalsQuery.status === 'ready') {
      for (const row of totalsQuery.rows) byId.set(row.dataset, row);
    }
    for (const entry of imported) byId.set(entry.info.id, entry);
    return byId;
  }, [totalsQuery, imported]);
  const dataset = datasets.find((candidate) => candidate.id === url.dataset) ?? datasets[0];

  const onImported = useCallback(
    (entry: ImportedDataset) => {
      setImported((current) => [...current, entry]);
      update({ dataset: entry.info.id });
      // The notice promises the map: leave the steering view if it was open.
      setView('parc');
      setNotice(
        `Jeu de données importé : « ${entry.info.name} » (${datasetKindLabel(entry.info)}, ${formatCount(entry.rows, 'ligne', 'lignes')}). La carte l’affiche ; le sélecteur « Jeu de données » permet de revenir aux autres.`,
      );
    },
    [update, setView],
  );

  return (
    <PublicModeProvider value={publicMode}>
      <ProgrammeProvider ready={ready} publicMode={publicMode}>
        <div className="app" data-public-mode={publicMode}>
          <header className="app-header">
            <div className="app-title">
              <h1>Tableau de bord CaSBa – rénovation des logements</h1>
              <p className="app-subtitle">
                Parc de logements et passoires thermiques par territoire
                {dataset && <> · {dataset.name}</>}
                {assets.status === 'ready' && (
                  <>
                    {' · '}
                    <VintageReportEntry manifest={assets.assets.manifest} />
                  </>
                )}
              </p>
              {dataset && isObservedDataset(dataset) && <ObservedCaveat compact />}
            </div>
            <div className="app-header-side">
              <ViewTabs value={view} onChange={setView} />
              {dataset && (
                <DatasetSelect
                  dataset={dataset}
                  datasets={datasets}
                  totals={totals}
                  onChange={(id) => update({ dataset: id })}
                />
              )}
              {dataset?.synthetic && <SyntheticBadge caption={dataset.caption} />}
              <button
                type="button"
                className="button button-primary"
                data-testid="import-button"
                disabled={!ready}
                aria-haspopup="dialog"
                onClick={() => setImportOpen(true)}
              >
                Importer des données
              </button>
              <PublicModeSwitch on={publicMode} onChange={setPublicMode} />
              <ClearStoredDataButton />
            </div>
          </header>
          {publicMode && <PublicModeBanner />}
          <DbStatusNotice />
          <AppNotices
            stored={stored.notice}
            imported={notice}
            onDismissImported={() => setNotice(null)}
            url={analysis.notices}
            onDismissUrl={analysis.dismissNotices}
          />
          <main className="app-main">
            {assets.status === 'error' && <ErrorScreen error={assets.error} />}
            {assets.status === 'loading' && (
              <LoadingStatus message={PHASE_MESSAGES[assets.phase]} />
            )}
            {assets.status === 'ready' && dataset && view === 'pilotage' && (
              <ProgrammeView assets={assets.assets} dataset={dataset} datasets={datasets} />
            )}
            {assets.status === 'ready' && view === 'campagnes' && (
              <CampaignsView datasets={datasets} />
            )}
            {assets.status === 'ready' && dataset && view === 'parc' && (
              <ImportRequestContext.Provider value={requestImport}>
                <AnalysisView
                  assets={assets.assets}
                  dataset={dataset}
                  datasets={datasets}
                  state={url}
                  update={update}
                />
              </ImportRequestContext.Provider>
            )}
          </main>
          {assets.status === 'ready' && (
            <ImportDialog
              open={importOpen}
              onClose={() => setImportOpen(false)}
              datasets={datasets}
              cogYear={assets.assets.manifest.cogYear}
              onImported={onImported}
              {...(locator === undefined ? {} : { locator })}
              request={importRequest}
              onRequestTaken={() => setImportRequest(null)}
            />
          )}
        </div>
      </ProgrammeProvider>
    </PublicModeProvider>
  );
}
