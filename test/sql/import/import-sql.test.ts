/**
 * The SQL of the import against the JavaScript rules it mirrors: numbers (`parseDecimal`),
 * Lambert-93 (proj4) and the DPE classification and label consistency (`src/domain/dpe.ts`,
 * `label-consistency.ts`), run on native DuckDB.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyDpe } from '../../../src/domain/dpe.ts';
import { DPE_LABELS } from '../../../src/domain/stock-schema.ts';
import { isLabelConsistent, ROUNDING_TOLERANCE } from '../../../src/ingest/label-consistency.ts';
import { parseDecimal } from '../../../src/ingest/parse-number.ts';
import { lambert93ToWgs84 } from '../../../src/ingest/to-wgs84.ts';
import { decimalSql, parsedNumberSql } from '../../../src/sql/import/decimal-sql.ts';
import { dpeBoundsValuesSql, labelChecksSql } from '../../../src/sql/import/dpe-label-sql.ts';
import {
  LAMBERT93_LAT_SQL,
  LAMBERT93_LON_SQL,
  lambert93AnglesSql,
} from '../../../src/sql/import/lambert93-sql.ts';
import { numberColumnsSql } from '../../../src/sql/import/read-csv-sql.ts';
import { sqlString } from '../../../src/sql/sql-string.ts';

const connection = await (await DuckDBInstance.create(':memory:')).connect();
const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJS();

describe('decimalSql', () => {
  it('reads every cell as parseDecimal does, as text or read with the row: value, NULL for empty, NaN for text', async () => {
    const cell = fc.oneof(
      fc.constantFrom(
        '69',
        '69,0',
        '1 234,5',
        '1\u00a0234,5',
        '1.234,5',
        '1e400',
        '1_000',
        'inf',
        ' -3 ',
        '',
        '.5',
        ',5',
        '0x1A',
        '12 345 678,9',
        'abc',
        '1,5e3',
        '+7',
        '+-1',
        '7.',
      ),
      fc.string({
        unit: fc.constantFrom('1', '0', '.', ',', ' ', '-', 'e', '+', '_', 'x', '\u00a0', '\t'),
        maxLength: 8,
      }),
      fc.double({ noNaN: true }).map(String),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { minLength: 1, maxLength: 30 }), async (cells) => {
        const values = cells.map((c) => `(${sqlString(c)})`).join(', ');
        // As a text column, and as a number column of the parsed table read back.
        const result = await rows(`SELECT ${decimalSql('v')} AS n, ${parsedNumberSql('x')} AS p
          FROM (SELECT v, ${numberColumnsSql('v', 'x')} FROM (VALUES ${values}) t(v))`);
        cells.forEach((c, k) => {
          const expected = parseDecimal(c);
          for (const got of [result[k]?.n, result[k]?.p] as (number | null)[]) {
            if (expected === null) expect(got, c).toBeNull();
            else if (Number.isNaN(expected)) expect(Number.isNaN(got), c).toBe(true);
            else expect(got, c).toBe(expected);
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe('Lambert-93 in SQL', () => {
  it('places points as proj4 does, within 1e-9 degree, across metropolitan France', async () => {
    const points = fc.tuple(
      fc.double({ min: 60_000, max: 1_250_000, noNaN: true }),
      fc.double({ min: 6_030_000, max: 7_120_000, noNaN: true }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(points, { minLength: 1, maxLength: 50 }), async (xy) => {
        const values = xy.map(([x, y]) => `(${x}::DOUBLE, ${y}::DOUBLE)`).join(', ');
        const result = await rows(`SELECT ${LAMBERT93_LON_SQL} AS lon, ${LAMBERT93_LAT_SQL} AS lat
          FROM (SELECT ${lambert93AnglesSql('x', 'y', 'true')} FROM (VALUES ${values}) t(x, y))`);
        xy.forEach(([x, y], k) => {
          const [lon, lat] = lambert93ToWgs84(x, y);
          expect(Math.abs((result[k]?.lon as number) - lon)).toBeLessThan(1e-9);
          expect(Math.abs((result[k]?.lat as number) - lat)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 20 },
    );
  });
});

describe('labelChecksSql', () => {
  it('computes labels as classifyDpe and checks them as isLabelConsistent', async () => {
    await connection.run(`CREATE OR REPLACE TABLE bounds AS ${dpeBoundsValuesSql()}`);
    const input = fc.record({
      ep: fc.oneof(
        fc.double({ min: 0, max: 700, noNaN: true }),
        fc.constantFrom(70, 110.04, 250, 330.03, 420),
      ),
      ghg: fc.oneof(
        fc.double({ min: 0, max: 140, noNaN: true }),
        fc.constantFrom(6, 11, 11.04, 50, 100),
      ),
      surface: fc.option(
        fc.oneof(
          fc.double({ min: 1, max: 60, noNaN: true }),
          fc.constantFrom(7.5, 8, 39.4, 39.5, 40),
        ),
        { nil: null },
      ),
      small: fc.constantFrom(true, false, null),
      altitude: fc.constantFrom(true, false, null),
      label: fc.constantFrom(...DPE_LABELS),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 40 }), async (cases) => {
        const sqlBool = (v: boolean | null) => (v === null ? 'NULL::BOOLEAN' : String(v));
        const values = cases
          .map(
            (c, k) =>
              `(${k}, ${c.ep}::DOUBLE, ${c.ghg}::DOUBLE, ${c.surface === null ? 'NULL::DOUBLE' : `${c.surface}::DOUBLE`}, ${sqlBool(c.small)}, ${sqlBool(c.altitude)}, '${c.label}')`,
          )
          .join(', ');
        const sql = labelChecksSql({
          from: `(SELECT * FROM (VALUES ${values}) t(k, ep, ghg, surface, small, altitude, label))`,
          bounds: 'bounds',
          published: 'label',
          ep: 'ep',
          ghg: 'ghg',
          surface: 'surface',
          small: 'small',
          highAltitude: 'altitude',
          tolerance: ROUNDING_TOLERANCE,
        });
        const result = await rows(`${sql} ORDER BY k`);
        cases.forEach((c, k) => {
          const computed = classifyDpe({
            epKwhM2: c.ep,
            ghgKgM2: c.ghg,
            surfaceM2: c.small === false ? null : c.surface,
            highAltitude: c.altitude === true,
          });
          expect(result[k]?.computed_label).toBe(computed);
          const consistent = isLabelConsistent(c.label, {
            epKwhM2: c.ep,
            ghgKgM2: c.ghg,
            surfaceM2: c.surface,
            highAltitude: c.altitude,
            smallDwellingBounds: c.small,
          });
          expect(result[k]?.label_consistent, JSON.stringify(c)).toBe(consistent);
        });
      }),
      { numRuns: 25 },
    );
  });
});
