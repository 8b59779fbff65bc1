import { useCallback, useMemo, useState } from 'react';
import { ErrorScreen } from '../../components/error-screen.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import type { DatasetInfo } from '../../db/manifest.ts';
import { isDemoData, latestProgrammeDate } from '../../domain/programme-data.ts';
import { formatLongDate } from '../../domain/programme-dates.ts';
import type { FgDwellingsByEpci } from '../../domain/programme-kpis.ts';
import { targetTrajectory } from '../../domain/programme-kpis.ts';
import { computeProgrammeSummary } from '../../domain/programme-summary.ts';
import { type FgDwellingsRow, fgDwellingsByEpciSql } from '../../sql/programme-fg-dwellings-sql.ts';
import { CampaignSteeringPanel } from '../campaigns/campaign-steering-panel.tsx';
import { useQuery } from '../use-query.ts';
import type { TerritoryAssets } from '../use-territory-assets.ts';
import { BudgetPanel } from './budget-panel.tsx';
import { CoverageMap } from './coverage-map.tsx';
import { DataSourcePanel } from './data-source-panel.tsx';
import { EpciTable } from './epci-table.tsx';
import { MaprimerenovPanel } from './maprimerenov-panel.tsx';
import { ProgrammeExports } from './programme-exports.tsx';
import { ProgrammeHeader } from './programme-header.tsx';
import { ProgrammeImportDialog } from './programme-import-dialog.tsx';
import { ProgrammeKpiCards } from './programme-kpis.tsx';
import { ProgrammeProgress } from './programme-progress.tsx';
import { type ProgrammeStore, useProgramme } from './programme-store.tsx';
import { PublicExports } from './public-exports.tsx';
import { RegionTable } from './region-table.tsx';
import { SavingsPanel } from './savings-panel.tsx';
import type { ProgrammeBase } from './use-programme-base.ts';
import './programme.css';

/** Props of {@link ProgrammeView}. */
export interface ProgrammeViewProps {
  assets: TerritoryAssets;
  /** Stock dataset whose F/G dwellings give the penetration rate. */
  dataset: DatasetInfo;
  /** Every dataset, for the F/G dwellings of each campaign's own stock. */
  datasets: readonly DatasetInfo[];
}

/**
 * The steering view of the programme: where its data comes from (demo or imported), KPIs against
 * the targets, monthly progress, coverage map, breakdowns per partner region and per EPCI, budget
 * against the convention's caps, estimated savings, the real MaPrimeRénov' counts, and the
 * reports (CEE beneficiaries, adopting authorities, printable annual report).
 */
export function ProgrammeView({ assets, dataset, datasets }: ProgrammeViewProps) {
  const store = useProgramme();
  const baseState = store.base;
  if (baseState.status === 'error') {
    return (
      <div className="programme-view" data-testid="programme-view" data-status="error">
        <ErrorScreen error={baseState.error} />
      </div>
    );
  }
  if (baseState.status === 'loading') {
    return (
      <div className="programme-view" data-testid="programme-view" data-status="loading">
        <LoadingStatus message="Chargement de la configuration du programme…" />
      </div>
    );
  }
  return (
    <ProgrammeContent
      assets={assets}
      dataset={dataset}
      datasets={datasets}
      base={baseState.base}
      store={store}
    />
  );
}

function ProgrammeContent({
  assets,
  dataset,
  datasets,
  base,
  store,
}: ProgrammeViewProps & { base: ProgrammeBase; store: ProgrammeStore }) {
  const [importOpen, setImportOpen] = useState(false);
  const fgQuery = useQuery<FgDwellingsRow>(fgDwellingsByEpciSql({ dataset: dataset.id }));
  const { load, setImported, publicCounts, publicError } = store;

  const fgDwellings = useMemo<FgDwellingsByEpci | undefined>(() => {
    if (fgQuery.status !== 'ready') return undefined;
    return Object.fromEntries(fgQuery.rows.map((row) => [row.code_epci, row.fg_dwellings]));
  }, [fgQuery]);
  const fgSettled = fgQuery.status === 'ready' || fgQuery.status === 'error';

  const loaded = load.status === 'ready' ? load.loaded : null;
  const data = loaded?.result.data ?? null;
  const summary = useMemo(() => {
    if (data === null || !fgSettled) return null;
    return computeProgrammeSummary(base.config, data, fgDwellings ? { fgDwellings } : {});
  }, [base.config, data, fgDwellings, fgSettled]);

  const demo = data !== null && isDemoData(data);
  const asOf =
    data === null
      ? base.config.calendar.end
      : (latestProgrammeDate(data) ?? base.config.calendar.start);
  const asOfText = formatLongDate(asOf);
  const version = `${loaded?.origin ?? ''}:${loaded?.result.elapsedMs ?? 0}:${dataset.id}:${publicCounts === null ? 'all' : 'public'}`;
  const withheld = useMemo(() => {
    const set = new Set<'carnets' | 'works'>();
    if (publicCounts?.total.carnets === null) set.add('carnets');
    if (publicCounts?.total.works === null) set.add('works');
    return set;
  }, [publicCounts]);
  const { config } = base;
  const regionName = useCallback(
    (code: string) =>
      config.partner_regions.find((r) => r.code === code)?.name ??
      assets.regions.features.find((f) => f.properties.code === code)?.properties.nom ??
      `Région ${code}`,
    [config, assets.regions],
  );

  return (
    <div
      className="programme-view"
      data-testid="programme-view"
      data-status={summary === null ? 'loading' : 'ready'}
      data-demo={demo}
      data-origin={loaded?.origin ?? ''}
      data-public={publicCounts !== null}
    >
      <ProgrammeHeader
        config={config}
        demo={demo}
        imported={loaded?.origin === 'import'}
        publicMode={publicCounts !== null}
        asOfText={asOfText}
        onImport={() => setImportOpen(true)}
        onDemo={() => setImported(null)}
      />

      {load.status === 'error' && <ErrorScreen error={load.error} />}
      {publicError !== null && (
        <p className="form-error" role="alert" data-testid="public-mode-error">
          Mode public : secret statistique incalculable sur ces données ({publicError}) ; tous les
          effectifs de carnets et de travaux sont masqués.
        </p>
      )}
      {(load.status === 'loading' || (loaded !== null && summary === null)) && (
        <LoadingStatus message="Lecture des données du programme…" />
      )}

      {loaded !== null && data !== null && summary !== null && (
        <>
          <DataSourcePanel
            loaded={loaded}
            demo={demo}
            stockName={dataset.name}
            stockProvenance={dataset.provenance ?? null}
            fgError={fgQuery.status === 'error'}
          />
          {publicCounts === null ? (
            <ProgrammeExports
              key={version}
              config={config}
              data={data}
              fgDwellings={fgDwellings}
              epciNames={base.epciNames}
            />
          ) : (
            <PublicExports base={base} data={data} />
          )}
          <ProgrammeKpiCards
            kpis={summary.kpis}
            trajectory={targetTrajectory(config, asOf)}
            asOfText={asOfText}
            demo={demo}
            withheld={withheld}
          />
          <ProgrammeProgress
            monthly={summary.monthly}
            demo={demo}
            secretThreshold={publicCounts?.threshold ?? null}
          />
          <CoverageMap
            assets={assets}
            rows={summary.by_epci}
            epciNames={base.epciNames}
            version={version}
            demo={demo}
            publicCounts={publicCounts}
          />
          <RegionTable
            rows={summary.by_region}
            fgKnown={fgDwellings !== undefined}
            demo={demo}
            publicCounts={publicCounts}
          />
          <BudgetPanel
            config={config}
            budget={summary.budget}
            calls={summary.calls_for_funds_detail}
            funding={summary.funding}
            demo={demo}
          />
          <SavingsPanel savings={summary.savings} demo={demo} />
          <EpciTable
            rows={summary.by_epci}
            config={config}
            epciNames={base.epciNames}
            stockName={dataset.name}
            demo={demo}
            publicCounts={publicCounts}
          />
          <CampaignSteeringPanel datasets={datasets} epcis={base.epcis} regionName={regionName} />
        </>
      )}
      <MaprimerenovPanel
        path={base.paths.maprimerenov}
        notice={base.paths.maprimerenovNotice}
        departements={assets.departements}
      />

      <ProgrammeImportDialog
        open={importOpen}
        onClose={() => setImportOpen(false)}
        base={base}
        onImported={setImported}
      />
    </div>
  );
}
