import { useCallback, useEffect, useState } from 'react';

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

/**
 * The top-level view, shared in the URL (`?vue=pilotage`), and its setter. Like the other URL
 * state, the current history entry is replaced; back and forward navigation is followed.
 */
export function useAppView(): [AppViewId, (view: AppViewId) => void] {
  const [view, setView] = useState<AppViewId>(() => readAppView(window.location.search));
  useEffect(() => {
    const onPopState = () => setView(readAppView(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  const update = useCallback((next: AppViewId) => {
    const search = writeAppView(next, window.location.search);
    if (search !== window.location.search) {
      const url = `${window.location.pathname}${search}${window.location.hash}`;
      window.history.replaceState(window.history.state, '', url);
    }
    setView(next);
  }, []);
  return [view, update];
}
