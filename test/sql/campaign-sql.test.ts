import { describe, expect, it } from 'vitest';
import {
  campaignCommuneReferenceSql,
  campaignEpciReferenceSql,
} from '../../src/sql/campaign-reference-sql.ts';
import { fgDwellingsByCommuneSql } from '../../src/sql/programme-fg-dwellings-sql.ts';

// Run on native DuckDB and DuckDB-WASM by test/scripts/campaign-cli.test.ts.
describe('campaign SQL', () => {
  it('reads F/G dwellings per commune of the datasets asked for, quoted', () => {
    expect(fgDwellingsByCommuneSql(['demo', "l'autre"])).toBe(`SELECT
  dataset,
  code_commune,
  sum(weight)::DOUBLE AS fg_dwellings
FROM memory.main.all_stock
WHERE dataset IN ('demo', 'l''autre') AND code_commune IS NOT NULL AND dpe_label IN ('F', 'G')
GROUP BY dataset, code_commune
ORDER BY dataset, code_commune`);
    expect(fgDwellingsByCommuneSql([])).toContain('WHERE dataset IN (NULL)');
  });

  it('reads the reference with legal forms and populations', () => {
    expect(campaignCommuneReferenceSql()).toBe(
      'SELECT code_commune, nom_commune, code_epci, type_epci, code_region, population::DOUBLE AS population\nFROM stock.main.territory_commune\nORDER BY code_commune',
    );
    expect(campaignEpciReferenceSql()).toBe(
      'SELECT code_epci, nom_epci, type_epci, code_region, population::DOUBLE AS population\nFROM stock.main.territory_epci\nORDER BY code_epci',
    );
  });
});
