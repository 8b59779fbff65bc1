/**
 * The stock figures a campaign's measure reads, chosen the same way by the browser and by
 * `npm run campaign`: the stock dataset of the targeting that produced the list (its F/G
 * dwellings are the denominators), or the first dataset available when that one is not, said in
 * a note.
 */
import type { Campaign } from './campaign.ts';
import type { CampaignReference } from './campaign-comparison.ts';
import { type CampaignMeasure, measureCampaign } from './campaign-measure.ts';
import type { ProgrammeData } from './programme-data.ts';

/** A stock dataset that can give the denominators. */
export interface AvailableDataset {
  id: string;
  name: string;
}

/** The dataset chosen and, when it is not the campaign's, why (French). */
export interface ChosenDataset {
  dataset: { id: string; nom: string };
  note: string | null;
}

/** One row of F/G dwellings per commune (`fgDwellingsByCommuneSql`). */
export interface FgDwellingsRow {
  dataset: string;
  code_commune: string;
  fg_dwellings: number;
}

/** The dataset of the campaign's rates (see the module documentation); null when none exists. */
function chooseCampaignDataset(
  campaign: Pick<Campaign, 'ciblage'>,
  available: readonly AvailableDataset[],
): ChosenDataset | null {
  const wanted = campaign.ciblage?.jeu ?? null;
  const own = wanted === null ? undefined : available.find((d) => d.id === wanted.id);
  if (own !== undefined) return { dataset: { id: own.id, nom: own.name }, note: null };
  const first = available[0];
  if (first === undefined) return null;
  return {
    dataset: { id: first.id, nom: first.name },
    note:
      wanted === null
        ? `Logements F/G du parc « ${first.name} » (la campagne ne dit pas quel parc a servi au ciblage).`
        : `Le parc du ciblage (« ${wanted.nom} ») n’est pas disponible ici : logements F/G du parc « ${first.name} ».`,
  };
}

/** F/G dwellings per commune of one dataset. */
function fgDwellingsOf(rows: readonly FgDwellingsRow[], dataset: string): Map<string, number> {
  const byCommune = new Map<string, number>();
  for (const row of rows) {
    if (row.dataset === dataset) byCommune.set(row.code_commune, row.fg_dwellings);
  }
  return byCommune;
}

/** Everything the measures of several campaigns read. */
export interface CampaignData {
  programme: ProgrammeData;
  /** Start of the programme's calendar. */
  programmeStart: string;
  reference: CampaignReference;
  /** Stock datasets available, the default first. */
  datasets: readonly AvailableDataset[];
  /** F/G dwellings per commune of the datasets the campaigns use (`fgDwellingsByCommuneSql`). */
  fgRows: readonly FgDwellingsRow[];
}

/** The datasets whose F/G dwellings the campaigns need. */
export function campaignDatasetIds(
  campaigns: readonly Pick<Campaign, 'ciblage'>[],
  datasets: readonly AvailableDataset[],
): string[] {
  const ids = campaigns.flatMap((c) => chooseCampaignDataset(c, datasets)?.dataset.id ?? []);
  return [...new Set(ids)].sort();
}

/** The measure of each campaign: the single entry point of the screen and the command line. */
export function measureCampaigns(
  campaigns: readonly Campaign[],
  data: CampaignData,
): CampaignMeasure[] {
  return campaigns.map((campaign) => {
    const chosen = chooseCampaignDataset(campaign, data.datasets);
    return measureCampaign(campaign, {
      programme: data.programme,
      programmeStart: data.programmeStart,
      reference: data.reference,
      fgDwellings: chosen === null ? new Map() : fgDwellingsOf(data.fgRows, chosen.dataset.id),
      dataset: chosen?.dataset ?? { id: '', nom: 'aucun parc chargé' },
      datasetNote: chosen?.note ?? null,
    });
  });
}
