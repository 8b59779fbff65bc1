/**
 * BDNB (Base de données nationale des bâtiments, CSTB) CSV exports: one canonical row per building
 * group of `batiment_groupe`, weight = its dwellings (`nb_log` of `batiment_groupe_ffo_bat`), label
 * of its representative DPE (`batiment_groupe_dpe_representatif_logement`, observed) or else the
 * predicted one (`batiment_groupe_simulations_dpe`).
 *
 * This module orchestrates; the parts are: the table specs (`bdnb-tables.ts`), the cell readers
 * (`bdnb-readers.ts`), the side entries and the pure join in SQL (`src/sql/import/bdnb-sql.ts`,
 * `bdnb-join-sql.ts`), the warnings (`bdnb-warnings.ts`) and the sources (`bdnb-sources.ts`).
 */

import { bdnbAcceptedSql, bdnbMainSql, bdnbRejectedSql } from '../../sql/import/bdnb-join-sql.ts';
import {
  BDNB_FIELDS,
  BDNB_SIDES,
  type BdnbSide,
  bdnbRowsSql,
  SIDE_FIELDS,
  sideEntriesSql,
  sideRowsSql,
} from '../../sql/import/bdnb-sql.ts';
import { dpeBoundsValuesSql } from '../../sql/import/dpe-label-sql.ts';
import { sqlString } from '../../sql/sql-string.ts';
import { ROUNDING_TOLERANCE } from '../label-consistency.ts';
import { collectWarnings } from '../warnings-sql.ts';
import { createBdnbDictionaries } from './bdnb-readers.ts';
import { reportBdnbSources } from './bdnb-sources.ts';
import {
  checkBdnbFiles,
  detectBdnbTable,
  planBdnbFile,
  presentBdnbFields,
  SIDE_MARKER,
} from './bdnb-tables.ts';
import { bdnbWarnings, sideParseWarnings } from './bdnb-warnings.ts';
import type { MapInput, MapOutput, ParsedTable, TabularFormat } from './format.ts';

export { BDNB_TABLES, type BdnbTable, detectBdnbTable } from './bdnb-tables.ts';

/** The BDNB format. */
export const BDNB_FORMAT: TabularFormat = {
  id: 'bdnb',
  label: 'BDNB',
  choice: {
    label: 'BDNB (plusieurs fichiers)',
    hint: 'batiment_groupe, batiment_groupe_ffo_bat, batiment_groupe_dpe_representatif_logement et, s’il y a lieu, batiment_groupe_simulations_dpe.',
  },
  multiFile: true,
  score: (names) => (detectBdnbTable(names) === null ? 0 : 100),
  plan: (names, _report, file) => planBdnbFile(names, file),
  checkFiles: checkBdnbFiles,
  map: mapBdnb,
  datasetKind: () => 'buildings',
};

/** Which sources feed the main rows: side tables read, sides the main table carries itself. */
interface Sources {
  sides: Set<BdnbSide>;
  own: Set<BdnbSide>;
}

/**
 * Parses the side tables (`r_<side>` rows with their problem, `e_<side>` entries) and the main
 * table's own side columns (`o_<side>`).
 */
async function createSideEntries(input: MapInput, main: ParsedTable): Promise<Sources> {
  const { engine, prefix } = input;
  const sources: Sources = { sides: new Set(), own: new Set() };
  const mainPresent = presentBdnbFields(main.names);
  for (const side of BDNB_SIDES) {
    const fields = ['id' as const, ...SIDE_FIELDS[side]];
    const parsed = input.parsed.find((p) => p.role === side);
    if (parsed !== undefined) {
      sources.sides.add(side);
      const rows = bdnbRowsSql(parsed.table, presentBdnbFields(parsed.names), fields);
      await engine.query(sideRowsSql(`${prefix}r_${side}`, rows));
      const usable = `(SELECT * FROM ${prefix}r_${side} WHERE problem IS NULL)`;
      await engine.query(
        `CREATE TABLE ${prefix}e_${side} AS SELECT * FROM ${sideEntriesSql(side, usable, prefix)}`,
      );
    }
    if (mainPresent.has(SIDE_MARKER[side])) {
      sources.own.add(side);
      const rows = bdnbRowsSql(main.table, mainPresent, fields);
      await engine.query(
        `CREATE TABLE ${prefix}o_${side} AS SELECT * FROM ${sideEntriesSql(side, rows, prefix)}`,
      );
    }
  }
  return sources;
}

/** Counts the accepted rows' inconsistent labels and predicted labels per reliability class. */
async function reportLabels(input: MapInput): Promise<void> {
  const { engine, prefix, report } = input;
  const [row] = await engine.query(
    `SELECT count(*) FILTER (WHERE label_consistent = false) AS n FROM ${prefix}accepted`,
  );
  report.countInconsistentLabel(Number(row?.n ?? 0));
  const byReliability = await engine.query(`SELECT coalesce(reliability::VARCHAR, 'inconnue') AS k,
    sum(weight)::DOUBLE AS w FROM ${prefix}accepted WHERE label_source = 'predicted' GROUP BY ALL ORDER BY k`);
  report.setPredictedByReliability(
    Object.fromEntries(byReliability.map((r) => [String(r.k), Number(r.w)])),
  );
}

/** Dictionaries, side entries, the join, then warnings and sources; see the module documentation. */
async function mapBdnb(input: MapInput): Promise<MapOutput> {
  const { engine, prefix, report } = input;
  await createBdnbDictionaries(engine, prefix, input.parsed);
  const main = input.parsed.find((p) => p.role === 'main');
  if (main === undefined) throw new Error('BDNB: no main table');
  const sources = await createSideEntries(input, main);
  input.checkCancelled();
  const mainRows = bdnbRowsSql(main.table, presentBdnbFields(main.names), BDNB_FIELDS);
  await engine.query(bdnbMainSql(prefix, mainRows, sources));
  await engine.query(`CREATE OR REPLACE TABLE ${prefix}bounds AS ${dpeBoundsValuesSql()}`);
  const dataset = sqlString(input.dataset);
  const { fileIndex } = main;
  await engine.query(
    bdnbAcceptedSql(prefix, { fileIndex, dataset, tolerance: ROUNDING_TOLERANCE }),
  );
  await engine.query(bdnbRejectedSql(prefix, fileIndex));
  input.checkCancelled();
  await sideParseWarnings(engine, prefix, sources.sides, sources.own, report);
  await collectWarnings(engine, `${prefix}accepted`, null, bdnbWarnings(), report);
  await reportLabels(input);
  await reportBdnbSources(input, sources.sides, main);
  return { accepted: `${prefix}accepted`, rejected: `${prefix}rejected` };
}
