import { useMemo, useRef } from 'react';
import type { DatasetInfo } from '../../db/manifest.ts';
import type { Campaign } from '../../domain/campaign.ts';
import type { CampaignCommune, CampaignEpci } from '../../domain/campaign-comparison.ts';
import {
  campaignDatasetIds,
  type FgDwellingsRow,
  measureCampaigns,
} from '../../domain/campaign-inputs.ts';
import type { CampaignMeasure } from '../../domain/campaign-measure.ts';
import { isDemoData } from '../../domain/programme-data.ts';
import {
  campaignCommuneReferenceSql,
  campaignEpciReferenceSql,
} from '../../sql/campaign-reference-sql.ts';
import { fgDwellingsByCommuneSql } from '../../sql/programme-fg-dwellings-sql.ts';
import { useProgramme } from '../programme/programme-store.tsx';
import { usePublicMode } from '../public-mode.tsx';
import { useQuery } from '../use-query.ts';

/** The measures of some campaigns, by campaign id, and what they were computed from. */
export type CampaignMeasuresState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | {
      status: 'ready';
      measures: ReadonlyMap<string, CampaignMeasure>;
      /** Public mode: the figures go through campaign-public.ts. */
      publicMode: boolean;
      /** The programme data is (partly) demonstration data. */
      demo: boolean;
      /** `import` or `demo`, and the carnets file, to say where the counts come from. */
      origin: 'demo' | 'import';
      carnetsFile: string;
    };

const COMMUNES_SQL = campaignCommuneReferenceSql();

/** What a measure depends on in a campaign (not the follow-up, nor the comment). */
function measureKey(c: Campaign): string {
  return JSON.stringify([
    c.id,
    c.nom,
    c.debut,
    c.niveau,
    c.fenetre_mois,
    c.comparaison,
    c.territoires.map((t) => t.code),
    c.ciblage?.jeu ?? null,
  ]);
}
const EPCIS_SQL = campaignEpciReferenceSql();

/**
 * Measures campaigns on the programme data of the steering view (imported files, else the demo),
 * the COG reference and the F/G dwellings of the stock database, through `measureCampaigns`,
 * the same entry point as `npm run campaign -- effect`.
 */
export function useCampaignMeasures(
  campaigns: readonly Campaign[],
  datasets: readonly DatasetInfo[],
): CampaignMeasuresState {
  const { base, load } = useProgramme();
  const publicMode = usePublicMode();
  const available = useMemo(() => datasets.map((d) => ({ id: d.id, name: d.name })), [datasets]);
  const ids = useMemo(() => campaignDatasetIds(campaigns, available), [campaigns, available]);
  const communes = useQuery<CampaignCommune>(COMMUNES_SQL);
  const epcis = useQuery<CampaignEpci>(EPCIS_SQL);
  const fgSql = useMemo(() => fgDwellingsByCommuneSql(ids), [ids]);
  const fg = useQuery<FgDwellingsRow>(fgSql);

  const data = load.status === 'ready' ? load.loaded.result.data : null;
  const config = base.status === 'ready' ? base.base.config : null;
  // Follow-up edits change a campaign but not its measure: measures are kept per campaign while
  // the data stays the same, so that a status change does not re-run every bootstrap.
  const cache = useRef<{ inputs: unknown[]; byKey: Map<string, CampaignMeasure> }>({
    inputs: [],
    byKey: new Map(),
  });
  const measures = useMemo(() => {
    if (data === null || config === null) return null;
    if (communes.status !== 'ready' || epcis.status !== 'ready' || fg.status !== 'ready') {
      return null;
    }
    const inputs = [data, config, communes, epcis, fg, available];
    if (inputs.some((value, i) => value !== cache.current.inputs[i])) {
      cache.current = { inputs, byKey: new Map() };
    }
    const { byKey } = cache.current;
    const missing = campaigns.filter((c) => !byKey.has(measureKey(c)));
    const computed = measureCampaigns(missing, {
      programme: data,
      programmeStart: config.calendar.start,
      reference: { communes: communes.rows, epcis: epcis.rows },
      datasets: available,
      fgRows: fg.rows,
    });
    missing.forEach((c, i) => {
      const measure = computed[i];
      if (measure !== undefined) byKey.set(measureKey(c), measure);
    });
    return new Map(
      campaigns.flatMap((c) => {
        const measure = byKey.get(measureKey(c));
        return measure === undefined ? [] : [[c.id, measure] as const];
      }),
    );
  }, [data, config, communes, epcis, fg, campaigns, available]);

  for (const state of [base, load, communes, epcis, fg]) {
    if (state.status === 'error') return { status: 'error', error: state.error };
  }
  if (measures === null || load.status !== 'ready' || data === null) return { status: 'loading' };
  return {
    status: 'ready',
    measures,
    publicMode,
    demo: isDemoData(data),
    origin: load.loaded.origin,
    carnetsFile: load.loaded.names.carnets,
  };
}
