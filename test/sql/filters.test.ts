import { describe, expect, it } from 'vitest';
import { surfaceBandOf } from '../../src/domain/surface-bands.ts';
import {
  describeFilters,
  FILTER_DIMENSIONS,
  FILTER_KEYS,
  filterClauseList,
  filterClauses,
  hasActiveFilters,
  isFilterKey,
  type StockFilters,
  selectedValues,
} from '../../src/sql/filters.ts';
import { STOCK_TABLE } from '../../src/sql/tables.ts';
import { openAnalysisFixture, queryRows } from './analysis-stock-fixture.ts';

const ALL: StockFilters = {
  dataset: 'd1',
  housingTypes: ['maison'],
  periods: ['1948_1974', 'avant_1948'],
  energies: ['fioul', 'gaz'],
  tenures: ['proprietaire_occupant'],
  surfaceBands: ['40_60'],
  labels: ['G', 'F', 'G'],
};

describe('filterClauses', () => {
  it('filters the dataset only when no dimension is selected', () => {
    expect(filterClauses({ dataset: "l'autre" })).toBe("dataset = 'l''autre'");
    expect(filterClauses({ dataset: 'd1', labels: [], periods: undefined })).toBe("dataset = 'd1'");
  });

  it('writes one clause per dimension, values deduplicated in the dimension order', () => {
    expect(filterClauses(ALL)).toBe(
      "dataset = 'd1' AND housing_type IN ('maison') AND construction_period IN ('avant_1948', '1948_1974')" +
        " AND heating_energy IN ('gaz', 'fioul') AND tenure IN ('proprietaire_occupant')" +
        " AND surface_m2 >= 40 AND surface_m2 < 60 AND dpe_label IN ('F', 'G')",
    );
  });

  it("leaves out the excluded dimension's own clause (cross-filtering)", () => {
    expect(filterClauseList(ALL, { exclude: 'labels' })).toEqual([
      "dataset = 'd1'",
      "housing_type IN ('maison')",
      "construction_period IN ('avant_1948', '1948_1974')",
      "heating_energy IN ('gaz', 'fioul')",
      "tenure IN ('proprietaire_occupant')",
      'surface_m2 >= 40 AND surface_m2 < 60',
    ]);
    expect(filterClauses({ dataset: 'd1', periods: ['apres_2012'] }, { exclude: 'periods' })).toBe(
      "dataset = 'd1'",
    );
  });

  it('merges adjacent surface bands into ranges', () => {
    const surface = (bands: StockFilters['surfaceBands']) =>
      filterClauseList({ dataset: 'd', surfaceBands: bands })[1];
    expect(surface(['40_60', '30_40'])).toBe('surface_m2 >= 30 AND surface_m2 < 60');
    expect(surface(['moins_30', '150_plus'])).toBe(
      '((surface_m2 > 0 AND surface_m2 < 30) OR (surface_m2 >= 150))',
    );
    expect(surface(['moins_30', '30_40', '60_80'])).toBe(
      '((surface_m2 > 0 AND surface_m2 < 40) OR (surface_m2 >= 60 AND surface_m2 < 80))',
    );
    expect(surface(FILTER_DIMENSIONS.surfaceBands.values)).toBe('surface_m2 > 0');
  });

  it('refuses a value outside the enumerations rather than interpolating it', () => {
    const hostile = { dataset: 'd1', labels: ["F') OR 1=1 --"] } as unknown as StockFilters;
    expect(() => filterClauses(hostile)).toThrow(RangeError);
    const unknownPeriod = { dataset: 'd1', periods: ['1900_1910'] } as unknown as StockFilters;
    expect(() => filterClauses(unknownPeriod)).toThrow(/1900_1910/);
  });

  it('selects the expected rows on DuckDB', async () => {
    const connection = await openAnalysisFixture();
    const dwellings = async (filters: StockFilters) => {
      const rows = await queryRows(
        connection,
        `SELECT sum(weight)::DOUBLE AS w FROM ${STOCK_TABLE} WHERE ${filterClauses(filters)}`,
      );
      return rows[0]?.w;
    };
    // d1 holds 233 dwellings; d2 (1000) never leaks in.
    expect(await dwellings({ dataset: 'd1' })).toBe(233);
    // F or G and before 1948: rows #1, #9, #12, #13.
    expect(await dwellings({ dataset: 'd1', labels: ['F', 'G'], periods: ['avant_1948'] })).toBe(
      53,
    );
    // 30–60 m²: rows #3 (35 m²) and #4 (50 m²), #10 (45 m²).
    expect(await dwellings({ dataset: 'd1', surfaceBands: ['30_40', '40_60'] })).toBe(80);
    // Tenure: the vacant row #6 (no tenure) is out of every tenure.
    expect(
      await dwellings({ dataset: 'd1', tenures: ['locataire_prive', 'locataire_social'] }),
    ).toBe(150);
    expect(await dwellings(ALL)).toBeNull();
  });

  it('gives the surface band of each row as surfaceBandOf does, bounds included', async () => {
    const connection = await openAnalysisFixture();
    const surfaces = [0, 0.5, 29.99, 30, 39.99, 40, 59.9, 60, 80, 100, 149.99, 150, 420, -2];
    const rows = await queryRows(
      connection,
      `SELECT surface_m2, ${FILTER_DIMENSIONS.surfaceBands.categorySql} AS band
FROM (VALUES ${surfaces.map((s) => `(${s}::DOUBLE)`).join(', ')}, (NULL)) AS t(surface_m2)`,
    );
    expect(rows).toHaveLength(surfaces.length + 1);
    for (const row of rows) {
      expect(row.band).toBe(surfaceBandOf(row.surface_m2 as number | null));
    }
  });
});

describe('filter model', () => {
  it('names every dimension in French with a short URL key', () => {
    expect(
      FILTER_KEYS.map((key) => [FILTER_DIMENSIONS[key].label, FILTER_DIMENSIONS[key].urlKey]),
    ).toEqual([
      ['Type de logement', 'type'],
      ['Période de construction', 'periode'],
      ['Énergie de chauffage', 'energie'],
      ["Statut d'occupation", 'statut'],
      ['Surface habitable', 'surface'],
      ['Étiquette DPE', 'etiq'],
    ]);
    expect(isFilterKey('labels')).toBe(true);
    expect(isFilterKey('dataset')).toBe(false);
  });

  it('orders and deduplicates selected values', () => {
    expect(selectedValues('labels', ['G', 'A', 'G'])).toEqual(['A', 'G']);
    expect(selectedValues('labels', undefined)).toEqual([]);
  });

  it('describes the active filters in French', () => {
    expect(describeFilters({})).toBe('Aucun filtre');
    expect(describeFilters(ALL)).toBe(
      'Type de logement : Maison individuelle ; Période de construction : Avant 1948, 1948–1974 ;' +
        " Énergie de chauffage : Gaz naturel, Fioul ; Statut d'occupation : Propriétaire occupant ;" +
        ' Surface habitable : 40 à 60 m² ; Étiquette DPE : F, G',
    );
    expect(hasActiveFilters({ labels: [] })).toBe(false);
    expect(hasActiveFilters({ surfaceBands: ['moins_30'] })).toBe(true);
  });
});
