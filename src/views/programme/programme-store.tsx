import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from 'react';
import { withholdEverything } from '../../domain/public-figures.ts';
import {
  type PublicProgrammeCounts,
  publicProgrammeCounts,
} from '../../domain/public-programme-counts.ts';
import { SECRET_THRESHOLD } from '../../domain/statistical-secret.ts';
import { loadDemoProgramme } from './load-demo-programme.ts';
import type { LoadedProgramme } from './programme-import-dialog.tsx';
import { loadProgrammeBase, type ProgrammeBaseState } from './use-programme-base.ts';

/** Loading state of the programme data in use. */
export type ProgrammeLoad =
  | { status: 'loading' }
  | { status: 'ready'; loaded: LoadedProgramme }
  | { status: 'error'; error: unknown };

/** The programme data shared by the steering and targeting screens. */
export interface ProgrammeStore {
  base: ProgrammeBaseState;
  /** Imported files when there are some, else the demo files. */
  load: ProgrammeLoad;
  /** Replaces the demo by imported files (null: back to the demo). */
  setImported: (loaded: LoadedProgramme | null) => void;
  /** In public mode, the counts the statistical secret publishes; else null. */
  publicCounts: PublicProgrammeCounts | null;
  /** Why the suppression could not be computed (every count is then withheld); else null. */
  publicError: string | null;
}

interface StoreContext extends ProgrammeStore {
  request: () => void;
}

const ProgrammeContext = createContext<StoreContext | null>(null);

/**
 * Holds the programme data for the whole page, so that files imported in the steering view are
 * also what the targeting screen scores. Nothing is read until a screen asks for it (the stock
 * must be attached first: `ready`); the demo is then read once, not at every tab switch.
 */
export function ProgrammeProvider({
  ready,
  publicMode,
  children,
}: {
  ready: boolean;
  publicMode: boolean;
  children: ReactNode;
}) {
  const [requested, setRequested] = useState(false);
  const [base, setBase] = useState<ProgrammeBaseState>({ status: 'loading' });
  const [demo, setDemo] = useState<ProgrammeLoad>({ status: 'loading' });
  const [imported, setImported] = useState<LoadedProgramme | null>(null);

  useEffect(() => {
    if (!requested || !ready) return;
    let current = true;
    loadProgrammeBase()
      .then((loadedBase) => {
        if (!current) return;
        setBase({ status: 'ready', base: loadedBase });
        return loadDemoProgramme(loadedBase).then((loaded) => {
          if (current) setDemo({ status: 'ready', loaded });
        });
      })
      .catch((error: unknown) => {
        if (!current) return;
        setBase((state) => (state.status === 'ready' ? state : { status: 'error', error }));
        setDemo({ status: 'error', error });
      });
    return () => {
      current = false;
    };
  }, [requested, ready]);

  const load = useMemo<ProgrammeLoad>(
    () => (imported === null ? demo : { status: 'ready', loaded: imported }),
    [imported, demo],
  );
  const data = load.status === 'ready' ? load.loaded.result.data : null;
  const config = base.status === 'ready' ? base.base : null;
  const { publicCounts, publicError } = useMemo(() => {
    if (!publicMode || data === null || config === null) {
      return { publicCounts: null, publicError: null };
    }
    try {
      const counts = publicProgrammeCounts(
        data,
        config.config.partner_regions.map((region) => region.code),
        config.communes,
      );
      return { publicCounts: counts, publicError: null };
    } catch (error) {
      return {
        publicCounts: withholdEverything(SECRET_THRESHOLD),
        publicError: error instanceof Error ? error.message : String(error),
      };
    }
  }, [publicMode, data, config]);

  const request = useCallback(() => setRequested(true), []);
  const value = useMemo<StoreContext>(
    () => ({ base, load, setImported, publicCounts, publicError, request }),
    [base, load, publicCounts, publicError, request],
  );
  return <ProgrammeContext.Provider value={value}>{children}</ProgrammeContext.Provider>;
}

/** The shared programme data; asks for it to be read on first use. */
export function useProgramme(): ProgrammeStore {
  const store = useContext(ProgrammeContext);
  if (store === null) throw new Error('useProgramme needs a ProgrammeProvider');
  const { request } = store;
  useEffect(() => request(), [request]);
  return store;
}
