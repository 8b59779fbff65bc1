/**
 * The mapping shared by the formats of observed dwellings (ADEME DPE, a file whose columns the user
 * mapped): dictionaries, then the SQL of `src/sql/import/observation-sql.ts`, points without a
 * commune code located in the commune contours, warnings counted as the former mapper did.
 */

import { trimmedSql } from '../../sql/import/decimal-sql.ts';
import {
  dpeBoundsValuesSql,
  flaggedLabelsSql,
  quickLabelChecksSql,
} from '../../sql/import/dpe-label-sql.ts';
import {
  dictionaryKeys,
  duplicateReasonsSql,
  NUMBER_FIELDS,
  type ObservationField,
  type ObservationTables,
  observationRowsSql,
  observationRowsViewSql,
  overseasPointsSql,
  pointsToLocateSql,
  repeatedNumbersSql,
} from '../../sql/import/observation-sql.ts';
import { sqlString } from '../../sql/sql-string.ts';
import { locatePoints } from '../commune-locator.ts';
import { createDictionaries } from '../engine-tables.ts';
import { type EngineColumns, numberColumn, textColumn } from '../import-engine.ts';
import {
  countInconsistentLabels,
  type FlaggedLabelRows,
  ROUNDING_TOLERANCE,
} from '../label-consistency.ts';
import {
  collectWarnings,
  sharedWarning,
  sharedWarningWhen,
  type WarningSpec,
} from '../warnings-sql.ts';
import type { MapInput, MapOutput } from './format.ts';
import { createOverseasProjections, observationDictionaries } from './observation-dictionaries.ts';

/** How the fields of an observation file are named in messages. */
export interface ObservationNames {
  /** Field → how its column is named in rejection reasons (present fields only). */
  columns: Partial<Record<ObservationField, string>>;
}

const NUMBER_NAMES = {
  ep: 'énergie primaire',
  ghg: 'GES',
  ef: 'énergie finale',
  surface: 'surface habitable',
} as const;

/**
 * The cell as written, for examples: number columns keep their text only when DuckDB's cast
 * refused it or it holds a decimal comma, so a readable but implausible number is shown from its
 * value.
 */
function example(field: ObservationField, present: ReadonlySet<ObservationField>): string {
  if (!present.has(field)) return "''";
  if (!NUMBER_FIELDS.has(field)) return trimmedSql(`s.${field}`);
  return `coalesce(trim(s.${field}), regexp_replace(s.${field}_v::VARCHAR, '\\.0$', ''))`;
}

/** Where a number field is not a number, with its cell as example. */
function notANumber(field: keyof typeof NUMBER_NAMES, present: ReadonlySet<ObservationField>) {
  return {
    when: `isnan(w.${field}_n)`,
    example: `'${NUMBER_NAMES[field]} : « ' || ${example(field, present)} || ' »'`,
  };
}

/** Where a number field was read but its checked value dropped (negative or implausible). */
function aberrant(
  field: keyof typeof NUMBER_NAMES,
  checked: string,
  present: ReadonlySet<ObservationField>,
) {
  return {
    when: `NOT isnan(w.${field}_n) AND w.${field}_n IS NOT NULL AND w.${checked} IS NULL`,
    example: `'${NUMBER_NAMES[field]} : ' || ${example(field, present)}`,
  };
}

/** Warnings counted on rows whose commune was read (even if rejected later). */
function communeStageWarnings(present: ReadonlySet<ObservationField>): WarningSpec[] {
  const numbers = (['ep', 'ghg'] as const).filter((f) => present.has(f));
  return [
    {
      code: 'arrondissement_ramene_a_la_commune',
      message: 'Codes d’arrondissement municipal (Paris, Lyon, Marseille) ramenés à leur commune.',
      occurrences: [
        {
          when: 'w.arrondissement IS NOT NULL',
          example: "w.arrondissement || ' → ' || w.code_commune",
        },
      ],
    },
    sharedWarning(
      'valeur_non_numerique',
      numbers.map((f) => notANumber(f, present)),
    ),
    sharedWarning(
      'valeur_aberrante',
      numbers.map((f) => aberrant(f, f === 'ep' ? 'ep_kwh_m2' : 'ghg_kg_m2', present)),
    ),
  ];
}

/** Warnings of the positions of accepted rows (longitude/latitude, X/Y, geopoint). */
function positionWarnings(e: (field: ObservationField) => string): WarningSpec[] {
  return [
    {
      code: 'coordonnees_invalides',
      message:
        'Longitudes / latitudes illisibles ou hors des bornes (±180°, ±90°) : position ignorée.',
      occurrences: [
        { when: 'w.ll_present AND NOT w.ll_ok', example: `${e('lon')} || ' ; ' || ${e('lat')}` },
      ],
    },
    {
      code: 'coordonnees_hors_territoire',
      message:
        'Coordonnées X/Y illisibles ou hors du territoire de la commune (projection inattendue ?) : position ignorée.',
      occurrences: [
        {
          when: 'NOT w.ll_ok AND w.xy_present AND NOT w.xy_ok',
          example: `${e('x')} || ' ; ' || ${e('y')}`,
        },
      ],
    },
    {
      code: 'geopoint_illisible',
      message: 'Positions « lat,lon » illisibles ignorées.',
      occurrences: [
        {
          when: 'NOT w.ll_ok AND NOT w.xy_ok AND w.gp_present AND NOT w.gp_ok',
          example: e('geopoint'),
        },
      ],
    },
  ];
}

/** Warnings counted on accepted rows. */
function acceptedWarnings(present: ReadonlySet<ObservationField>): WarningSpec[] {
  const e = (field: ObservationField) => example(field, present);
  return [
    sharedWarning(
      'valeur_non_numerique',
      (['surface', 'ef'] as const).filter((f) => present.has(f)).map((f) => notANumber(f, present)),
    ),
    {
      code: 'surface_invalide',
      message: 'Surfaces nulles ou négatives lues comme absentes.',
      occurrences: [
        { when: 'w.surface_n <= 0', example: "regexp_replace(w.surface_n::VARCHAR, '\\.0$', '')" },
      ],
    },
    {
      code: 'date_illisible',
      message:
        'Dates d’établissement illisibles (formats lus : 2023-05-01, 01/05/2023, 20230501) : les deux jeux de seuils sont admis pour vérifier l’étiquette.',
      occurrences: [{ when: 'w.date_unreadable', example: e('date') }],
    },
    {
      code: 'etiquette_calculee',
      message: 'Étiquettes absentes, calculées à partir de l’énergie primaire et des GES.',
      occurrences: [{ when: "w.label_pub IS NULL AND w.label_raw = ''" }],
    },
    {
      code: 'etiquette_invalide_recalculee',
      message:
        'Étiquettes invalides remplacées par celles calculées à partir de l’énergie primaire et des GES.',
      occurrences: [{ when: "w.label_pub IS NULL AND w.label_raw <> ''", example: 'w.label_raw' }],
    },
    sharedWarning(
      'valeur_aberrante',
      present.has('ef') ? [aberrant('ef', 'ef_kwh_m2', present)] : [],
    ),
    ...positionWarnings(e),
    sharedWarningWhen('type_logement_non_reconnu', 'w.housing_unknown', e('housing')),
    sharedWarningWhen('annee_invalide', 'w.year_invalid', e('year')),
    sharedWarningWhen('periode_non_reconnue', 'w.period_unknown', e('period')),
    sharedWarningWhen('energie_non_reconnue', 'w.energy_unknown', e('energy')),
  ];
}

/** The engine's answer to `flaggedLabelsSql` as typed columns. */
function flaggedLabelRows(columns: EngineColumns): FlaggedLabelRows {
  return {
    label: textColumn(columns, 'label'),
    ep: numberColumn(columns, 'ep'),
    ghg: numberColumn(columns, 'ghg'),
    surface: numberColumn(columns, 'surface'),
    small: numberColumn(columns, 'small'),
    high: numberColumn(columns, 'high'),
  };
}

/** Maps the parsed table of an observation file; see the module documentation. */
export async function mapObservations(
  input: MapInput,
  present: ReadonlySet<ObservationField>,
  names: ObservationNames,
): Promise<MapOutput> {
  const { engine, prefix } = input;
  const parsed = input.parsed[0];
  if (parsed === undefined) throw new Error('mapObservations: no parsed table');
  const t: ObservationTables = { staging: parsed.table, prefix };
  await createDictionaries(
    engine,
    prefix,
    parsed.table,
    observationDictionaries(dictionaryKeys(present), names.columns.insee ?? null),
  );
  await createOverseasProjections(engine, prefix, overseasPointsSql(t, present));
  input.checkCancelled();
  const located = await locatePoints(
    engine,
    `${prefix}d_points`,
    pointsToLocateSql(t, present),
    input.locator,
  );
  input.checkCancelled();
  const weighted = present.has('weight');
  await engine.query(`CREATE OR REPLACE TABLE ${prefix}bounds AS ${dpeBoundsValuesSql()}`);
  await engine.query(repeatedNumbersSql(t, present));
  const labelColumns = {
    bounds: `${prefix}bounds`,
    published: 'label_pub',
    small: 'small_bounds',
    highAltitude: 'high_altitude',
    tolerance: ROUNDING_TOLERANCE,
  };
  await engine.query(
    observationRowsSql(t, present, {
      weighted,
      located,
      labelChecks: (from) =>
        quickLabelChecksSql({ ...labelColumns, from, ep: 'ep', ghg: 'ghg', surface: 'surface' }),
    }),
  );
  await engine.query(duplicateReasonsSql(t));
  await engine.query(observationRowsViewSql(t, sqlString(input.dataset)));
  const accepted = `(SELECT * FROM ${prefix}rows WHERE reason IS NULL)`;
  input.checkCancelled();
  await collectWarnings(
    engine,
    `(SELECT * FROM ${prefix}rows WHERE commune_read)`,
    parsed.table,
    communeStageWarnings(present),
    input.report,
  );
  await collectWarnings(engine, accepted, parsed.table, acceptedWarnings(present), input.report);
  const flagged = await engine.columns(
    flaggedLabelsSql(accepted, {
      ...labelColumns,
      ep: 'ep_kwh_m2',
      ghg: 'ghg_kg_m2',
      surface: 'surface_m2',
    }),
  );
  input.report.countInconsistentLabel(countInconsistentLabels(flaggedLabelRows(flagged)));
  return {
    accepted,
    rejected: `(SELECT ordinal, file_index, reason FROM ${prefix}rows WHERE reason IS NOT NULL)`,
  };
}
