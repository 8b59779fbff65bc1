import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type AnalysisState,
  parseAnalysisState,
  writeAnalysisState,
} from './analysis-url-state.ts';

/**
 * How a change reaches the browser history: `push` for a user navigation (back returns to the
 * previous state), `replace` for continuous changes such as panning the map.
 */
export type HistoryMode = 'push' | 'replace';

/** The shared analysis state, its notices, and its setters. */
export interface AnalysisStateHandle {
  state: AnalysisState;
  /** French notices of the URL parameters that were ignored, until dismissed. */
  notices: readonly string[];
  dismissNotices: () => void;
  update: (patch: Partial<AnalysisState>, mode?: HistoryMode) => void;
}

function writeHistory(state: AnalysisState, mode: HistoryMode): void {
  const search = writeAnalysisState(state, window.location.search);
  if (search === window.location.search) return;
  const url = `${window.location.pathname}${search}${window.location.hash}`;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(window.history.state, '', url);
}

/**
 * The analysis state kept in the URL (see `analysis-url-state.ts`): read at start and on
 * back/forward, written on every change. Invalid parameters are reported once in `notices`, and
 * the URL is rewritten without them.
 */
export function useAnalysisState(): AnalysisStateHandle {
  const [initial] = useState(() => parseAnalysisState(window.location.search));
  const [state, setState] = useState<AnalysisState>(initial.state);
  const [notices, setNotices] = useState<readonly string[]>(initial.notices);
  const current = useRef(state);

  useEffect(() => {
    // Drops what was ignored, so that a shared copy of the URL does not carry it on.
    if (initial.notices.length > 0) writeHistory(initial.state, 'replace');
  }, [initial]);

  useEffect(() => {
    const onPopState = () => {
      const parsed = parseAnalysisState(window.location.search);
      current.current = parsed.state;
      setState(parsed.state);
      setNotices(parsed.notices);
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const update = useCallback((patch: Partial<AnalysisState>, mode: HistoryMode = 'push') => {
    const next = { ...current.current, ...patch };
    current.current = next;
    writeHistory(next, mode);
    setState(next);
  }, []);

  const dismissNotices = useCallback(() => setNotices([]), []);

  return { state, notices, dismissNotices, update };
}
