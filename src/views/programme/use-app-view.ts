import { useUrlParam } from '../use-url-param.ts';

/** URL parameter of the top-level view. */
export const APP_VIEW_PARAM = 'vue';

/** The two top-level views: the stock (default, no parameter) and the programme steering. */
export type AppViewId = 'parc' | 'pilotage';

/** `?vue=pilotage` opens the steering view; anything else is the stock view. */
export function readAppView(search: string): AppViewId {
  return new URLSearchParams(search).get(APP_VIEW_PARAM) === 'pilotage' ? 'pilotage' : 'parc';
}

/** Writes the view into a query string, keeping the other parameters (`jeu`, `epci`…). */
export function writeAppView(view: AppViewId, search: string): string {
  const params = new URLSearchParams(search);
  if (view === 'pilotage') params.set(APP_VIEW_PARAM, 'pilotage');
  else if (params.get(APP_VIEW_PARAM) === 'pilotage') params.delete(APP_VIEW_PARAM);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The top-level view, shared in the URL (`?vue=pilotage`), and its setter. */
export function useAppView(): [AppViewId, (view: AppViewId) => void] {
  return useUrlParam(readAppView, writeAppView);
}
