/**
 * Estimated annual energy savings of recorded works (domain.md §6): (consumption before − after)
 * × surface when consumptions are known, else from documented class midpoints of the labels.
 * These are outcome indicators for the steering committee, not CEE volumes (kWh cumac).
 */
import { LABEL_MIDPOINTS } from './dpe.ts';
import { formatDecimal, formatInteger } from './format.ts';
import type { ProgrammeWork } from './programme-data.ts';
import type { DpeLabel } from './stock-schema.ts';

/**
 * Final energy per unit of primary energy for a typical dwelling, used when only primary energy
 * (or only labels) is known. Derivation: the DPE counts electricity at 2.3 kWhEP per kWhEF (arrêté
 * du 31 mars 2021) and other energies at 1; an electrically heated dwelling has EF/EP ≈ 1/2.3 ≈
 * 0.43, one heated otherwise ≈ 0.89 (heating at 1, about a fifth of its use in electricity at
 * 1/2.3); with about 37 % of main residences heated by electricity, the mix is ≈ 0.72. An order of
 * magnitude, convention of this project.
 */
export const FINAL_PER_PRIMARY = 0.72;

/**
 * kgCO2e avoided per kWh of final energy saved. Derivation: DPE emission factors of heating
 * (arrêté du 31 mars 2021: electricity 0.079, natural gas 0.227, fuel oil 0.324, wood 0.030, heat
 * networks about 0.1 kgCO2e/kWh) weighted by the residential heating mix in final energy (about
 * gas 37 %, wood 25 %, electricity 25 %, fuel oil 10 %, networks 3 %) gives ≈ 0.15. An order of
 * magnitude, convention of this project.
 */
export const GHG_KG_PER_FINAL_KWH = 0.15;

/** Parameters of the estimate; the defaults are the documented constants above. */
export interface SavingsParameters {
  finalPerPrimary: number;
  ghgKgPerFinalKwh: number;
}

/** The documented defaults. */
export const DEFAULT_SAVINGS_PARAMETERS: Readonly<SavingsParameters> = {
  finalPerPrimary: FINAL_PER_PRIMARY,
  ghgKgPerFinalKwh: GHG_KG_PER_FINAL_KWH,
};

/** What the estimate of one work needs (consumptions per m² per year). */
export type WorkEnergy = Pick<
  ProgrammeWork,
  | 'surface_m2'
  | 'etiquette_avant'
  | 'etiquette_apres'
  | 'conso_ep_avant'
  | 'conso_ep_apres'
  | 'conso_ef_avant'
  | 'conso_ef_apres'
>;

/**
 * How a work's savings were estimated: `consommations` from the recorded consumptions × surface,
 * `etiquettes` from the label midpoints × surface, `non_estime` when the surface or both the
 * consumptions and the labels are missing (the work counts, its savings are not estimated).
 */
export type SavingsMethod = 'consommations' | 'etiquettes' | 'non_estime';

/** Savings of one work, kWh per year. */
export interface WorkSavings {
  method: SavingsMethod;
  primary_kwh: number;
  final_kwh: number;
  kg_co2e: number;
  /** Whether final energy was derived from primary energy (not recorded). */
  final_derived: boolean;
  /** Whether primary energy was derived from final energy (not recorded). */
  primary_derived: boolean;
}

const isNumber = (x: number | null): x is number => x !== null && Number.isFinite(x);

/** Estimates one work's annual savings; see {@link SavingsMethod}. */
export function estimateWorkSavings(
  work: WorkEnergy,
  parameters: SavingsParameters = DEFAULT_SAVINGS_PARAMETERS,
): WorkSavings {
  const none: WorkSavings = {
    method: 'non_estime',
    primary_kwh: 0,
    final_kwh: 0,
    kg_co2e: 0,
    final_derived: false,
    primary_derived: false,
  };
  const surface = work.surface_m2;
  if (surface === null || !(surface > 0)) return none;
  const hasEp = isNumber(work.conso_ep_avant) && isNumber(work.conso_ep_apres);
  const hasEf = isNumber(work.conso_ef_avant) && isNumber(work.conso_ef_apres);
  const ratio = parameters.finalPerPrimary;
  const result = (method: SavingsMethod, primary: number | null, final: number | null) => {
    const primaryKwh = (primary ?? (final ?? 0) / ratio) * surface;
    const finalKwh = (final ?? (primary ?? 0) * ratio) * surface;
    return {
      method,
      primary_kwh: primaryKwh,
      final_kwh: finalKwh,
      kg_co2e: finalKwh * parameters.ghgKgPerFinalKwh,
      final_derived: final === null,
      primary_derived: primary === null,
    };
  };
  if (hasEp || hasEf) {
    const primary = hasEp ? (work.conso_ep_avant ?? 0) - (work.conso_ep_apres ?? 0) : null;
    const final = hasEf ? (work.conso_ef_avant ?? 0) - (work.conso_ef_apres ?? 0) : null;
    return result('consommations', primary, final);
  }
  if (work.etiquette_avant !== null && work.etiquette_apres !== null) {
    const primary = LABEL_MIDPOINTS[work.etiquette_avant] - LABEL_MIDPOINTS[work.etiquette_apres];
    return result('etiquettes', primary, null);
  }
  return none;
}

/** Works per estimation method. */
export type WorksByMethod = Record<SavingsMethod, number>;

/** Total estimated savings of a set of works. */
export interface SavingsSummary {
  final_mwh_per_year: number;
  primary_mwh_per_year: number;
  tco2e_per_year: number;
  works_by_method: WorksByMethod;
  /** Works whose final energy was derived from primary energy (labels, or EP only). */
  final_derived: number;
  /** Works whose primary energy was derived from final energy (EF only). */
  primary_derived: number;
  parameters: SavingsParameters;
  /** French text to show next to the figures. */
  method: string;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The French method text shown next to the savings figures. */
function describeSavingsMethod(
  byMethod: WorksByMethod,
  finalDerived: number,
  primaryDerived: number,
  parameters: SavingsParameters = DEFAULT_SAVINGS_PARAMETERS,
): string {
  const total = byMethod.consommations + byMethod.etiquettes + byMethod.non_estime;
  const ratio = formatDecimal(parameters.finalPerPrimary, 2);
  const midpoints = (Object.entries(LABEL_MIDPOINTS) as [DpeLabel, number][])
    .map(([label, value]) => `${label} ${value}`)
    .join(', ');
  const derived: string[] = [];
  if (finalDerived > 0) {
    derived.push(
      `énergie finale déduite de l'énergie primaire pour ${formatInteger(finalDerived)} travaux (× ${ratio})`,
    );
  }
  if (primaryDerived > 0) {
    derived.push(
      `énergie primaire déduite de l'énergie finale pour ${formatInteger(primaryDerived)} travaux (÷ ${ratio})`,
    );
  }
  return [
    `Économies annuelles estimées sur ${formatInteger(total)} travaux recensés : ` +
      `${formatInteger(byMethod.consommations)} d'après les consommations avant et après travaux × surface, ` +
      `${formatInteger(byMethod.etiquettes)} d'après les étiquettes seules (milieu de classe en énergie primaire, kWhEP/m²/an : ${midpoints} ; G sans borne haute, 500 est une convention du projet), ` +
      `${formatInteger(byMethod.non_estime)} non estimés (surface, consommations et étiquettes manquantes).`,
    derived.length > 0 ? `${derived.join(' ; ')}.` : '',
    `Émissions évitées = énergie finale économisée × ${formatDecimal(parameters.ghgKgPerFinalKwh, 2)} kgCO2e/kWh (mix moyen du chauffage résidentiel, ordre de grandeur).`,
    'Estimations indicatives : ce ne sont pas des kWh cumac ni le volume de CEE du programme.',
  ]
    .filter((s) => s !== '')
    .join(' ');
}

/**
 * Sums the estimated savings of works: MWh/yr of final and primary energy and tCO2e/yr, rounded
 * to 0.1, with the number of works per method and the French method text.
 */
export function estimateSavings(
  works: readonly WorkEnergy[],
  parameters: SavingsParameters = DEFAULT_SAVINGS_PARAMETERS,
): SavingsSummary {
  const byMethod: WorksByMethod = { consommations: 0, etiquettes: 0, non_estime: 0 };
  let primary = 0;
  let final = 0;
  let kg = 0;
  let finalDerived = 0;
  let primaryDerived = 0;
  for (const work of works) {
    const s = estimateWorkSavings(work, parameters);
    byMethod[s.method]++;
    primary += s.primary_kwh;
    final += s.final_kwh;
    kg += s.kg_co2e;
    if (s.method !== 'non_estime' && s.final_derived) finalDerived++;
    if (s.method !== 'non_estime' && s.primary_derived) primaryDerived++;
  }
  return {
    final_mwh_per_year: round(final / 1000, 1),
    primary_mwh_per_year: round(primary / 1000, 1),
    tco2e_per_year: round(kg / 1000, 1),
    works_by_method: byMethod,
    final_derived: finalDerived,
    primary_derived: primaryDerived,
    parameters: { ...parameters },
    method: describeSavingsMethod(byMethod, finalDerived, primaryDerived, parameters),
  };
}
