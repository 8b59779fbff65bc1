/**
 * The comparable untargeted territories of a campaign, by one of two rules:
 *
 * - `meme_epci` (communes only, the default): the untargeted communes of the EPCI the targeted
 *   communes belong to. Same operator, same adoption date, same local context: the closest
 *   comparison, but it may be small or absent when most of an EPCI is targeted.
 * - `meme_type_taille`: untargeted territories of the same type and the same size band as a
 *   target, anywhere in the programme. For EPCI: same legal form (CA, CC, CU, ME) and same
 *   population band (similar-territories.ts). For communes: same legal form of their EPCI and
 *   same commune population band ({@link COMMUNE_SIZE_BANDS}).
 *
 * Either way a comparison territory must belong to an EPCI that adopted the programme on or
 * before the first day of the window: a territory entering the programme during the window would
 * show a rise due to its adoption, not to anything comparable.
 */
import type { Campaign } from './campaign.ts';
import { populationBandOf } from './similar-territories.ts';

/** A commune of the reference, with what the rules compare. */
export interface CampaignCommune {
  code_commune: string;
  nom_commune: string;
  code_epci: string | null;
  type_epci: string | null;
  code_region: string;
  population: number | null;
}

/** An EPCI of the reference. */
export interface CampaignEpci {
  code_epci: string;
  nom_epci: string;
  type_epci: string;
  code_region: string;
  population: number | null;
}

/** The territory reference (COG of the stock database). */
export interface CampaignReference {
  communes: readonly CampaignCommune[];
  epcis: readonly CampaignEpci[];
}

/**
 * Population bands of communes: 2,000 inhabitants is INSEE's historical threshold of an urban
 * commune, 500 splits the many small rural communes, 10,000 and 50,000 mark small and large towns.
 */
const COMMUNE_SIZE_BANDS = [
  { id: 'moins_500', label: 'moins de 500 habitants', max: 500 },
  { id: '500_2k', label: '500 à 1 999 habitants', max: 2_000 },
  { id: '2k_10k', label: '2 000 à 9 999 habitants', max: 10_000 },
  { id: '10k_50k', label: '10 000 à 49 999 habitants', max: 50_000 },
  { id: '50k_plus', label: '50 000 habitants ou plus', max: Number.POSITIVE_INFINITY },
] as const;

/** Band of a commune population; null when unknown. */
export function communeSizeBand(population: number | null): string | null {
  if (population === null || !Number.isFinite(population) || population < 0) return null;
  return COMMUNE_SIZE_BANDS.find((band) => population < band.max)?.id ?? null;
}

/** A territory of the comparison, with its EPCI (itself for an EPCI). */
export interface ComparisonTerritory {
  code: string;
  nom: string;
  epci: string | null;
}

/** The groups of a campaign. */
export interface ComparisonGroups {
  /** Targets found in the reference. */
  targets: ComparisonTerritory[];
  /** Target codes the reference does not know. */
  unknownTargets: string[];
  controls: ComparisonTerritory[];
  /** French description of the rule as applied. */
  description: string;
}

/**
 * The targets and their comparison territories. `adoptedBy(epci)` is the adoption date of an EPCI
 * in the programme (null when it never adopted); `windowStart` the first day of the window.
 */
export function comparisonGroups(
  campaign: Pick<Campaign, 'niveau' | 'comparaison' | 'territoires'>,
  reference: CampaignReference,
  adoptedBy: (epci: string) => string | null,
  windowStart: string,
): ComparisonGroups {
  const targeted = new Set(campaign.territoires.map((t) => t.code));
  const activeEpci = (epci: string | null) => {
    const date = epci === null ? null : adoptedBy(epci);
    return date !== null && date <= windowStart;
  };
  const rows =
    campaign.niveau === 'commune'
      ? reference.communes.map((c) => ({
          code: c.code_commune,
          nom: c.nom_commune,
          epci: c.code_epci,
          profile: `${c.type_epci ?? ''}|${communeSizeBand(c.population) ?? ''}`,
        }))
      : reference.epcis.map((e) => ({
          code: e.code_epci,
          nom: e.nom_epci,
          epci: e.code_epci,
          profile: `${e.type_epci}|${populationBandOf(e.population) ?? ''}`,
        }));
  const byCode = new Map(rows.map((row) => [row.code, row]));
  const targetRows = campaign.territoires.flatMap((t) => byCode.get(t.code) ?? []);
  const unknownTargets = campaign.territoires.map((t) => t.code).filter((c) => !byCode.has(c));

  const sameEpci = campaign.comparaison === 'meme_epci';
  const epcis = new Set(targetRows.map((row) => row.epci));
  const profiles = new Set(targetRows.map((row) => row.profile).filter((p) => !p.endsWith('|')));
  const controls = rows.filter(
    (row) =>
      !targeted.has(row.code) &&
      activeEpci(row.epci) &&
      (sameEpci ? epcis.has(row.epci) : profiles.has(row.profile)),
  );
  const kind = campaign.niveau === 'commune' ? 'Communes' : 'EPCI';
  const description = sameEpci
    ? 'Communes non ciblées des mêmes EPCI que les communes ciblées'
    : `${kind} non ciblé${kind === 'Communes' ? 'e' : ''}s de même type et de même tranche de taille qu’un territoire ciblé (${
        campaign.niveau === 'commune'
          ? 'nature de l’EPCI, population de la commune'
          : 'nature juridique, tranche de population'
      })`;
  const strip = ({ code, nom, epci }: ComparisonTerritory) => ({ code, nom, epci });
  return {
    targets: targetRows.map(strip),
    unknownTargets,
    controls: controls.map(strip),
    description: `${description}, ${
      campaign.niveau === 'commune' ? 'dans un EPCI adhérent' : 'adhérents'
    } au programme avant le début de la période observée`,
  };
}
