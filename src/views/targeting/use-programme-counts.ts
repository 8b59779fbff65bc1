import { useMemo } from 'react';
import type { ProgrammeConfig } from '../../domain/programme-config.ts';
import { isDemoData } from '../../domain/programme-data.ts';
import {
  countProgrammeByTerritory,
  type ProgrammeTerritoryCounts,
} from '../../domain/programme-territory-counts.ts';
import { WITHHELD_PAIR } from '../../domain/public-figures.ts';
import type { PublicProgrammeCounts } from '../../domain/public-programme-counts.ts';
import { useProgramme } from '../programme/programme-store.tsx';
import type { ShownProgrammeCounts } from './targeting-candidates.ts';

/** Programme counts per territory, with the configuration (targets) and where they come from. */
export type ProgrammeCountsState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | {
      status: 'ready';
      counts: ProgrammeTerritoryCounts;
      config: ProgrammeConfig;
      demo: boolean;
      /** `import`: files imported in the steering view; `demo`: the demo files. */
      origin: 'demo' | 'import';
      /** Carnets file name, for the sources of the exports. */
      carnetsFile: string;
      /** Public mode: what the statistical secret publishes; else null. */
      published: PublicProgrammeCounts | null;
    };

/**
 * The programme data of the steering view (imported files, else the demo files read by the same
 * import worker), counted per commune and per EPCI.
 */
export function useProgrammeCounts(): ProgrammeCountsState {
  const { base, load, publicCounts } = useProgramme();
  const data = load.status === 'ready' ? load.loaded.result.data : null;
  const counts = useMemo(() => (data === null ? null : countProgrammeByTerritory(data)), [data]);
  return useMemo<ProgrammeCountsState>(() => {
    if (base.status === 'error') return { status: 'error', error: base.error };
    if (load.status === 'error') return { status: 'error', error: load.error };
    if (base.status !== 'ready' || load.status !== 'ready' || counts === null) {
      return { status: 'loading' };
    }
    return {
      status: 'ready',
      counts,
      config: base.base.config,
      demo: isDemoData(load.loaded.result.data),
      origin: load.loaded.origin,
      carnetsFile: load.loaded.names.carnets,
      published: publicCounts,
    };
  }, [base, load, counts, publicCounts]);
}

/** Per territory of the level: the programme counts, or in public mode the published ones. */
export function shownProgrammeCounts(
  programme: Extract<ProgrammeCountsState, { status: 'ready' }>,
  level: 'commune' | 'epci',
): ReadonlyMap<string, ShownProgrammeCounts> {
  const own = level === 'commune' ? programme.counts.communes : programme.counts.epcis;
  if (programme.published === null) return own;
  const published = level === 'commune' ? programme.published.communes : programme.published.epcis;
  const shown = new Map<string, ShownProgrammeCounts>();
  for (const code of own.keys()) shown.set(code, published.get(code) ?? WITHHELD_PAIR);
  for (const [code, pair] of published) shown.set(code, pair);
  return shown;
}
