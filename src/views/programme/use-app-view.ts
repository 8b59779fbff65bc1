import { CAMPAIGNS_VIEW, STEERING_VIEW } from '../../state/analysis-url-state.ts';
import { useUrlParam } from '../use-url-param.ts';

/** URL parameter of the top-level view. */
const APP_VIEW_PARAM = 'vue';

/** The top-level views: the stock (default, no parameter), the programme steering, the campaigns. */
export type AppViewId = 'parc' | 'pilotage' | 'campagnes';

const URL_VALUES: readonly string[] = [STEERING_VIEW, CAMPAIGNS_VIEW];

/** `?vue=pilotage` and `?vue=campagnes` open their view; anything else is the stock view. */
export function readAppView(search: string): AppViewId {
  const value = new URLSearchParams(search).get(APP_VIEW_PARAM);
  return value === STEERING_VIEW ? 'pilotage' : value === CAMPAIGNS_VIEW ? 'campagnes' : 'parc';
}

/** Writes the view into a query string, keeping the other parameters (`jeu`, `epci`…). */
export function writeAppView(view: AppViewId, search: string): string {
  const params = new URLSearchParams(search);
  if (view !== 'parc') params.set(APP_VIEW_PARAM, view);
  else if (URL_VALUES.includes(params.get(APP_VIEW_PARAM) ?? '')) params.delete(APP_VIEW_PARAM);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The top-level view, shared in the URL (`?vue=pilotage`, `?vue=campagnes`), and its setter. */
export function useAppView(): [AppViewId, (view: AppViewId) => void] {
  return useUrlParam(readAppView, writeAppView);
}
