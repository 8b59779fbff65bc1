import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/db/manifest.ts';

const MANIFEST = {
  cog_year: 2026,
  contours_year: 2025,
  files: {
    stock: 'stock.duckdb',
    epci: 'epci.geojson',
    departements: 'departements.geojson',
    regions: 'regions.geojson',
    communes: { '2A': 'communes-2A.geojson', '59': 'communes-59.geojson' },
  },
  datasets: [{ id: 'demo', name: 'Démo', kind: 'modelled', synthetic: true, caption: '' }],
};

describe('manifest', () => {
  it('resolves the commune files and the vintage report against the data directory', () => {
    const manifest = parseManifest({ ...MANIFEST, vintage_report: 'vintage-report.json' });
    expect(manifest.files.communes).toEqual({
      '2A': 'data/communes-2A.geojson',
      '59': 'data/communes-59.geojson',
    });
    expect(manifest.vintageReport).toBe('data/vintage-report.json');
    expect(parseManifest(MANIFEST).vintageReport).toBeNull();
  });
});
