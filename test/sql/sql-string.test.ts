import { describe, expect, it } from 'vitest';
import { sqlString } from '../../src/sql/sql-string.ts';
import { openStockFixture } from './stock-fixture.ts';

describe('sqlString', () => {
  it('quotes and doubles single quotes', () => {
    expect(sqlString('abc')).toBe("'abc'");
    expect(sqlString("l'autre")).toBe("'l''autre'");
    expect(sqlString('')).toBe("''");
  });

  it('rejects NUL characters', () => {
    expect(() => sqlString('a\u0000b')).toThrow();
  });

  it('round-trips hostile strings through DuckDB unchanged', async () => {
    const connection = await openStockFixture();
    for (const value of ["x' OR '1'='1", "'; DROP TABLE stock.main.stock; --", 'é\\n\'"']) {
      const reader = await connection.runAndReadAll(`SELECT ${sqlString(value)} AS v`);
      expect(reader.getRowObjectsJS()[0]?.v).toBe(value);
    }
    const count = await connection.runAndReadAll(
      'SELECT count(*)::INTEGER AS n FROM stock.main.stock',
    );
    expect(count.getRowObjectsJS()[0]?.n).toBe(10);
  });
});
