/**
 * Warnings of the BDNB import, as the former mapper counted them: values of the side tables read
 * once per usable row (or per main row that used its own side columns), then the accepted rows'.
 */
import { BDNB_SIDES, type BdnbSide } from '../../sql/import/bdnb-sql.ts';
import { trimmedSql } from '../../sql/import/decimal-sql.ts';
import type { ImportEngine } from '../import-engine.ts';
import type { ImportReportBuilder } from '../import-report.ts';
import { collectWarnings, type WarningSpec } from '../warnings-sql.ts';

const t = (column: string) => trimmedSql(`w.${column}`);
const YEAR = 'Années de construction illisibles ignorées.';
const HOUSING =
  'Types de bâtiment non reconnus (ni maison, ni appartement, ni immeuble) : laissés vides.';
const LABEL = 'Étiquettes DPE invalides ignorées.';

const SIDE_SPECS: Readonly<Record<BdnbSide, readonly WarningSpec[]>> = {
  ffo: [
    {
      code: 'annee_invalide',
      message: YEAR,
      occurrences: [{ when: 'w.p_year_invalid', example: t('year') }],
    },
    {
      code: 'type_logement_non_reconnu',
      message: HOUSING,
      occurrences: [{ when: 'w.p_housing_unknown', example: t('usage') }],
    },
  ],
  dpe: [
    {
      code: 'etiquette_invalide',
      message: LABEL,
      occurrences: [{ when: 'w.p_label_invalid', example: 'w.p_published' }],
    },
    {
      code: 'valeur_non_numerique',
      message: 'Valeurs non numériques lues comme absentes.',
      occurrences: (
        [
          ['surface', 'surface_habitable_logement'],
          ['ep', 'conso_5_usages_ep_m2'],
          ['ef', 'conso_5_usages_ef_m2'],
          ['ghg', 'emission_ges_5_usages_m2'],
        ] as const
      ).map(([field, column]) => ({
        when: `isnan(w.p_${field})`,
        example: `'${column} : « ' || ${t(field)} || ' »'`,
      })),
    },
    {
      code: 'type_logement_non_reconnu',
      message: HOUSING,
      occurrences: [{ when: 'w.p_housing_unknown', example: t('building_type') }],
    },
    {
      code: 'annee_invalide',
      message: YEAR,
      occurrences: [{ when: 'w.p_year_invalid', example: t('year_dpe') }],
    },
    {
      code: 'periode_non_reconnue',
      message:
        'Périodes de construction non reconnues ou à cheval sur deux périodes canoniques : laissées vides.',
      occurrences: [{ when: 'w.p_period_unknown', example: t('period') }],
    },
    {
      code: 'energie_non_reconnue',
      message: 'Énergies de chauffage non reconnues, classées « autre ».',
      occurrences: [{ when: 'w.p_energy_unknown', example: t('energy') }],
    },
  ],
  simulations: [
    {
      code: 'etiquette_invalide',
      message: LABEL,
      occurrences: [{ when: 'w.p_label_invalid', example: 'w.p_published' }],
    },
    {
      code: 'fiabilite_invalide',
      message: 'Fiabilités de prédiction hors de 1 à 5 ignorées.',
      occurrences: [
        {
          when: 'w.p_reliability IS NOT NULL AND NOT coalesce(w.p_reliability BETWEEN 1 AND 5 AND w.p_reliability = floor(w.p_reliability), false)',
          example: 'w.p_reliability_t',
        },
      ],
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
