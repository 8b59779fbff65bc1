import { useEffect, useState } from 'react';
import type { ProgrammeConfig } from '../../domain/programme-config.ts';
import { isDemoData } from '../../domain/programme-data.ts';
import {
  countProgrammeByTerritory,
  type ProgrammeTerritoryCounts,
} from '../../domain/programme-territory-counts.ts';
import { loadDemo } from '../programme/programme-view.tsx';
import { useProgrammeBase } from '../programme/use-programme-base.ts';

/** Programme counts per territory, with the configuration (targets) and whether it is demo data. */
export type ProgrammeCountsState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | {
      status: 'ready';
      counts: ProgrammeTerritoryCounts;
      config: ProgrammeConfig;
      demo: boolean;
    };

/**
 * The programme data the steering view loads by default (the demo files of the manifest, read by
 * the same import worker), counted per commune and per EPCI.
 */
export function useProgrammeCounts(): ProgrammeCountsState {
  const base = useProgrammeBase();
  const [state, setState] = useState<ProgrammeCountsState>({ status: 'loading' });
  useEffect(() => {
    if (base.status === 'error') {
      setState({ status: 'error', error: base.error });
      return;
    }
    if (base.status !== 'ready') return;
    let current = true;
    loadDemo(base.base).then(
      (loaded) => {
        if (!current) return;
        const data = loaded.result.data;
        setState({
          status: 'ready',
          counts: countProgrammeByTerritory(data),
          config: base.base.config,
          demo: isDemoData(data),
        });
      },
      (error: unknown) => {
        if (current) setState({ status: 'error', error });
      },
    );
    return () => {
      current = false;
    };
  }, [base]);
  return state;
}
