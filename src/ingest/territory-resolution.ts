/**
 * EPCI of accepted rows from the territory reference (COG), and codes of communes merged since
 * then attached to their commune nouvelle (COG history), as the command line has always done. The
 * browser does the same at insertion, from the COG of its stock database.
 */
import { departementOfCommune } from '../domain/codes.ts';
import { STOCK_COLUMN_KINDS } from '../domain/stock-schema.ts';
import { regionOfDepartement } from './departement-region.ts';
import { createSmallTable } from './engine-tables.ts';
import type { ImportEngine } from './import-engine.ts';
import type { ImportReportBuilder } from './import-report.ts';
import { collectWarnings } from './warnings-sql.ts';

/** Columns of the accepted rows that the resolved table keeps. */
const KEPT_COLUMNS = ['file_index', 'ordinal', ...STOCK_COLUMN_KINDS.map(([name]) => name)];

/** Commune → EPCI and merged communes of a territory reference. */
export interface TerritoryLookup {
  epciOf: ReadonlyMap<string, string>;
  /** Commune nouvelle of a code merged into it. */
  successorOf: ReadonlyMap<string, string>;
  /** Names the reference in warnings, e.g. 'COG 2023'. */
  reference: string;
}

/** The rows of `accepted` with their `code_epci` filled: answers the view that gives them. */
export async function resolveTerritory(
  engine: ImportEngine,
  prefix: string,
  accepted: string,
  territory: TerritoryLookup,
  report: ImportReportBuilder,
): Promise<string> {
  report.trackEpci();
  await createSmallTable(
    engine,
    `${prefix}t_epci`,
    [
      ['code', 'VARCHAR'],
      ['epci', 'VARCHAR'],
    ],
    territory.epciOf,
  );
  await createSmallTable(
    engine,
    `${prefix}t_successor`,
    [
      ['code', 'VARCHAR'],
      ['successor', 'VARCHAR'],
      ['dep', 'VARCHAR'],
      ['reg', 'VARCHAR'],
    ],
    [...territory.successorOf].map(([code, successor]) => {
      const dep = departementOfCommune(successor);
      return [code, successor, dep, dep === null ? null : regionOfDepartement(dep)];
    }),
  );
  const resolved = `${prefix}resolved`;
  // Plain equi-joins, the conditions applied after: a join condition on the previous join's
  // columns (`e.code IS NULL`) made native DuckDB fall back to a nested loop (45 s for 1 M rows).
  // Only the stock columns go on. A view, not a table: a copy of every accepted row cost more than
  // the joins with these small tables at each read (20 M rows: 15.6 s, spilled to disk at 1 GB).
  await engine.query(`CREATE VIEW ${resolved} AS
WITH joined AS (
  SELECT ${KEPT_COLUMNS.map((c) => `a.${c}`).join(', ')}, e.epci AS t_epci, e2.epci AS t_successor_epci, su.dep AS t_dep, su.reg AS t_reg,
    CASE WHEN a.code_epci IS NULL AND e.code IS NULL THEN su.successor END AS t_successor
  FROM ${accepted} AS a
  LEFT JOIN ${prefix}t_epci AS e ON e.code = a.code_commune
  LEFT JOIN ${prefix}t_successor AS su ON su.code = a.code_commune
  LEFT JOIN ${prefix}t_epci AS e2 ON e2.code = su.successor
)
SELECT * EXCLUDE (code_commune, code_epci, code_departement, code_region, t_epci,
    t_successor_epci, t_dep, t_reg, t_successor),
  coalesce(t_successor, code_commune) AS code_commune,
  coalesce(code_epci, t_epci, CASE WHEN t_successor IS NOT NULL THEN t_successor_epci END) AS code_epci,
  CASE WHEN t_successor IS NOT NULL AND t_dep <> code_departement THEN t_dep ELSE code_departement END AS code_departement,
  CASE WHEN t_successor IS NOT NULL AND t_dep <> code_departement THEN coalesce(t_reg, code_region) ELSE code_region END AS code_region,
  code_commune AS code_commune_read, t_successor IS NOT NULL AS merged
FROM joined`);
  await collectWarnings(
    engine,
    resolved,
    null,
    [
      {
        code: 'commune_fusionnee',
        message: `Communes fusionnées (historique du ${territory.reference}) : lignes rattachées à la commune nouvelle.`,
        occurrences: [
          { when: 'w.merged', example: "w.code_commune_read || ' → ' || w.code_commune" },
        ],
      },
      {
        code: 'commune_hors_referentiel',
        message: `Communes absentes du ${territory.reference} : lignes gardées, mais sans EPCI (absentes de by_epci).`,
        occurrences: [{ when: 'w.code_epci IS NULL', example: 'w.code_commune' }],
      },
    ],
    report,
  );
  return resolved;
}
