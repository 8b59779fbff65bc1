import { useCallback, useEffect, useState } from 'react';
import { readUrlState, type UrlState, writeUrlState } from './url-state.ts';

/**
 * The URL-shared state and a setter that merges a patch. The URL follows by replacing the current
 * history entry (no new entry per selection); back/forward navigation is followed too.
 */
export function useUrlState(): [UrlState, (patch: Partial<UrlState>) => void] {
  const [state, setState] = useState<UrlState>(() => readUrlState(window.location.search));

  useEffect(() => {
    const onPopState = () => setState(readUrlState(window.location.search));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  useEffect(() => {
    const search = writeUrlState(state, window.location.search);
    if (search === window.location.search) return;
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    window.history.replaceState(window.history.state, '', url);
  }, [state]);

  const update = useCallback((patch: Partial<UrlState>) => {
    setState((previous) => ({ ...previous, ...patch }));
  }, []);

  return [state, update];
}
