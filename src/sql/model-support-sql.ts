import { type IndicatorScope, LEVEL_CODE_COLUMNS } from './indicators-sql.ts';
import { sqlString } from './sql-string.ts';
import { MODEL_SUPPORT_TABLE, TERRITORY_COMMUNE_TABLE } from './tables.ts';

/** One row of {@link modelSupportSql} (DOUBLEs). */
export interface ModelSupportRow {
  /** Communes of the scope listed for the dataset. */
  communes: number;
  /** Of which communes whose construction periods come from the census (commune or EPCI). */
  census_communes: number;
}

/**
 * What a modelled dataset's figures for a scope rest on: its communes, and how many of them have
 * census construction periods (the others take their département's, an assumption).
 */
export function modelSupportSql({
  dataset,
  scope,
}: {
  dataset: string;
  scope: IndicatorScope;
}): string {
  const clause =
    scope === 'france'
      ? ''
      : `\n  AND t.${LEVEL_CODE_COLUMNS[scope.level]} = ${sqlString(scope.code)}`;
  return `SELECT
  count(*)::DOUBLE AS communes,
  count(*) FILTER (WHERE m.period_source IN ('commune', 'epci'))::DOUBLE AS census_communes
FROM ${MODEL_SUPPORT_TABLE} m
JOIN ${TERRITORY_COMMUNE_TABLE} t ON t.code_commune = m.code_commune
WHERE m.dataset = ${sqlString(dataset)}${clause}`;
}
