import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { maprimerenovMapPlot } from '../../charts/programme-maprimerenov-plot.ts';
import { formatMonthLong } from '../../charts/programme-month.ts';
import { ErrorScreen } from '../../components/error-screen.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import { PlotFigure } from '../../components/plot-figure.tsx';
import { fetchJsonAsset } from '../../db/fetch-asset.ts';
import { formatInteger } from '../../domain/format.ts';
import {
  departementCountsAt,
  isOverseasDepartement,
  latestMonth,
  type MaprimerenovAsset,
} from '../../domain/maprimerenov.ts';
import type { OutlineCollection } from '../../map/outline-layers.ts';
import { MaprimerenovSeries } from './maprimerenov-series.tsx';
import { useElementWidth } from './use-element-width.ts';

/** Props of {@link MaprimerenovPanel}. */
export interface MaprimerenovPanelProps {
  /** Path of `maprimerenov.json`, or null when the build could not write it. */
  path: string | null;
  /** Why the path is null (French), from the manifest. */
  notice: string | null;
  departements: OutlineCollection;
}

type State =
  | { status: 'loading' }
  | { status: 'ready'; asset: MaprimerenovAsset }
  | { status: 'error'; error: unknown };

function useMaprimerenov(path: string | null): State | null {
  const [state, setState] = useState<State>({ status: 'loading' });
  useEffect(() => {
    if (path === null) return;
    let current = true;
    fetchJsonAsset(path).then(
      (json) => {
        if (current) setState({ status: 'ready', asset: json as MaprimerenovAsset });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [path]);
  return path === null ? null : state;
}

/**
 * Real renovation counts: MaPrimeRénov' files validated per département (cumulative at the latest
 * month) on a map and in a table for overseas, the series of a chosen département beside France's,
 * the national total, the sources and their licence.
 */
export function MaprimerenovPanel({ path, notice, departements }: MaprimerenovPanelProps) {
  const state = useMaprimerenov(path);
  return (
    <section
      className="programme-section maprimerenov-panel"
      aria-labelledby="mpr-title"
      data-testid="maprimerenov"
    >
      <h2 id="mpr-title">Rénovations aidées par MaPrimeRénov’ (données réelles)</h2>
      {state === null && (
        <p className="inline-notice" data-testid="mpr-unavailable">
          {notice ??
            'Données MaPrimeRénov’ non disponibles : le fichier n’a pas été construit (sources absentes).'}
        </p>
      )}
      {state?.status === 'loading' && (
        <LoadingStatus message="Chargement des données MaPrimeRénov’…" />
      )}
      {state?.status === 'error' && <ErrorScreen error={state.error} />}
      {state?.status === 'ready' && (
        <MaprimerenovContent asset={state.asset} departements={departements} />
      )}
    </section>
  );
}

function MaprimerenovContent({
  asset,
  departements,
}: {
  asset: MaprimerenovAsset;
  departements: OutlineCollection;
}) {
  const month = latestMonth(asset) ?? asset.months[asset.months.length - 1] ?? '';
  const [selected, setSelected] = useState<string>('36');
  const mapBox = useRef<HTMLDivElement>(null);
  const mapWidth = useElementWidth(mapBox, 420);

  const counts = useMemo(() => departementCountsAt(asset, month), [asset, month]);
  const countByCode = useMemo(() => new Map(counts.map((c) => [c.code, c.value])), [counts]);
  const national = asset.national.points.find((p) => p.month === month)?.cumulative ?? null;
  const departementSum = counts.reduce((sum, c) => sum + (c.value ?? 0), 0);
  const overseas = counts.filter((c) => isOverseasDepartement(c.code));

  const renderMap = useCallback(
    () =>
      maprimerenovMapPlot(departements, countByCode, {
        width: Math.min(mapWidth, 560),
        selected,
        month,
      }),
    [departements, countByCode, mapWidth, selected, month],
  );
  return (
    <>
      <p className="mpr-total">
        France entière, dossiers MaPrimeRénov’ validés en cumul depuis le 1er janvier 2020, à{' '}
        {formatMonthLong(month)} :{' '}
        <strong data-testid="mpr-national-total" data-value={national ?? ''} data-month={month}>
          {formatInteger(national)}
        </strong>
        {asset.target && (
          <span className="muted">
            {' '}
            (cible de l’État : {formatInteger(asset.target.value)} à{' '}
            {formatMonthLong(asset.target.month)})
          </span>
        )}
        . Somme des {formatInteger(counts.length)} départements :{' '}
        <span data-testid="mpr-departements-total">{formatInteger(departementSum)}</span>.
      </p>
      <div className="mpr-body">
        <div ref={mapBox} className="mpr-map">
          <PlotFigure render={renderMap} testId="mpr-map" />
          <table className="programme-table compact" data-testid="mpr-overseas">
            <caption>Outre-mer (hors carte), cumul à {formatMonthLong(month)}</caption>
            <tbody>
              {overseas.map((c) => (
                <tr key={c.code}>
                  <th scope="row">
                    {c.name ?? c.code} <span className="muted">({c.code})</span>
                  </th>
                  <td className="numeric">{formatInteger(c.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <MaprimerenovSeries
          asset={asset}
          month={month}
          countByCode={countByCode}
          national={national}
          selected={selected}
          onSelect={setSelected}
        />
      </div>
      <div className="mpr-sources" data-testid="mpr-sources">
        <h3>Sources et licence</h3>
        <p>{asset.indicator}.</p>
        <ul>
          {asset.sources.map((source) => (
            <li key={source.file}>
              {source.title} — {source.producer}, {source.licence_name}, {source.vintage} (
              <a href={source.url} target="_blank" rel="noreferrer">
                page du jeu de données
              </a>
              , fichier <code>{source.file}</code>)
            </li>
          ))}
        </ul>
        {asset.notes.map((note) => (
          <p key={note} className="muted small">
            {note}
          </p>
        ))}
      </div>
    </>
  );
}
