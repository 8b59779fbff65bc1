/**
 * Warnings of the BDNB import, as the former mapper counted them: values of the side tables read
 * once per usable row (or per main row that used its own side columns), then the accepted rows'.
 */
import { BDNB_SIDES, type BdnbSide } from '../../sql/import/bdnb-sql.ts';
import { trimmedSql } from '../../sql/import/decimal-sql.ts';
import type { ImportEngine } from '../import-engine.ts';
import type { ImportReportBuilder } from '../import-report.ts';
import {
  collectWarnings,
  sharedWarning,
  sharedWarningWhen,
  type WarningSpec,
} from '../warnings-sql.ts';

const t = (column: string) => trimmedSql(`w.${column}`);

/** Side columns read as numbers, and their BDNB column in examples. */
const DPE_NUMBERS = [
  ['surface', 'surface_habitable_logement'],
  ['ep', 'conso_5_usages_ep_m2'],
  ['ef', 'conso_5_usages_ef_m2'],
  ['ghg', 'emission_ges_5_usages_m2'],
] as const;

const RELIABILITY_INVALID =
  'w.p_reliability IS NOT NULL AND NOT coalesce(w.p_reliability BETWEEN 1 AND 5 AND w.p_reliability = floor(w.p_reliability), false)';

const SIDE_SPECS: Readonly<Record<BdnbSide, readonly WarningSpec[]>> = {
  ffo: [
    sharedWarningWhen('annee_invalide', 'w.p_year_invalid', t('year')),
    sharedWarningWhen('type_logement_non_reconnu', 'w.p_housing_unknown', t('usage')),
  ],
  dpe: [
    sharedWarningWhen('etiquette_invalide', 'w.p_label_invalid', 'w.p_published'),
    sharedWarning(
      'valeur_non_numerique',
      DPE_NUMBERS.map(([field, column]) => ({
        when: `isnan(w.p_${field})`,
        example: `'${column} : « ' || ${t(field)} || ' »'`,
      })),
    ),
    sharedWarningWhen('type_logement_non_reconnu', 'w.p_housing_unknown', t('building_type')),
    sharedWarningWhen('annee_invalide', 'w.p_year_invalid', t('year_dpe')),
    sharedWarningWhen('periode_non_reconnue', 'w.p_period_unknown', t('period')),
    sharedWarningWhen('energie_non_reconnue', 'w.p_energy_unknown', t('energy')),
  ],
  simulations: [
    sharedWarningWhen('etiquette_invalide', 'w.p_label_invalid', 'w.p_published'),
    {
      code: 'fiabilite_invalide',
      message: 'Fiabilités de prédiction hors de 1 à 5 ignorées.',
      occurrences: [{ when: RELIABILITY_INVALID, example: 'w.p_reliability_t' }],
    },
  ],
};

/** Warnings of the side values, from the side tables and the main rows' own side columns. */
export async function sideParseWarnings(
  engine: ImportEngine,
  prefix: string,
  sides: ReadonlySet<BdnbSide>,
  own: ReadonlySet<BdnbSide>,
  report: ImportReportBuilder,
): Promise<void> {
  for (const side of BDNB_SIDES) {
    const parts: string[] = [];
    if (sides.has(side)) parts.push(`SELECT * EXCLUDE (problem) FROM ${prefix}e_${side}`);
    if (own.has(side)) {
      const reached = side === 'ffo' ? 'm.reached_building' : 'm.reason IS NULL';
      parts.push(
        `SELECT o.* FROM ${prefix}o_${side} AS o JOIN ${prefix}bm AS m ON m.ordinal = o.ordinal WHERE ${reached} AND m.${side === 'simulations' ? 'simulation' : side}_own`,
      );
    }
    if (parts.length === 0) continue;
    await collectWarnings(
      engine,
      `(${parts.join(' UNION ALL BY NAME ')})`,
      null,
      SIDE_SPECS[side],
      report,
    );
  }
}

/** Warnings of the accepted rows. */
export function bdnbWarnings(): WarningSpec[] {
  return [
    {
      code: 'etiquette_calculee',
      message:
        'Étiquettes du DPE représentatif absentes, calculées à partir de l’énergie primaire et des GES.',
      occurrences: [{ when: 'w.label_computed' }],
    },
    {
      code: 'code_epci_invalide',
      message: 'Codes EPCI invalides ignorés (EPCI déduit de la commune).',
      occurrences: [{ when: 'w.epci_invalid', example: 'w.epci_t' }],
    },
    {
      code: 'position_illisible',
      message: 'Positions geom_groupe_pos_wgs84 illisibles ignorées.',
      occurrences: [{ when: "w.point_t <> '' AND w.lon IS NULL", example: 'left(w.point_t, 60)' }],
    },
  ];
}
