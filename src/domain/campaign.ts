/**
 * A campaign of an EPCI housing department (a mailing, a public meeting, a door-to-door
 * operation…) on a list of communes or EPCI, with the follow-up of each target and the targeting
 * context that produced the list. Dates are `YYYY-MM-DD`. The JSON file format and its validator
 * are in campaign-file.ts; the measured effect in campaign-measure.ts.
 */
import type { PriorityCriterionId } from './priority-score.ts';

/** Kinds of action, with their French names. */
export const CAMPAIGN_ACTIONS = {
  courrier: 'Courrier',
  reunion_publique: 'Réunion publique',
  porte_a_porte: 'Porte-à-porte',
  presse: 'Presse',
  autre: 'Autre',
} as const;
export type CampaignAction = keyof typeof CAMPAIGN_ACTIONS;

/** Follow-up statuses of a target, in the order of a campaign's progress. */
export const FOLLOW_UP_STATUSES = {
  non_contacte: 'Non contacté',
  contacte: 'Contacté',
  reunion_tenue: 'Réunion tenue',
  action_engagee: 'Action engagée',
  sans_suite: 'Sans suite',
} as const;
export type FollowUpStatus = keyof typeof FOLLOW_UP_STATUSES;

/** How the comparable untargeted territories are chosen (campaign-comparison.ts). */
export const COMPARISON_RULES = {
  meme_epci: 'Communes non ciblées des mêmes EPCI',
  meme_type_taille: 'Territoires non ciblés de même type et de même tranche de taille',
} as const;
export type ComparisonRule = keyof typeof COMPARISON_RULES;

/** Level of the targeted territories. */
export type CampaignLevel = 'commune' | 'epci';

/** Months observed before and after the start, bounds included. */
export const WINDOW_MONTHS = { min: 1, max: 36, default: 6 } as const;

/** Follow-up of one target. */
export interface FollowUp {
  statut: FollowUpStatus;
  /** Date of the last step, or null. */
  date: string | null;
  note: string;
}

/** One targeted territory (commune INSEE code or EPCI SIREN) and its follow-up. */
export interface CampaignTarget {
  code: string;
  nom: string;
  suivi: FollowUp;
}

/** The targeting screen's state that produced the list (absent for a list typed by hand). */
export interface CampaignTargeting {
  jeu: { id: string; nom: string };
  /** Territory whose communes (or EPCI) were ranked. */
  territoire_classe: { code: string; nom: string } | null;
  /** Stock filters in French (« Aucun filtre » when none). */
  filtres: string;
  poids: Record<PriorityCriterionId, number>;
  /** How territories entered the list (`clic`, `tableau`, `polygone`). */
  methodes: ('clic' | 'tableau' | 'polygone')[];
  /** Ring of the drawn polygon (lon, lat), or null. */
  polygone: [number, number][] | null;
}

/** A campaign. */
export interface Campaign {
  id: string;
  nom: string;
  action: CampaignAction;
  debut: string;
  fin: string;
  niveau: CampaignLevel;
  /** Months compared before and after the start (same length on both sides). */
  fenetre_mois: number;
  comparaison: ComparisonRule;
  territoires: CampaignTarget[];
  ciblage: CampaignTargeting | null;
  commentaire: string;
  cree_le: string;
  modifie_le: string;
}

/** Where a campaign stands on a given day. */
export type CampaignPhase = 'prevue' | 'en_cours' | 'terminee';

/** French names of the phases. */
export const CAMPAIGN_PHASES: Readonly<Record<CampaignPhase, string>> = {
  prevue: 'Prévue',
  en_cours: 'En cours',
  terminee: 'Terminée',
};

/** The phase of a campaign on `today` (`YYYY-MM-DD`): from its dates, never stored. */
export function campaignPhase(
  campaign: Pick<Campaign, 'debut' | 'fin'>,
  today: string,
): CampaignPhase {
  if (today < campaign.debut) return 'prevue';
  return today > campaign.fin ? 'terminee' : 'en_cours';
}

/** A new follow-up: nobody contacted yet. */
export function initialFollowUp(): FollowUp {
  return { statut: 'non_contacte', date: null, note: '' };
}

/**
 * Default window: the campaign's length in months (start and end months included), at least
 * {@link WINDOW_MONTHS.default} so that a one-day meeting is followed long enough for carnets to
 * be opened, at most the maximum.
 */
export function defaultWindowMonths(debut: string, fin: string): number {
  const months =
    (Number(fin.slice(0, 4)) - Number(debut.slice(0, 4))) * 12 +
    Number(fin.slice(5, 7)) -
    Number(debut.slice(5, 7)) +
    1;
  return Math.min(WINDOW_MONTHS.max, Math.max(WINDOW_MONTHS.default, months));
}

/** Counts of targets per follow-up status. */
export function followUpCounts(campaign: Campaign): Record<FollowUpStatus, number> {
  const counts = Object.fromEntries(
    Object.keys(FOLLOW_UP_STATUSES).map((status) => [status, 0]),
  ) as Record<FollowUpStatus, number>;
  for (const target of campaign.territoires) counts[target.suivi.statut] += 1;
  return counts;
}
