import { describe, expect, it } from 'vitest';
import type { StockRow } from '../../src/domain/stock-schema.ts';
import { ImportReportBuilder, REPORT_REJECTIONS_LIMIT } from '../../src/ingest/import-report.ts';

function row(overrides: Partial<StockRow>): StockRow {
  return {
    dataset: 'test',
    code_commune: '36044',
    code_epci: null,
    code_departement: '36',
    code_region: '24',
    housing_type: null,
    construction_period: null,
    surface_m2: null,
    heating_energy: null,
    occupancy: null,
    tenure: null,
    dpe_label: null,
    label_source: 'observed',
    ep_kwh_m2: null,
    ef_kwh_m2: null,
    ghg_kg_m2: null,
    weight: 1,
    lon: null,
    lat: null,
    ...overrides,
  };
}

describe('ImportReportBuilder', () => {
  it('weighs labels and EPCI, and keeps rows_read = accepted + rejected', () => {
    const builder = new ImportReportBuilder('stock');
    for (const r of [
      row({ dpe_label: 'F', weight: 12.5, code_epci: '243600327' }),
      row({ dpe_label: 'F', weight: 2, code_epci: '200007052' }),
      row({ weight: 3, code_epci: '243600327' }),
    ]) {
      builder.read();
      builder.accept(r);
    }
    builder.read();
    builder.reject(5, 'weight doit être > 0 : « 0 »', '36044;0');
    const report = builder.build();
    expect(report).toMatchObject({ rows_read: 4, accepted: 3, rejected: 1 });
    expect(report.by_label).toEqual({ A: 0, B: 0, C: 0, D: 0, E: 0, F: 14.5, G: 0, unknown: 3 });
    expect(report.by_epci).toEqual({ '200007052': 2, '243600327': 15.5 });
    expect(report.rejections).toEqual([
      { line: 5, reason: 'weight doit être > 0 : « 0 »', raw: '36044;0' },
    ]);
  });

  it('refuses to build a report where a row read was neither accepted nor rejected', () => {
    const builder = new ImportReportBuilder('dpe');
    builder.read();
    expect(() => builder.build()).toThrow(/accounting/);
  });

  it('lists the first 100 rejections, counts them all and keeps every rejected line', () => {
    const builder = new ImportReportBuilder('dpe');
    builder.setHeader('a;b', ';');
    for (let line = 2; line < 252; line++) {
      builder.read();
      builder.reject(line, 'motif; avec "guillemets"', `x${line};y`);
    }
    const report = builder.build();
    expect(report.rejected).toBe(250);
    expect(report.rejections).toHaveLength(REPORT_REJECTIONS_LIMIT);
    expect(report.rejections.at(-1)?.line).toBe(101);
    const csv = builder.rejectedRowsCsv().split('\n');
    expect(csv[0]).toBe('ligne_source;motif_rejet;a;b');
    expect(csv[1]).toBe('2;"motif; avec ""guillemets""";x2;y');
    expect(csv.filter((l) => l !== '')).toHaveLength(251);
    expect(builder.rejectedRows()).toHaveLength(250);
    expect(builder.rejectedRows()[249]).toEqual({
      line: 251,
      reason: 'motif; avec "guillemets"',
      raw: 'x251;y',
    });
  });

  it('says when the rejected lines kept for download were truncated', () => {
    const builder = new ImportReportBuilder('dpe', { maxRejectedRawChars: 10 });
    for (const raw of ['12345678', '12345678']) {
      builder.read();
      builder.reject(2, 'motif', raw);
    }
    expect(builder.build().warnings.map((w) => w.code)).toEqual(['lignes_rejetees_tronquees']);
    expect(builder.rejectedRowsCsv().trim().split('\n')).toHaveLength(2);
  });

  it('aggregates warnings by code with a few distinct examples', () => {
    const builder = new ImportReportBuilder('dpe');
    for (let i = 0; i < 30; i++) builder.warn('energie', 'Énergies non reconnues.', `e${i % 12}`);
    builder.warn('vides', 'Lignes vides.', undefined, 3);
    builder.warn('jamais', 'Rien.', undefined, 0);
    expect(builder.build().warnings).toEqual([
      {
        code: 'energie',
        message: 'Énergies non reconnues.',
        count: 30,
        examples: ['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9'],
      },
      { code: 'vides', message: 'Lignes vides.', count: 3 },
    ]);
  });
});
