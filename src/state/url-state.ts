/**
 * Shareable state, kept in the URL query so that a view can be bookmarked or sent:
 * `?jeu=<dataset>&indicateur=<metric>&epci=<SIREN>`. Ephemeral UI state (hover, loading) stays
 * in React components.
 */
import { DEFAULT_METRIC_ID, isMetricId, type MetricId } from '../map/metrics.ts';

/** State shared through the URL. */
export interface UrlState {
  /** Dataset id, or null for the first dataset of the manifest. */
  dataset: string | null;
  metric: MetricId;
  /** SIREN of the selected EPCI. */
  epci: string | null;
}

const SIREN = /^\d{9}$/;

/** Reads the shared state from a query string; unknown or malformed values fall back to defaults. */
export function readUrlState(search: string): UrlState {
  const params = new URLSearchParams(search);
  const metric = params.get('indicateur');
  const epci = params.get('epci');
  const dataset = params.get('jeu');
  return {
    dataset: dataset === null || dataset === '' ? null : dataset,
    metric: isMetricId(metric) ? metric : DEFAULT_METRIC_ID,
    epci: epci !== null && SIREN.test(epci) ? epci : null,
  };
}

/** Writes the shared state into a query string, keeping unrelated parameters; defaults are omitted. */
export function writeUrlState(state: UrlState, search = ''): string {
  const params = new URLSearchParams(search);
  const set = (key: string, value: string | null) => {
    if (value === null) params.delete(key);
    else params.set(key, value);
  };
  set('jeu', state.dataset);
  set('indicateur', state.metric === DEFAULT_METRIC_ID ? null : state.metric);
  set('epci', state.epci);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
