/**
 * Renovation scenario: « bring N % of the selection's F/G dwellings to label C (or B) ». Gives
 * the annual energy saved (primary and final), the GHG avoided, an investment range and what the
 * renovations represent for the programme (one carnet opened and one work recorded per renovated
 * dwelling), with the method and the assumptions as French text.
 *
 * Formula, per starting label L ∈ {F, G} (n_L = round(count_L × N / 100)):
 * - primary saved (MWhEP/yr) = n_L × S_L × (EP_L − EP_target) / 1000, where S_L is the mean surface
 *   of the selection's L dwellings (else {@link ScenarioAssumptions.defaultSurfaceM2}), EP_L their
 *   mean primary consumption (else the class midpoint, dpe.ts LABEL_MIDPOINTS) and EP_target the
 *   target's midpoint;
 * - final saved (MWhEF/yr) = n_L × S_L × (EF_L − EP_target × r) / 1000 when the mean final
 *   consumption EF_L is known, else primary saved × r, with r = final/primary (savings.ts);
 * - GHG avoided (tCO2e/yr) = final saved × g (kgCO2e/kWhEF = tCO2e/MWhEF, savings.ts);
 * - investment (€) = n_L × S_L × [low, high] €/m² of the target (documented sources below).
 * Savings are floored at 0 (a selection already below the target saves nothing). Energy and GHG
 * are rounded to 0.1, euros to the euro, after summing F and G.
 */
import { LABEL_MIDPOINTS, labelIndex } from './dpe.ts';
import { formatDecimal, formatInteger, formatPercent } from './format.ts';
import type { ProgrammeTargets } from './programme-config-sections.ts';
import { DEFAULT_SAVINGS_PARAMETERS } from './savings.ts';

/** Label the renovated dwellings reach. */
export type ScenarioTarget = 'C' | 'B';

/** Labels of the dwellings the scenario renovates. */
export type PassoireLabel = 'F' | 'G';

const PASSOIRES: readonly PassoireLabel[] = ['F', 'G'];

/** The selection's dwellings of one label; unknown means are null. */
export interface PassoireStock {
  dwellings: number;
  meanSurfaceM2?: number | null;
  /** Mean primary energy, kWhEP/m²/yr. */
  meanPrimaryKwhM2?: number | null;
  /** Mean final energy, kWhEF/m²/yr. */
  meanFinalKwhM2?: number | null;
}

/** What the user asks. */
export interface ScenarioInput {
  F: PassoireStock;
  G: PassoireStock;
  /** Share of the F and of the G dwellings renovated, in percent (0–100). */
  sharePercent: number;
  target: ScenarioTarget;
}

/** Cost of the works per m² of living area, € (low and high end). */
export interface CostRange {
  low: number;
  high: number;
}

/** A MaPrimeRénov' Parcours accompagné ceiling of eligible expenses, by classes gained. */
export interface AidCeiling {
  minClassesGained: number;
  eurosHt: number;
}

/** The scenario's assumptions; the defaults are documented in {@link DEFAULT_SCENARIO_ASSUMPTIONS}. */
export interface ScenarioAssumptions {
  costPerM2: Readonly<Record<ScenarioTarget, CostRange>>;
  /** Surface used when the selection's mean surface is unknown, m². */
  defaultSurfaceM2: number;
  finalPerPrimary: number;
  ghgKgPerFinalKwh: number;
  /** Ceilings, highest `minClassesGained` first. */
  aidCeilings: readonly AidCeiling[];
}

/**
 * Default assumptions:
 * - to C, 200–350 €/m²: median cost of a "rénovation performante" by dwelling type, starting
 *   class and level reached (EDF R&D, « Le prix de la rénovation performante : une estimation de
 *   l'amplitude des coûts pour les logements résidentiels privés », 2024, HAL hal-04442398;
 *   800 000 simulated work bundles on the 2 300 dwellings of the Phébus survey);
 * - to B, 350–500 €/m²: BBC-renovation level; 465 € HT/m² mean on the invoices of 120 houses
 *   renovated to BBC in the Alsace programme « Je rénove BBC » (launched 2010); costs above
 *   500 €/m² are infrequent (EDF R&D 2024);
 * - the same €/m² from F and from G: the cost gap by starting class is small next to the spread
 *   of costs (EDF R&D 2024);
 * - 90 m² when the surface is unknown: order of magnitude of the mean surface of a main residence
 *   (INSEE, enquête Logement 2013: 91 m²);
 * - final/primary ratio and GHG factor of savings.ts (0.72 and 0.15 kgCO2e/kWhEF);
 * - for comparison only, MaPrimeRénov' Parcours accompagné 2024 ceilings of eligible expenses:
 *   40 000 € HT for 2 classes gained, 55 000 € HT for 3, 70 000 € HT for 4 or more (Anah, guide
 *   des aides 2024, as encoded in Mes Aides Réno, github.com/betagouv/reno).
 */
export const DEFAULT_SCENARIO_ASSUMPTIONS: Readonly<ScenarioAssumptions> = {
  costPerM2: { C: { low: 200, high: 350 }, B: { low: 350, high: 500 } },
  defaultSurfaceM2: 90,
  finalPerPrimary: DEFAULT_SAVINGS_PARAMETERS.finalPerPrimary,
  ghgKgPerFinalKwh: DEFAULT_SAVINGS_PARAMETERS.ghgKgPerFinalKwh,
  aidCeilings: [
    { minClassesGained: 4, eurosHt: 70_000 },
    { minClassesGained: 3, eurosHt: 55_000 },
    { minClassesGained: 2, eurosHt: 40_000 },
  ],
};

/** The scenario for the dwellings of one starting label. */
export interface ScenarioLine {
  label: PassoireLabel;
  /** Renovated dwellings. */
  dwellings: number;
  surfaceM2: number;
  surfaceKnown: boolean;
  primaryBeforeKwhM2: number;
  primaryKnown: boolean;
  primaryAfterKwhM2: number;
  /** Final energy saved per m², kWhEF/m²/yr. */
  finalSavedKwhM2: number;
  finalKnown: boolean;
  classesGained: number;
  primary_mwh_per_year: number;
  final_mwh_per_year: number;
  tco2e_per_year: number;
  investment_eur: CostRange;
  /** MaPrimeRénov' Parcours accompagné ceiling for all these dwellings, € HT (0 below 2 classes). */
  aid_ceiling_eur: number;
}

/** The scenario's figures and their explanation. */
export interface RenovationScenario {
  target: ScenarioTarget;
  sharePercent: number;
  dwellings: number;
  primary_mwh_per_year: number;
  final_mwh_per_year: number;
  tco2e_per_year: number;
  investment_eur: CostRange;
  aid_ceiling_eur: number;
  programme: {
    carnets: number;
    works: number;
    carnets_target: number;
    works_target: number;
    /** carnets / target (may exceed 1). */
    carnets_share: number;
    works_share: number;
  };
  by_label: ScenarioLine[];
  /** French lines: the method with this scenario's numbers. */
  method: string[];
  /** French lines: the assumptions and their sources. */
  assumptions: string[];
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function checkStock(label: PassoireLabel, stock: PassoireStock): void {
  const bad = (name: string, value: unknown) =>
    new RangeError(`Scenario ${label}: ${name} must be a non-negative number (got ${value})`);
  if (!(Number.isFinite(stock.dwellings) && stock.dwellings >= 0))
    throw bad('dwellings', stock.dwellings);
  const optional = [
    ['meanSurfaceM2', stock.meanSurfaceM2],
    ['meanPrimaryKwhM2', stock.meanPrimaryKwhM2],
    ['meanFinalKwhM2', stock.meanFinalKwhM2],
  ] as const;
  for (const [name, value] of optional) {
    if (value != null && !(Number.isFinite(value) && value >= 0)) throw bad(name, value);
  }
  if (stock.meanSurfaceM2 === 0) throw bad('meanSurfaceM2 (> 0)', 0);
}

function aidCeiling(classes: number, assumptions: ScenarioAssumptions): number {
  return assumptions.aidCeilings.find((c) => classes >= c.minClassesGained)?.eurosHt ?? 0;
}

function computeLine(
  label: PassoireLabel,
  stock: PassoireStock,
  input: ScenarioInput,
  a: ScenarioAssumptions,
): ScenarioLine {
  const dwellings = Math.round((stock.dwellings * input.sharePercent) / 100);
  const surfaceKnown = stock.meanSurfaceM2 != null;
  const surfaceM2 = stock.meanSurfaceM2 ?? a.defaultSurfaceM2;
  const primaryKnown = stock.meanPrimaryKwhM2 != null;
  const primaryBefore = stock.meanPrimaryKwhM2 ?? LABEL_MIDPOINTS[label];
  const primaryAfter = LABEL_MIDPOINTS[input.target];
  const primarySaved = Math.max(0, primaryBefore - primaryAfter);
  const finalKnown = stock.meanFinalKwhM2 != null;
  const finalSaved = finalKnown
    ? Math.max(0, (stock.meanFinalKwhM2 ?? 0) - primaryAfter * a.finalPerPrimary)
    : primarySaved * a.finalPerPrimary;
  const area = dwellings * surfaceM2;
  const finalMwh = (area * finalSaved) / 1000;
  const cost = a.costPerM2[input.target];
  const classesGained = labelIndex(label) - labelIndex(input.target);
  return {
    label,
    dwellings,
    surfaceM2,
    surfaceKnown,
    primaryBeforeKwhM2: primaryBefore,
    primaryKnown,
    primaryAfterKwhM2: primaryAfter,
    finalSavedKwhM2: finalSaved,
    finalKnown,
    classesGained,
    primary_mwh_per_year: (area * primarySaved) / 1000,
    final_mwh_per_year: finalMwh,
    tco2e_per_year: finalMwh * a.ghgKgPerFinalKwh,
    investment_eur: { low: area * cost.low, high: area * cost.high },
    aid_ceiling_eur: dwellings * aidCeiling(classesGained, a),
  };
}

const mwh = (x: number) => formatDecimal(x, 1);
const euros = (x: number) => `${formatInteger(x)} €`;

/** What a line takes by default, in brackets. */
function notes(l: ScenarioLine): string {
  const list = [
    l.primaryKnown ? '' : 'consommation avant : milieu de classe',
    l.surfaceKnown ? '' : 'surface par défaut',
  ].filter((n) => n !== '');
  return list.length > 0 ? ` (${list.join(' ; ')})` : '';
}

function describeMethod(
  s: Omit<RenovationScenario, 'method' | 'assumptions'>,
  a: ScenarioAssumptions,
): string[] {
  const [f, g] = s.by_label;
  const r = formatDecimal(a.finalPerPrimary, 2);
  const lineText = (l: ScenarioLine) =>
    `${l.label} : ${formatInteger(l.dwellings)} logements × ${formatInteger(l.surfaceM2)} m² × ` +
    `(${formatInteger(l.primaryBeforeKwhM2)} − ${formatInteger(l.primaryAfterKwhM2)}) kWhEP/m²/an = ` +
    `${mwh(l.primary_mwh_per_year)} MWhEP/an, ${mwh(l.final_mwh_per_year)} MWhEF/an, ` +
    `${euros(l.investment_eur.low)} à ${euros(l.investment_eur.high)}${notes(l)}.`;
  return [
    `Scénario : amener ${formatDecimal(s.sharePercent, 0)} % des passoires F et G de la sélection à l’étiquette ${s.target}, ` +
      `soit ${formatInteger(f?.dwellings)} logements F et ${formatInteger(g?.dwellings)} logements G ` +
      `(arrondis à l’unité), ${formatInteger(s.dwellings)} au total.`,
    `Énergie primaire économisée (MWhEP/an) = logements × surface moyenne × (consommation avant − consommation après) ÷ 1 000 ; ` +
      `avant : moyenne de la sélection si elle est connue, sinon milieu de classe (F ${LABEL_MIDPOINTS.F}, G ${LABEL_MIDPOINTS.G} kWhEP/m²/an) ; ` +
      `après : milieu de la classe ${s.target} (${LABEL_MIDPOINTS[s.target]} kWhEP/m²/an).`,
    `Énergie finale économisée : consommation finale moyenne de la sélection − consommation après × ${r} quand elle est connue, ` +
      `sinon énergie primaire économisée × ${r} (rapport énergie finale / primaire du parc, convention du projet).`,
    `Émissions évitées (tCO2e/an) = énergie finale économisée (MWh/an) × ${formatDecimal(a.ghgKgPerFinalKwh, 2)} tCO2e/MWh (mix moyen du chauffage résidentiel, ordre de grandeur).`,
    'Investissement = logements × surface moyenne × coût des travaux par m² habitable (fourchette basse et haute, voir les hypothèses).',
    ...s.by_label.filter((l) => l.dwellings > 0).map(lineText),
    `Programme : un carnet ouvert et des travaux recensés par logement rénové, soit ${formatInteger(s.programme.carnets)} carnets ` +
      `(${formatPercent(s.programme.carnets_share, 1)} de l’objectif de ${formatInteger(s.programme.carnets_target)}) et ` +
      `${formatInteger(s.programme.works)} travaux (${formatPercent(s.programme.works_share, 1)} de l’objectif de ${formatInteger(s.programme.works_target)}).`,
    'Ordre de grandeur indicatif : ce ne sont ni des kWh cumac ni un volume de CEE.',
  ];
}

function describeAssumptions(
  s: Omit<RenovationScenario, 'method' | 'assumptions'>,
  a: ScenarioAssumptions,
): string[] {
  const c = a.costPerM2;
  const ceilings = [...a.aidCeilings]
    .sort((x, y) => x.minClassesGained - y.minClassesGained)
    .map((x) => `${euros(x.eurosHt)} HT à partir de ${x.minClassesGained} classes gagnées`)
    .join(', ');
  return [
    `Coût jusqu’à C : ${c.C.low} à ${c.C.high} €/m² habitable, coût médian d’une rénovation performante selon le type de logement, ` +
      'la classe de départ et le niveau atteint (EDF R&D, « Le prix de la rénovation performante : une estimation de l’amplitude ' +
      'des coûts pour les logements résidentiels privés », 2024, HAL hal-04442398).',
    `Coût jusqu’à B : ${c.B.low} à ${c.B.high} €/m² habitable, niveau BBC rénovation : 465 € HT/m² en moyenne sur les factures de ` +
      '120 maisons du programme alsacien « Je rénove BBC » (lancé en 2010) ; au-delà de 500 €/m², cas peu fréquents (EDF R&D, 2024).',
    'Même coût au m² depuis F et depuis G : l’écart selon la classe de départ est faible devant la dispersion des coûts (EDF R&D, 2024). ' +
      'Coûts de travaux avant aides, ordre de grandeur (les sources ne distinguent pas toutes HT et TTC).',
    `Surface : moyenne de la sélection, sinon ${a.defaultSurfaceM2} m² (surface moyenne d’une résidence principale : 91 m², INSEE, enquête Logement 2013).`,
    `Consommations par défaut : milieux de classe du DPE en énergie primaire (${(
      Object.entries(LABEL_MIDPOINTS) as [string, number][]
    )
      .map(([label, v]) => `${label} ${v}`)
      .join(', ')} kWhEP/m²/an ; G n’a pas de borne haute, 500 est une convention du projet).`,
    `Pour comparaison, plafonds des dépenses éligibles à MaPrimeRénov’ Parcours accompagné en 2024 : ${ceilings} ` +
      `(Anah, guide des aides 2024, repris par Mes Aides Réno, betagouv/reno) ; pour ce scénario : ${euros(s.aid_ceiling_eur)}.`,
  ];
}

/**
 * Computes the scenario (see the module documentation for the formula) against the programme's
 * targets. Throws a RangeError for negative counts or means, or a share outside 0–100.
 */
export function computeRenovationScenario(
  input: ScenarioInput,
  targets: ProgrammeTargets,
  assumptions: ScenarioAssumptions = DEFAULT_SCENARIO_ASSUMPTIONS,
): RenovationScenario {
  if (
    !(Number.isFinite(input.sharePercent) && input.sharePercent >= 0 && input.sharePercent <= 100)
  ) {
    throw new RangeError(`Scenario share must be between 0 and 100 % (got ${input.sharePercent})`);
  }
  for (const label of PASSOIRES) checkStock(label, input[label]);
  const lines = PASSOIRES.map((label) => computeLine(label, input[label], input, assumptions));
  const sum = (f: (l: ScenarioLine) => number) => lines.reduce((s, l) => s + f(l), 0);
  const dwellings = sum((l) => l.dwellings);
  const rounded = lines.map((l) => ({
    ...l,
    primary_mwh_per_year: round(l.primary_mwh_per_year, 1),
    final_mwh_per_year: round(l.final_mwh_per_year, 1),
    tco2e_per_year: round(l.tco2e_per_year, 1),
    investment_eur: {
      low: Math.round(l.investment_eur.low),
      high: Math.round(l.investment_eur.high),
    },
  }));
  const scenario = {
    target: input.target,
    sharePercent: input.sharePercent,
    dwellings,
    primary_mwh_per_year: round(
      sum((l) => l.primary_mwh_per_year),
      1,
    ),
    final_mwh_per_year: round(
      sum((l) => l.final_mwh_per_year),
      1,
    ),
    tco2e_per_year: round(
      sum((l) => l.tco2e_per_year),
      1,
    ),
    investment_eur: {
      low: Math.round(sum((l) => l.investment_eur.low)),
      high: Math.round(sum((l) => l.investment_eur.high)),
    },
    aid_ceiling_eur: sum((l) => l.aid_ceiling_eur),
    programme: {
      carnets: dwellings,
      works: dwellings,
      carnets_target: targets.carnets,
      works_target: targets.works,
      carnets_share: targets.carnets > 0 ? dwellings / targets.carnets : 0,
      works_share: targets.works > 0 ? dwellings / targets.works : 0,
    },
    by_label: rounded,
  };
  return {
    ...scenario,
    method: describeMethod(scenario, assumptions),
    assumptions: describeAssumptions(scenario, assumptions),
  };
}
