/**
 * A campaign's measured effect from the programme data: the months compared (campaign-window.ts),
 * the comparison territories (campaign-comparison.ts), each territory's monthly carnets and works
 * over those months, its F/G dwellings, and the difference-in-differences estimate
 * (campaign-effect.ts), with the French notes and cautions the screen and the command line show.
 * The browser and `npm run campaign -- effect` both call {@link measureCampaign}: same inputs,
 * same output, to the last digit.
 */
import type { Campaign, ComparisonRule } from './campaign.ts';
import {
  type CampaignReference,
  type ComparisonTerritory,
  comparisonGroups,
} from './campaign-comparison.ts';
import {
  DEFAULT_EFFECT_OPTIONS,
  type EffectEstimate,
  type EffectOptions,
  type EffectUnit,
  estimateEffect,
} from './campaign-effect.ts';
import {
  type CampaignWindow,
  campaignWindow,
  type ProgrammeCoverage,
  programmeCoverage,
} from './campaign-window.ts';
import { formatCount, formatInteger } from './format.ts';
import type { ProgrammeData } from './programme-data.ts';
import { formatLongDate, formatMonthLong, monthOf } from './programme-dates.ts';
import { SECRET_THRESHOLD } from './statistical-secret.ts';

/** What a measure reads. */
export interface MeasureInputs {
  programme: ProgrammeData;
  /** Start of the programme (its calendar): no carnet before it. */
  programmeStart: string;
  reference: CampaignReference;
  /** F/G dwellings per commune INSEE code, in the stock dataset named by `dataset`. */
  fgDwellings: ReadonlyMap<string, number>;
  dataset: { id: string; nom: string };
  /** Why `dataset` is not the campaign's own (campaign-inputs.ts), or null. */
  datasetNote?: string | null;
  options?: EffectOptions;
}

/** A campaign's measured effect, or why there is none. */
export interface CampaignMeasure {
  campaign: { id: string; nom: string };
  /** Stock dataset of the F/G dwellings. */
  dataset: { id: string; nom: string };
  coverage: ProgrammeCoverage | null;
  window: CampaignWindow;
  comparison: { rule: ComparisonRule; description: string; territories: ComparisonTerritory[] };
  targets: ComparisonTerritory[];
  /** What the reader must know about the data (French). */
  notes: string[];
  /** Why the estimate calls for caution (French); empty when nothing does. */
  cautions: string[];
  estimate: EffectEstimate | null;
  /** Why there is no estimate (French), or null. */
  reason: string | null;
}

/** Fewer territories than this on either side call for caution. */
const FEW_TERRITORIES = 5;

const list = (names: readonly string[]) =>
  names.length <= 6
    ? names.join(', ')
    : `${names.slice(0, 6).join(', ')} et ${names.length - 6} autres`;

function adoptionDates(data: ProgrammeData): Map<string, string> {
  const dates = new Map<string, string>();
  for (const t of data.territories) {
    const known = dates.get(t.siren_epci);
    if (known === undefined || t.date_adoption < known) dates.set(t.siren_epci, t.date_adoption);
  }
  return dates;
}

/** Monthly counts per territory code over the window months. */
function monthlyCounts(
  data: ProgrammeData,
  level: Campaign['niveau'],
  codes: ReadonlySet<string>,
  months: readonly string[],
) {
  const index = new Map(months.map((month, i) => [month, i]));
  const counts = new Map<string, { carnets: number[]; works: number[] }>();
  for (const code of codes) {
    counts.set(code, { carnets: months.map(() => 0), works: months.map(() => 0) });
  }
  const place = new Map<string, string | null>();
  for (const carnet of data.carnets) {
    const code = level === 'commune' ? carnet.code_commune : carnet.code_epci;
    place.set(carnet.id_carnet, code);
    const i = index.get(monthOf(carnet.date_ouverture));
    const row = code === null ? undefined : counts.get(code);
    if (i !== undefined && row !== undefined) row.carnets[i] = (row.carnets[i] ?? 0) + 1;
  }
  for (const work of data.works) {
    const code = place.get(work.id_carnet);
    const i = index.get(monthOf(work.date_travaux));
    const row = code == null ? undefined : counts.get(code);
    if (i !== undefined && row !== undefined) row.works[i] = (row.works[i] ?? 0) + 1;
  }
  return counts;
}

function fgByUnit(inputs: MeasureInputs, level: Campaign['niveau']): Map<string, number> {
  if (level === 'commune') return new Map(inputs.fgDwellings);
  const byEpci = new Map<string, number>();
  for (const commune of inputs.reference.communes) {
    if (commune.code_epci === null) continue;
    const fg = inputs.fgDwellings.get(commune.code_commune) ?? 0;
    byEpci.set(commune.code_epci, (byEpci.get(commune.code_epci) ?? 0) + fg);
  }
  return byEpci;
}

function coverageText(coverage: ProgrammeCoverage): string {
  return `de ${formatMonthLong(coverage.first)} à ${formatMonthLong(coverage.last)}`;
}

/** Why the window is empty. */
function emptyWindowReason(campaign: Campaign, coverage: ProgrammeCoverage): string {
  const start = monthOf(campaign.debut);
  const what =
    start > coverage.last || start < coverage.first
      ? `le mois de début de la campagne (${formatMonthLong(start)})`
      : 'le mois qui précède le début de la campagne';
  return `Les données du programme couvrent ${coverageText(coverage)} : elles ne couvrent pas ${what}, aucune comparaison avant/après n’est possible.`;
}

/** Notes on the targets: unknown, outside the programme, adopting during the window. */
function targetNotes(
  unknown: readonly string[],
  targets: readonly ComparisonTerritory[],
  adoption: ReadonlyMap<string, string>,
  windowStart: string,
  fg: ReadonlyMap<string, number>,
  reference: CampaignReference,
): string[] {
  const notes: string[] = [];
  if (unknown.length > 0) {
    notes.push(
      `Territoires ciblés absents du référentiel des territoires, ignorés : ${list(unknown)}.`,
    );
  }
  const outside = targets.filter((t) => t.epci === null || !adoption.has(t.epci));
  if (outside.length > 0) {
    notes.push(
      `Ciblés hors des territoires adhérents au programme (aucun carnet ne peut y être ouvert) : ${list(outside.map((t) => t.nom))}.`,
    );
  }
  const epciNames = new Map(reference.epcis.map((e) => [e.code_epci, e.nom_epci]));
  const late = new Map<string, string>();
  for (const t of targets) {
    const date = t.epci === null ? undefined : adoption.get(t.epci);
    if (t.epci !== null && date !== undefined && date > windowStart) late.set(t.epci, date);
  }
  for (const [epci, date] of late) {
    notes.push(
      `${epciNames.get(epci) ?? epci} a adhéré au programme le ${formatLongDate(date)}, pendant la période observée : la hausse due à l’adhésion se confond avec l’effet de la campagne.`,
    );
  }
  const noFg = targets.filter((t) => (fg.get(t.code) ?? 0) <= 0);
  if (noFg.length > 0) {
    notes.push(
      `Ciblés sans logement F/G dans le parc (hors des taux) : ${list(noFg.map((t) => t.nom))}.`,
    );
  }
  return notes;
}

function cautionsOf(estimate: EffectEstimate): string[] {
  const cautions: string[] = [];
  const cells = [estimate.target, estimate.control].flatMap((g) => [
    g.carnets.before.count,
    g.carnets.after.count,
  ]);
  if (cells.some((count) => count < SECRET_THRESHOLD)) {
    cautions.push(
      `Effectifs faibles (moins de ${SECRET_THRESHOLD} carnets dans une des quatre cases avant/après) : prudence.`,
    );
  }
  if (estimate.target.units < FEW_TERRITORIES || estimate.control.units < FEW_TERRITORIES) {
    cautions.push(
      `Peu de territoires (${formatCount(estimate.target.units, 'ciblé', 'ciblés')}, ${formatInteger(estimate.control.units)} de comparaison) : l’intervalle repose sur peu de tirages distincts, prudence.`,
    );
  }
  return cautions;
}

/** Measures a campaign's effect; see the module documentation. */
export function measureCampaign(campaign: Campaign, inputs: MeasureInputs): CampaignMeasure {
  const coverage = programmeCoverage(inputs.programme, inputs.programmeStart);
  const window = campaignWindow(campaign.debut, campaign.fenetre_mois, coverage);
  const windowStart = `${window.pre[0] ?? monthOf(campaign.debut)}-01`;
  const adoption = adoptionDates(inputs.programme);
  const groups = comparisonGroups(
    campaign,
    inputs.reference,
    (epci) => adoption.get(epci) ?? null,
    windowStart,
  );
  const fg = fgByUnit(inputs, campaign.niveau);
  const notes = inputs.datasetNote ? [inputs.datasetNote] : [];
  notes.push(
    ...targetNotes(
      groups.unknownTargets,
      groups.targets,
      adoption,
      windowStart,
      fg,
      inputs.reference,
    ),
  );
  if (coverage !== null && window.length > 0 && window.length < window.requested) {
    notes.push(
      `Période réduite à ${formatInteger(window.length)} mois de chaque côté au lieu de ${formatInteger(window.requested)} : les données du programme couvrent ${coverageText(coverage)}.`,
    );
  }
  const base = {
    campaign: { id: campaign.id, nom: campaign.nom },
    dataset: inputs.dataset,
    coverage,
    window,
    comparison: {
      rule: campaign.comparaison,
      description: groups.description,
      territories: groups.controls,
    },
    targets: groups.targets,
    notes,
  };
  const none = (reason: string): CampaignMeasure => ({
    ...base,
    cautions: [],
    estimate: null,
    reason,
  });
  if (coverage === null) return none('Les données du programme ne contiennent aucune date.');
  if (window.length === 0) return none(emptyWindowReason(campaign, coverage));
  if (groups.targets.length === 0) return none('Aucun territoire ciblé n’est dans le référentiel.');
  if (groups.controls.length === 0) {
    return none(
      'Aucun territoire de comparaison ne répond à la règle choisie : essayez l’autre règle de comparaison.',
    );
  }
  const months = [...window.pre, ...window.post];
  const codes = new Set([...groups.targets, ...groups.controls].map((t) => t.code));
  const counts = monthlyCounts(inputs.programme, campaign.niveau, codes, months);
  const unit = (t: ComparisonTerritory, group: EffectUnit['group']): EffectUnit => ({
    code: t.code,
    group,
    fgDwellings: fg.get(t.code) ?? 0,
    carnets: counts.get(t.code)?.carnets ?? [],
    works: counts.get(t.code)?.works ?? [],
  });
  const estimate = estimateEffect(
    {
      months: { pre: window.pre, post: window.post },
      units: [
        ...groups.targets.map((t) => unit(t, 'target')),
        ...groups.controls.map((t) => unit(t, 'control')),
      ],
    },
    inputs.options ?? DEFAULT_EFFECT_OPTIONS,
  );
  if (estimate.target.fgDwellings <= 0 || estimate.control.fgDwellings <= 0) {
    const side = estimate.target.fgDwellings <= 0 ? 'ciblés' : 'de comparaison';
    return none(
      `Les territoires ${side} n’ont aucun logement F/G dans le parc « ${inputs.dataset.nom} » : pas de taux pour 1 000 passoires.`,
    );
  }
  return { ...base, cautions: cautionsOf(estimate), estimate, reason: null };
}
