/**
 * Catalogue of the territory indicators: French label, unit, one-line definition, formatting and
 * the formula (additive sums and how they combine, see `indicator-formula.ts`). Every indicator is
 * weighted by dwellings (the stock `weight`), so that DPE records, BDNB buildings and modelled
 * typology cells aggregate the same way. The formula is the one definition of each figure: the
 * SQL over the stock, the SQL over pre-aggregated tables and the JavaScript all derive from it.
 */
import { G_PLUS_FINAL_ENERGY_KWH_M2 } from './dpe.ts';
import { countNoun, formatDecimal, formatInteger, formatPercent, MISSING_VALUE } from './format.ts';
import { divide, type Formula, orZero, type RowTest, ratio, sumOf } from './indicator-formula.ts';

/** What kind of number an indicator is; it decides the formatting and the export precision. */
export type IndicatorKind = 'count' | 'share' | 'intensity' | 'total';

/** Identifiers of the indicators (also the column names of the SQL results). */
export type IndicatorId =
  | 'dwellings'
  | 'fg_count'
  | 'fg_share'
  | 'eg_share'
  | 'g_plus_count'
  | 'mean_ep'
  | 'mean_ef'
  | 'total_ef_gwh'
  | 'ghg_t'
  | 'heating_ef_gwh'
  | 'hot_water_ef_gwh'
  | 'cooling_ef_gwh'
  | 'lighting_ef_gwh'
  | 'auxiliaries_ef_gwh';

/** One indicator of the catalogue. */
export interface Indicator {
  id: IndicatorId;
  /** French label, as in the metric switch and the table header. */
  label: string;
  /** French unit, as in the legend title. */
  unit: string;
  /** One-line French definition, shown beside the value. */
  definition: string;
  kind: IndicatorKind;
  /** How the value is computed from additive sums over the stock rows. */
  value: Formula;
  /** Variables of the stock model the value rests on, for the « Méthode » panel. */
  restsOn: readonly ModelVariable[];
  /**
   * Stock columns beyond the canonical model that the indicator needs. Empty for the indicators
   * computed from the canonical columns; the SQL builders leave out an indicator whose columns are
   * not all available.
   */
  requiresColumns: readonly string[];
  /** Number only (with '%' for shares), for legend bounds and table cells. */
  formatNumber: (value: number | null) => string;
  /** Number with its unit, for tooltips and panels; '–' when missing. */
  format: (value: number | null) => string;
  /** Rounds a class break to the precision shown, so that the legend says exactly what is drawn. */
  roundBreak: (value: number) => number;
}

/** Columns always present in a result row, besides the indicators. */
export interface IndicatorBase {
  /** Stock rows behind the figures (DPE records for observed data). */
  records: number;
}

/**
 * One row of indicators, as the SQL builders return it: every value is a DOUBLE, null when it
 * cannot be computed (no dwelling with a label, a consumption, a surface…). Consumption by use is
 * present only when the stock has the columns.
 */
export type IndicatorRow = IndicatorBase & { [K in CoreIndicatorId]: number | null } & {
  [K in UseIndicatorId]?: number | null;
};

/** Indicators computed from the canonical stock columns. */
type CoreIndicatorId = Exclude<IndicatorId, UseIndicatorId>;

/** Final consumption by use: needs per-use columns that the canonical stock does not have yet. */
export type UseIndicatorId =
  | 'heating_ef_gwh'
  | 'hot_water_ef_gwh'
  | 'cooling_ef_gwh'
  | 'lighting_ef_gwh'
  | 'auxiliaries_ef_gwh';

/** The variables of the stock model (see `model-method.ts`) that an indicator may rest on. */
export type ModelVariable =
  | 'dwellings'
  | 'period'
  | 'type'
  | 'surface'
  | 'tenure'
  | 'occupancy'
  | 'energy'
  | 'climate'
  | 'label';

/** What each indicator declares; its kind adds the formatting. */
interface IndicatorSpec {
  id: IndicatorId;
  label: string;
  definition: string;
  value: Formula;
  /** Variables of the stock model the value rests on, for the « Méthode » panel. */
  restsOn: readonly ModelVariable[];
  requiresColumns?: readonly string[];
}

/**
 * Label and unit as a heading (table column, legend, CSV): « Part de passoires F/G (%) », but
 * « Logements » rather than « Logements (logements) ».
 */
export function indicatorHeading({ label, unit }: Pick<Indicator, 'label' | 'unit'>): string {
  return label.toLowerCase() === unit.toLowerCase() ? label : `${label} (${unit})`;
}

function withUnit(
  formatNumber: (value: number | null) => string,
  unit: string,
  kind: IndicatorKind,
) {
  // Counts are whole numbers with a French plural: « 1 logement », « 2 logements ».
  const one = kind === 'count' ? unit.replace(/s$/, '') : unit;
  return (value: number | null): string => {
    const text = formatNumber(value);
    if (text === MISSING_VALUE || value === null) return text;
    return `${text}\u00a0${countNoun(value, one, unit)}`;
  };
}

const roundTo = (step: number) => (value: number) => Math.round(value / step) * step;

const KIND_FORMATS: Readonly<
  Record<
    IndicatorKind,
    { formatNumber: (value: number | null) => string; roundBreak: (value: number) => number }
  >
> = {
  count: { formatNumber: formatInteger, roundBreak: Math.round },
  // Shares are drawn to a tenth of a percent.
  share: {
    formatNumber: (value) => formatPercent(value, 1),
    roundBreak: (value) => Math.round(value * 1000) / 1000,
  },
  intensity: { formatNumber: formatInteger, roundBreak: Math.round },
  total: { formatNumber: (value) => formatDecimal(value, 1), roundBreak: roundTo(0.1) },
};

function indicator(kind: IndicatorKind, unit: string, spec: IndicatorSpec): Indicator {
  const { formatNumber, roundBreak } = KIND_FORMATS[kind];
  return {
    ...spec,
    unit,
    kind,
    requiresColumns: spec.requiresColumns ?? [],
    formatNumber,
    format: kind === 'share' ? formatNumber : withUnit(formatNumber, unit, kind),
    roundBreak,
  };
}

/**
 * Stock column of the final consumption of each use, kWhEF per m² per year (like `ef_kwh_m2`).
 * The canonical stock has none of them yet: an importer that reads them (ADEME DPE
 * `conso_chauffage_ef`, `conso_ecs_ef`… are per dwelling, to divide by the surface) adds these
 * columns, and the indicators appear.
 */
export const USE_COLUMNS: Readonly<Record<UseIndicatorId, string>> = {
  heating_ef_gwh: 'ef_heating_kwh_m2',
  hot_water_ef_gwh: 'ef_hot_water_kwh_m2',
  cooling_ef_gwh: 'ef_cooling_kwh_m2',
  lighting_ef_gwh: 'ef_lighting_kwh_m2',
  auxiliaries_ef_gwh: 'ef_auxiliaries_kwh_m2',
};

/** Stock rows behind the figures: the `records` column of every indicator row. */
export const RECORDS: Formula = sumOf('n', { kind: 'rows' });

const DWELLINGS = sumOf('w', { kind: 'weight' });

const labelIn = (values: readonly string[]): RowTest => ({ op: 'in', column: 'dpe_label', values });

/** Dwellings with a known DPE label: the base of the label shares. */
export const LABELLED_DWELLINGS: Formula = sumOf('w_lab', {
  kind: 'weight',
  where: { op: 'known', column: 'dpe_label' },
});

/** Whether a row is labelled F or G: a « passoire thermique ». */
export const IS_FG: RowTest = labelIn(['F', 'G']);

/** Dwellings labelled F or G; null when no label is known. */
export const FG_DWELLINGS: Formula = sumOf('w_fg', { kind: 'weightIf', test: IS_FG });

const EG_DWELLINGS = sumOf('w_eg', { kind: 'weightIf', test: labelIn(['E', 'F', 'G']) });

const G_PLUS_DWELLINGS = sumOf('w_gplus', {
  kind: 'weightIf',
  test: { op: 'atLeast', column: 'ef_kwh_m2', value: G_PLUS_FINAL_ENERGY_KWH_M2 },
});

/** Mean of a per-m² column, weighted by the dwellings where it is known. */
const weightedMean = (column: string, prefix: string) =>
  ratio(
    sumOf(`${prefix}_w`, { kind: 'weighted', columns: [column] }),
    sumOf(`w_${prefix}`, { kind: 'weight', where: { op: 'known', column } }),
  );

/** A per-m² column × surface × dwellings, summed. */
const surfaceTotal = (column: string, name: string) =>
  sumOf(name, { kind: 'weighted', columns: [column, 'surface_m2'] });

function consumptionByUse(id: UseIndicatorId, use: string): Indicator {
  return indicator('total', 'GWh/an', {
    id,
    label: `Consommation de ${use}`,
    definition: `Énergie finale consommée pour ${use} : consommation par m² × surface × logements, en GWh par an.`,
    value: divide(surfaceTotal(USE_COLUMNS[id], `use_${id}`), 1e6),
    // Read from the source, not modelled.
    restsOn: [],
    requiresColumns: [USE_COLUMNS[id]],
  });
}

const G_PLUS = formatInteger(G_PLUS_FINAL_ENERGY_KWH_M2);

const MODELLED_LABEL: readonly ModelVariable[] = [
  'period',
  'type',
  'surface',
  'energy',
  'tenure',
  'climate',
  'label',
];

const CONSUMPTION: readonly ModelVariable[] = ['period', 'surface', 'energy', 'climate', 'label'];

/** The indicators, in the order of the metric switch and of the table columns. */
export const INDICATORS: readonly Indicator[] = [
  indicator('count', 'logements', {
    id: 'dwellings',
    label: 'Logements',
    definition: 'Nombre de logements représentés (somme des poids des lignes).',
    value: orZero(DWELLINGS),
    restsOn: ['dwellings', 'occupancy'],
  }),
  indicator('count', 'logements', {
    id: 'fg_count',
    label: 'Passoires F/G',
    definition: "Logements dont l'étiquette DPE est F ou G.",
    value: FG_DWELLINGS,
    restsOn: ['dwellings', ...MODELLED_LABEL],
  }),
  indicator('share', '%', {
    id: 'fg_share',
    label: 'Part de passoires F/G',
    definition: "Logements F ou G parmi les logements dont l'étiquette DPE est connue.",
    value: ratio(FG_DWELLINGS, LABELLED_DWELLINGS),
    restsOn: MODELLED_LABEL,
  }),
  indicator('share', '%', {
    id: 'eg_share',
    label: 'Part des étiquettes E à G',
    definition: "Logements E, F ou G parmi les logements dont l'étiquette DPE est connue.",
    value: ratio(EG_DWELLINGS, LABELLED_DWELLINGS),
    restsOn: MODELLED_LABEL,
  }),
  indicator('count', 'logements', {
    id: 'g_plus_count',
    label: 'Logements G+',
    definition: `Logements consommant au moins ${G_PLUS} kWh d'énergie finale par m² et par an (non décents depuis 2023).`,
    value: G_PLUS_DWELLINGS,
    restsOn: ['dwellings', 'period', 'surface', 'energy', 'climate', 'label'],
  }),
  indicator('intensity', 'kWhEP/m²/an', {
    id: 'mean_ep',
    label: 'Consommation moyenne en énergie primaire',
    definition:
      'Énergie primaire par m² (5 usages), moyenne pondérée par les logements dont elle est connue.',
    value: weightedMean('ep_kwh_m2', 'ep'),
    restsOn: CONSUMPTION,
  }),
  indicator('intensity', 'kWhEF/m²/an', {
    id: 'mean_ef',
    label: 'Consommation moyenne en énergie finale',
    definition:
      'Énergie finale par m² (5 usages), moyenne pondérée par les logements dont elle est connue.',
    value: weightedMean('ef_kwh_m2', 'ef'),
    restsOn: CONSUMPTION,
  }),
  indicator('total', 'GWh/an', {
    id: 'total_ef_gwh',
    label: 'Consommation totale en énergie finale',
    definition: 'Somme de la consommation finale par m² × surface × logements, en GWh par an.',
    value: divide(surfaceTotal('ef_kwh_m2', 'ef_sw'), 1e6),
    restsOn: ['dwellings', ...CONSUMPTION],
  }),
  indicator('total', 'tCO2e/an', {
    id: 'ghg_t',
    label: 'Émissions de gaz à effet de serre',
    definition:
      'Somme des émissions par m² × surface × logements, en tonnes équivalent CO2 par an.',
    value: divide(surfaceTotal('ghg_kg_m2', 'ghg_sw'), 1e3),
    restsOn: ['dwellings', ...CONSUMPTION],
  }),
  consumptionByUse('heating_ef_gwh', 'chauffage'),
  consumptionByUse('hot_water_ef_gwh', 'eau chaude sanitaire'),
  consumptionByUse('cooling_ef_gwh', 'refroidissement'),
  consumptionByUse('lighting_ef_gwh', 'éclairage'),
  consumptionByUse('auxiliaries_ef_gwh', 'auxiliaires'),
];

/** The indicator shown when nothing else is asked for. */
export const DEFAULT_INDICATOR_ID: IndicatorId = 'fg_share';

/** Whether a value is an indicator id (e.g. read from the URL). */
export function isIndicatorId(value: unknown): value is IndicatorId {
  return INDICATORS.some((indicator) => indicator.id === value);
}

/** The indicator with this id. */
export function getIndicator(id: IndicatorId): Indicator {
  const indicator = INDICATORS.find((candidate) => candidate.id === id);
  if (indicator === undefined) throw new RangeError(`Unknown indicator ${id}`);
  return indicator;
}

/** The indicators that a stock with these columns can compute (all core ones, uses if present). */
export function availableIndicators(columns: Iterable<string> = []): Indicator[] {
  const present = new Set(columns);
  return INDICATORS.filter((indicator) =>
    indicator.requiresColumns.every((column) => present.has(column)),
  );
}

/** Value of an indicator in a result row; null when missing or not computed. */
export function indicatorValue(row: IndicatorRow, id: IndicatorId): number | null {
  const value = row[id];
  return value === undefined || value === null || !Number.isFinite(value) ? null : value;
}

/**
 * Fewer records or dwellings than this make a figure fragile. 11 is the statistical-secret bound
 * for tax-derived data (domain reference §5); here it flags reliability, not confidentiality, as
 * DPE records are not representative of the stock.
 */
export const SMALL_COUNT_THRESHOLD = 11;

/** Options of {@link isSmallCount}. */
export interface SmallCountOptions {
  /** Observed data (real DPE records): the record count matters, not only the dwellings. */
  observed: boolean;
  threshold?: number;
}

/**
 * Whether the figures of a territory rest on too little: fewer than {@link SMALL_COUNT_THRESHOLD}
 * dwellings, or, for observed data, fewer records. A modelled stock spreads many dwellings over few
 * typology rows, so its record count says nothing about reliability.
 */
export function isSmallCount(
  row: { records: number | null; dwellings: number | null },
  options: SmallCountOptions,
): boolean {
  const threshold = options.threshold ?? SMALL_COUNT_THRESHOLD;
  if ((row.dwellings ?? 0) < threshold) return true;
  return options.observed && (row.records ?? 0) < threshold;
}
