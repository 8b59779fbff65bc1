/**
 * Priority scoring of territories (communes for an EPCI, EPCI for a regional partner) for a
 * renovation campaign: user-weighted criteria, each normalised over the candidate territories,
 * combined into a score from 0 to 100 with its breakdown per criterion.
 *
 * - Normalisation: min–max over the candidates that have a value, n = (v − min) / (max − min) for
 *   a criterion where more means more priority, n = (max − v) / (max − min) for the « low X »
 *   criteria (low carnet penetration, low works conversion). So 1 is the most urgent candidate and
 *   0 the least, whatever the unit; the scale is relative to the selection, not absolute.
 * - A criterion whose value is the same for every candidate that has it (max = min) cannot rank
 *   them: it is left out of every score and flagged `constant`.
 * - Score = 100 × Σ wᵢ·nᵢ / Σ wᵢ over the criteria with a weight > 0 that the territory has. A
 *   missing value is left out of THAT territory's weight sum and flagged `missing`: the score is
 *   then the mean of fewer criteria. Between two complete territories, raising the weight of a
 *   criterion on which A beats B never lets B overtake A; with a missing value this no longer
 *   holds (the two scores are means over different criteria), hence the flag.
 * - Ranking: score descending, territories without any usable criterion (score null) last, ties
 *   by code (plain code-point order, so the same in every locale).
 */
import { formulaValue, sumName } from './indicator-formula.ts';
import { FG_DWELLINGS, getIndicator, LABELLED_DWELLINGS } from './indicators.ts';

/** Identifiers of the criteria. */
export type PriorityCriterionId =
  | 'fg_count'
  | 'fg_share'
  | 'g_plus_count'
  | 'fossil_heating_share'
  | 'owner_occupied_share'
  | 'carnet_penetration'
  | 'works_conversion';

/** One criterion: French label and definition, and which way is urgent. */
export interface PriorityCriterion {
  id: PriorityCriterionId;
  label: string;
  definition: string;
  /** `high`: more is more urgent; `low`: less is more urgent (normalisation inverted). */
  urgentWhen: 'high' | 'low';
}

/** The criteria, in display order. */
export const PRIORITY_CRITERIA: readonly PriorityCriterion[] = [
  {
    id: 'fg_count',
    label: 'Passoires F/G',
    definition: 'Nombre de logements classés F ou G.',
    urgentWhen: 'high',
  },
  {
    id: 'fg_share',
    label: 'Part de passoires F/G',
    definition: 'Logements F ou G parmi les logements dont l’étiquette DPE est connue.',
    urgentWhen: 'high',
  },
  {
    id: 'g_plus_count',
    label: 'Logements G+',
    definition: 'Logements consommant au moins 450 kWh d’énergie finale par m² et par an.',
    urgentWhen: 'high',
  },
  {
    id: 'fossil_heating_share',
    label: 'Chauffage au fioul ou au charbon',
    definition: 'Part des logements chauffés au fioul ou au charbon.',
    urgentWhen: 'high',
  },
  {
    id: 'owner_occupied_share',
    label: 'Propriétaires occupants',
    definition:
      'Part des logements occupés par leur propriétaire (public des aides à la rénovation).',
    urgentWhen: 'high',
  },
  {
    id: 'carnet_penetration',
    label: 'Faible pénétration des carnets',
    definition:
      'Carnets ouverts pour 1 000 passoires F/G : moins il y en a, plus le territoire est prioritaire.',
    urgentWhen: 'low',
  },
  {
    id: 'works_conversion',
    label: 'Faible passage aux travaux',
    definition:
      'Travaux recensés par carnet ouvert : moins il y en a, plus le territoire est prioritaire.',
    urgentWhen: 'low',
  },
];

/** Highest weight a user can give. */
export const MAX_PRIORITY_WEIGHT = 5;

/** Weights from 0 (ignored) to {@link MAX_PRIORITY_WEIGHT}; an absent weight is 0. */
export type PriorityWeights = Partial<Record<PriorityCriterionId, number>>;

/** Starting weights: the F/G stock first, then the programme's reach, then the context. */
export const DEFAULT_PRIORITY_WEIGHTS: Readonly<Record<PriorityCriterionId, number>> = {
  fg_count: 3,
  fg_share: 3,
  g_plus_count: 2,
  fossil_heating_share: 2,
  owner_occupied_share: 1,
  carnet_penetration: 2,
  works_conversion: 1,
};

/** A candidate territory and its raw criterion values (null or absent when unknown). */
export interface PriorityCandidate {
  code: string;
  name?: string | null;
  values: Partial<Record<PriorityCriterionId, number | null>>;
}

/** Why a criterion adds nothing to a territory's score. */
export type ContributionFlag = 'missing' | 'constant' | 'unweighted';

/** One criterion's part of a territory's score. */
export interface CriterionContribution {
  criterion: PriorityCriterionId;
  raw: number | null;
  /** 0 (least urgent candidate) to 1 (most urgent); null when flagged missing or constant. */
  normalised: number | null;
  weight: number;
  /** Points of the score (the points of a territory add up to its score). */
  points: number;
  flag: ContributionFlag | null;
}

/** A territory's score and rank. */
export interface PriorityScore {
  code: string;
  name: string | null;
  /** 0–100; null when no weighted criterion is usable for this territory. */
  score: number | null;
  /** 1 for the most urgent. */
  rank: number;
  /** Σ of the weights used in this score. */
  weight_used: number;
  /** Weighted criteria this territory lacks. */
  missing: PriorityCriterionId[];
  contributions: CriterionContribution[];
}

/** Range of a criterion over the candidates; null when no candidate has it. */
export interface CriterionRange {
  min: number;
  max: number;
}

/** Outcome of {@link scoreTerritories}. */
export interface PriorityRanking {
  /** Ranked, most urgent first. */
  scores: PriorityScore[];
  ranges: Record<PriorityCriterionId, CriterionRange | null>;
}

const criterionValue = (candidate: PriorityCandidate, id: PriorityCriterionId): number | null => {
  const v = candidate.values[id];
  return v === undefined || v === null || !Number.isFinite(v) ? null : v;
};

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Scores and ranks the candidates (see the module documentation). Throws a RangeError for a
 * weight outside 0–{@link MAX_PRIORITY_WEIGHT} or a duplicate code.
 */
export function scoreTerritories(
  candidates: readonly PriorityCandidate[],
  weights: PriorityWeights,
): PriorityRanking {
  for (const [id, w] of Object.entries(weights)) {
    if (w !== undefined && !(Number.isFinite(w) && w >= 0 && w <= MAX_PRIORITY_WEIGHT)) {
      throw new RangeError(
        `Weight of ${id} must be between 0 and ${MAX_PRIORITY_WEIGHT} (got ${w})`,
      );
    }
  }
  const codes = new Set<string>();
  for (const c of candidates) {
    if (codes.has(c.code)) throw new RangeError(`Duplicate territory ${c.code}`);
    codes.add(c.code);
  }
  const ranges = Object.fromEntries(
    PRIORITY_CRITERIA.map(({ id }) => {
      const values = candidates
        .map((c) => criterionValue(c, id))
        .filter((v): v is number => v !== null);
      return [
        id,
        values.length === 0 ? null : { min: Math.min(...values), max: Math.max(...values) },
      ];
    }),
  ) as Record<PriorityCriterionId, CriterionRange | null>;

  const scored = candidates.map((candidate) => {
    const parts = PRIORITY_CRITERIA.map(({ id, urgentWhen }) => {
      const raw = criterionValue(candidate, id);
      const weight = weights[id] ?? 0;
      const range = ranges[id];
      let flag: ContributionFlag | null = null;
      let normalised: number | null = null;
      if (raw === null || range === null) flag = 'missing';
      else if (range.max === range.min) flag = 'constant';
      else {
        const span = range.max - range.min;
        normalised = urgentWhen === 'high' ? (raw - range.min) / span : (range.max - raw) / span;
      }
      if (flag === null && weight === 0) flag = 'unweighted';
      return { criterion: id, raw, normalised, weight, flag };
    });
    const used = parts.filter((p) => p.flag === null);
    const weightUsed = used.reduce((s, p) => s + p.weight, 0);
    const contributions: CriterionContribution[] = parts.map((p) => ({
      ...p,
      points:
        p.flag === null && weightUsed > 0 ? (100 * p.weight * (p.normalised ?? 0)) / weightUsed : 0,
    }));
    return {
      code: candidate.code,
      name: candidate.name ?? null,
      score: weightUsed > 0 ? contributions.reduce((s, p) => s + p.points, 0) : null,
      rank: 0,
      weight_used: weightUsed,
      missing: parts.filter((p) => p.flag === 'missing' && p.weight > 0).map((p) => p.criterion),
      contributions,
    };
  });
  scored.sort((a, b) => {
    if (a.score !== b.score) {
      if (a.score === null) return 1;
      if (b.score === null) return -1;
      return b.score - a.score;
    }
    return byCode(a.code, b.code);
  });
  scored.forEach((s, i) => {
    s.rank = i + 1;
  });
  return { scores: scored, ranges };
}

/** Counts of a territory from which {@link priorityValues} derives the criteria. */
export interface PriorityCounts {
  /** Dwellings with a known DPE label (denominator of the F/G share). */
  labelledDwellings: number | null;
  fg: number | null;
  gPlus: number | null;
  fossilHeatingShare: number | null;
  ownerOccupiedShare: number | null;
  carnets: number | null;
  works: number | null;
}

const ratio = (num: number | null, den: number | null, scale = 1) =>
  num === null || den === null || den <= 0 ? null : (num * scale) / den;

/**
 * The criterion values of a territory, with the programme's definitions (programme-kpis.ts):
 * penetration = carnets per 1 000 F/G dwellings (null without F/G), conversion = works per carnet
 * (null without carnets).
 */
export function priorityValues(c: PriorityCounts): Record<PriorityCriterionId, number | null> {
  return {
    fg_count: c.fg,
    fg_share: formulaValue(getIndicator('fg_share').value, {
      [sumName(FG_DWELLINGS)]: c.fg,
      [sumName(LABELLED_DWELLINGS)]: c.labelledDwellings,
    }),
    g_plus_count: c.gPlus,
    fossil_heating_share: c.fossilHeatingShare,
    owner_occupied_share: c.ownerOccupiedShare,
    carnet_penetration: ratio(c.carnets, c.fg, 1000),
    works_conversion: ratio(c.works, c.carnets),
  };
}
