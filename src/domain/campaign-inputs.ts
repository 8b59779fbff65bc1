/**
 * The stock figures a campaign's measure reads, chosen the same way by the browser and by
 * `npm run campaign`: the stock dataset of the targeting that produced the list (its F/G
 * dwellings are the denominators), or the first dataset available when that one is not, said in
 * a note.
 */
import type { Campaign } from './campaign.ts';

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
export function chooseCampaignDataset(
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
export function fgDwellingsOf(
  rows: readonly FgDwellingsRow[],
  dataset: string,
): Map<string, number> {
  const byCommune = new Map<string, number>();
  for (const row of rows) {
    if (row.dataset === dataset) byCommune.set(row.code_commune, row.fg_dwellings);
  }
  return byCommune;
}
