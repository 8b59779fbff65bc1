/**
 * Campaigns as the steering committee reads them: per partner region and EPCI of their targets,
 * side by side, sorted by region, EPCI and start date.
 */
import type { Campaign } from './campaign.ts';
import type { CampaignMeasure } from './campaign-measure.ts';

/** A named territory. */
export interface NamedTerritory {
  code: string;
  nom: string;
}

/** One row of the steering table: a campaign with the régions and EPCI of its targets. */
export interface CampaignSteeringRow {
  campaign: Campaign;
  regions: NamedTerritory[];
  epcis: NamedTerritory[];
}

const byName = (a: NamedTerritory, b: NamedTerritory) =>
  a.nom.localeCompare(b.nom, 'fr') || a.code.localeCompare(b.code);

/**
 * The rows of the steering table. A campaign's EPCI are those of its targets found in the
 * reference (the targets themselves for an EPCI campaign), its régions those of these EPCI;
 * `regionName` names a région code (partner regions first, then the outlines).
 */
export function campaignSteeringRows(
  campaigns: readonly Campaign[],
  measures: ReadonlyMap<string, CampaignMeasure>,
  epcis: readonly { code_epci: string; nom_epci: string; code_region: string }[],
  regionName: (code: string) => string,
): CampaignSteeringRow[] {
  const epciByCode = new Map(epcis.map((e) => [e.code_epci, e]));
  const rows = campaigns.map((campaign) => {
    const targets = measures.get(campaign.id)?.targets ?? [];
    const codes = new Set(targets.flatMap((t) => (t.epci === null ? [] : [t.epci])));
    const found = [...codes].flatMap((code) => epciByCode.get(code) ?? []);
    const regionCodes = new Set(found.map((e) => e.code_region));
    return {
      campaign,
      epcis: found.map((e) => ({ code: e.code_epci, nom: e.nom_epci })).sort(byName),
      regions: [...regionCodes].map((code) => ({ code, nom: regionName(code) })).sort(byName),
    };
  });
  const key = (row: CampaignSteeringRow) => [
    row.regions[0]?.nom ?? '\uffff',
    row.epcis[0]?.nom ?? '\uffff',
    row.campaign.debut,
  ];
  return rows.sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      const order = (ka[i] ?? '').localeCompare(kb[i] ?? '', 'fr');
      if (order !== 0) return order;
    }
    return a.campaign.id.localeCompare(b.campaign.id);
  });
}
