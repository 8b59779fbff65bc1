/**
 * How a modelled stock was made, as the build writes it in the manifest (`datasets[].method`):
 * the inputs with their vintage and source, the basis of each variable (census, modelled from
 * public facts, or assumed), and the variables of each indicator (declared with the indicator, in
 * `indicators.ts`). Pure: parsed and read by the views.
 */
import { getIndicator, type IndicatorId, type ModelVariable } from './indicators.ts';

/** How a variable of the model is known. */
export type VariableBasis = 'census' | 'modelled' | 'assumed';

/** French names of the bases. */
export const BASIS_LABELS: Readonly<Record<VariableBasis, string>> = {
  census: 'donnée du recensement',
  modelled: 'modélisé à partir de faits publics',
  assumed: 'hypothèse',
};

/** One input of the model. */
export interface MethodInput {
  title: string;
  producer: string;
  vintage: string;
  url: string;
}

/** One variable of the model. */
export interface MethodVariable {
  key: ModelVariable;
  label: string;
  basis: VariableBasis;
  /** French: from what, and at which scale. */
  detail: string;
}

/** The method block of a modelled dataset. */
export interface ModelMethod {
  summary: string;
  inputs: MethodInput[];
  variables: MethodVariable[];
  assumptions: string[];
  /** Validation figures, in French, as the calibration report prints them. */
  validation: string[];
}

const BASES: readonly string[] = ['census', 'modelled', 'assumed'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Reads a manifest's method block; null when absent or not an object. Unknown entries are dropped. */
export function parseModelMethod(value: unknown): ModelMethod | null {
  if (!isRecord(value)) return null;
  const inputs = Array.isArray(value.inputs) ? value.inputs.filter(isRecord) : [];
  const variables = Array.isArray(value.variables) ? value.variables.filter(isRecord) : [];
  return {
    summary: text(value.summary),
    inputs: inputs.map((input) => ({
      title: text(input.title),
      producer: text(input.producer),
      vintage: text(input.vintage),
      url: text(input.url),
    })),
    variables: variables
      .filter((v) => typeof v.key === 'string' && BASES.includes(text(v.basis)))
      .map((v) => ({
        key: text(v.key) as ModelVariable,
        label: text(v.label),
        basis: text(v.basis) as VariableBasis,
        detail: text(v.detail),
      })),
    assumptions: texts(value.assumptions),
    validation: texts(value.validation),
  };
}

/** The variables of `method` an indicator rests on, in the method's order. */
export function variablesOf(method: ModelMethod, indicator: IndicatorId): MethodVariable[] {
  const keys = new Set(getIndicator(indicator).restsOn);
  return method.variables.filter((variable) => keys.has(variable.key));
}

/** Below this many typology cells, a modelled territory's figures are flagged as fragile. */
export const FEW_CELLS_THRESHOLD = 30;

/** Share of communes without census periods from which a territory is flagged (10 %). */
export const PARTIAL_CENSUS_TOLERANCE = 0.1;

/** Why a modelled territory's estimate is fragile, in French; null when it is not. */
export function modelSupportWarning(support: {
  cells: number;
  communes: number;
  /** Communes whose construction periods come from the census (commune or EPCI). */
  censusCommunes: number;
}): string | null {
  const reasons: string[] = [];
  if (support.communes > 0 && support.censusCommunes === 0) {
    reasons.push(
      'aucune donnée du recensement pour ce territoire : ses périodes de construction sont celles de son département (hypothèse)',
    );
  } else if (support.censusCommunes < (1 - PARTIAL_CENSUS_TOLERANCE) * support.communes) {
    reasons.push(
      `${support.communes - support.censusCommunes} commune(s) sur ${support.communes} sans donnée du recensement (périodes du département)`,
    );
  }
  if (support.cells < FEW_CELLS_THRESHOLD) {
    reasons.push(
      `elle repose sur ${support.cells} cellule(s) typologique(s) seulement (seuil ${FEW_CELLS_THRESHOLD})`,
    );
  }
  return reasons.length === 0 ? null : reasons.join(' ; ');
}
