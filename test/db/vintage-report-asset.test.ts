import { describe, expect, it } from 'vitest';
import { parseVintageReport } from '../../src/db/vintage-report-asset.ts';
import type { VintageReport } from '../../src/domain/vintage-report.ts';

const FILE = 'data/vintage-report.json';

function report(): VintageReport {
  return {
    version: 2,
    cog_year: 2026,
    contours_year: 2025,
    epci_without_contour: [],
    contours_without_cog: [],
    communes: {
      cog_count: 2,
      contour_count: 1,
      cog_without_contour: [{ code: '35001', nom: 'Acigné', code_departement: '35' }],
      contours_without_cog: [],
      contours_merged: [],
      epci_changed: [],
      skipped: { arrondissements: 0, outside_metropole: 0 },
      departements: [
        {
          code_departement: '35',
          file: 'communes-35.geojson',
          cog_count: 2,
          contour_count: 1,
          bytes: 900,
        },
      ],
    },
    successors: { table: 'commune_successor', count: 0 },
    older_vintages: [
      {
        cog_year: 2023,
        source: 'cog/epci-2023.json',
        commune_count: 2,
        merged: [],
        unknown: [],
        epci_changed: [],
        epci_gone: [],
      },
    ],
    rejected_contours: [],
    summary: ['Communes du COG 2026 sans contour : 1'],
  };
}

describe('vintage report asset', () => {
  it('accepts a version 2 report, extra fields included', () => {
    const json = { ...report(), added_later: true };
    expect(parseVintageReport(json, FILE).communes.cog_without_contour[0]?.code).toBe('35001');
  });

  it('names the first field that does not fit, in French', () => {
    expect(() => parseVintageReport({ ...report(), version: 1 }, FILE)).toThrow(
      'data/vintage-report.json est invalide : version 1 au lieu de 2.',
    );
    const noList = report() as unknown as { communes: Record<string, unknown> };
    noList.communes.epci_changed = null;
    expect(() => parseVintageReport(noList, FILE)).toThrow(
      "communes.epci_changed n'est pas une liste",
    );
    const older = report() as unknown as { older_vintages: Record<string, unknown>[] };
    delete older.older_vintages[0]?.merged;
    expect(() => parseVintageReport(older, FILE)).toThrow('older_vintages[0].merged manquant');
    expect(() => parseVintageReport([], FILE)).toThrow('objet JSON attendu');
  });
});
