/**
 * EPCI of accepted rows from the territory reference (COG), and codes of communes merged since
 * then attached to their commune nouvelle (COG history), as the command line has always done. The
 * browser does the same at insertion, from the COG of its stock database.
 */
import { departementOfCommune } from '../domain/codes.ts';
import { regionOfDepartement } from './departement-region.ts';
import { createSmallTable } from './engine-tables.ts';
import type { ImportEngine } from './import-engine.ts';
import type { ImportReportBuilder } from './import-report.ts';
import { collectWarnings } from './warnings-sql.ts';

/** Commune → EPCI and merged communes of a territory reference. */
export interface TerritoryLookup {
  epciOf: ReadonlyMap<string, string>;
  /** Commune nouvelle of a code merged into it. */
  successorOf: ReadonlyMap<string, string>;
  /** Names the reference in warnings, e.g. 'COG 2023'. */
  reference: string;
}

/** The rows of `accepted` with their `code_epci` filled: answers the table that holds them. */
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
  await engine.query(`CREATE TABLE ${resolved} AS
SELECT a.* EXCLUDE (code_commune, code_epci, code_departement, code_region),
  coalesce(su.successor, a.code_commune) AS code_commune,
  coalesce(a.code_epci, e.epci, e2.epci) AS code_epci,
  CASE WHEN su.successor IS NOT NULL AND su.dep <> a.code_departement THEN su.dep ELSE a.code_departement END AS code_departement,
  CASE WHEN su.successor IS NOT NULL AND su.dep <> a.code_departement THEN coalesce(su.reg, a.code_region) ELSE a.code_region END AS code_region,
  a.code_commune AS code_commune_read, su.successor IS NOT NULL AS merged
FROM ${accepted} AS a
LEFT JOIN ${prefix}t_epci AS e ON a.code_epci IS NULL AND e.code = a.code_commune
LEFT JOIN ${prefix}t_successor AS su ON a.code_epci IS NULL AND e.code IS NULL AND su.code = a.code_commune
LEFT JOIN ${prefix}t_epci AS e2 ON e2.code = su.successor`);
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
