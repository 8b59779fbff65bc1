import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  buildCommuneSuccessors,
  loadCommuneSuccessors,
} from '../../scripts/lib/commune-successors.ts';
import { buildTerritoryPack } from '../../scripts/lib/territory-pack.ts';

const square = (x: number, y: number): Position[][] => [
  [
    [x, y],
    [x + 0.01, y],
    [x + 0.01, y + 0.01],
    [x, y + 0.01],
    [x, y],
  ],
];

function feature(properties: Record<string, unknown>, x: number, y: number) {
  return { type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: square(x, y) } };
}

function writeCollection(path: string, features: readonly object[]): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
}

/** A sources directory with the official etalab layout (properties of `communes-1000m`). */
function etalabSources(): string {
  const dir = mkdtempSync(join(tmpdir(), 'casba-etalab-'));
  const commune = (code: string, nom: string, extra: Record<string, unknown>, x: number) =>
    feature({ code, nom, departement: code.slice(0, 2), region: '24', ...extra }, x, 46);
  writeCollection(join(dir, 'geo/communes-2025-metropole.geojson'), [
    commune('36044', 'Châteauroux', { epci: '243600327' }, 1.6),
    commune('36001', 'Aigurande', { epci: '200000005' }, 1.8),
    // Merged into Haut Valromey (01187) on 1 January 2026: drawn as a part of it.
    commune('01330', 'Le Grand-Abergement', { epci: '200040350' }, 5.6),
    commune('01187', 'Hotonnes', { epci: '200040350' }, 5.7),
    commune('75056', 'Paris', { epci: '200054781', plm: true }, 2.3),
    commune('75101', 'Paris 1er Arrondissement', { commune: '75056' }, 2.34),
    feature({ code: '97101', nom: 'Les Abymes', departement: '971', region: '01' }, -61.5, 16.2),
    commune('36998', 'Commune inconnue', {}, 1.9),
  ]);
  writeCollection(join(dir, 'geo/epci-2025-metropole.geojson'), [
    feature({ code: '243600327', nom: 'Chateauroux Metropole' }, 1.6, 46),
    feature({ code: '249710047', nom: 'CA Cap Excellence' }, -61.5, 16.2),
    feature({ code: '200099999', nom: 'CC Inconnue' }, 3, 46),
  ]);
  writeCollection(join(dir, 'geo/departements-2018.geojson'), [
    feature({ code: '36', nom: 'Indre' }, 1.5, 46.5),
  ]);
  writeCollection(join(dir, 'geo/regions-2018.geojson'), [
    feature({ code: '24', nom: 'Centre-Val de Loire' }, 1.5, 47),
  ]);
  return dir;
}

type Collection = {
  features: { geometry: { type: string; coordinates: unknown[] }; properties: object }[];
};

describe('territory pack from the official etalab layout', () => {
  it('splits the communes by département with COG names and EPCI, and reports the rest', async () => {
    const out = mkdtempSync(join(tmpdir(), 'casba-etalab-out-'));
    const lines: string[] = [];
    const pack = await buildTerritoryPack(out, {
      sourcesDir: etalabSources(),
      log: (line) => lines.push(line),
    });
    expect(pack.files.communes).toEqual({
      '01': 'communes-01.geojson',
      '36': 'communes-36.geojson',
      '75': 'communes-75.geojson',
    });
    const read = (file: string): Collection =>
      JSON.parse(readFileSync(join(out, file), 'utf8')) as Collection;
    const ain = read('communes-01.geojson').features;
    expect(ain.map((f) => f.properties)).toEqual([
      { code: '01187', nom: 'Haut Valromey', code_epci: '200040350' },
    ]);
    expect(ain[0]?.geometry.type).toBe('MultiPolygon');
    expect(ain[0]?.geometry.coordinates).toHaveLength(2);
    expect(read('communes-36.geojson').features.map((f) => f.properties)).toEqual([
      { code: '36001', nom: 'Aigurande', code_epci: '200007052' },
      { code: '36044', nom: 'Châteauroux', code_epci: '243600327' },
    ]);
    expect(read('communes-75.geojson').features.map((f) => f.properties)).toEqual([
      { code: '75056', nom: 'Paris', code_epci: '200054781' },
    ]);
    const epci = read('epci.geojson').features.map((f) => f.properties);
    // COG name and type; a contour unknown to the COG is drawn (without data) and reported.
    expect(epci).toEqual([
      { code: '243600327', nom: 'CA Châteauroux Métropole', type: 'CA' },
      { code: '200099999', nom: 'CC Inconnue', type: null },
    ]);

    const report = pack.vintageReport;
    expect(report.communes.skipped).toEqual({ arrondissements: 1, outside_metropole: 1 });
    expect(report.communes.contour_count).toBe(6);
    expect(report.communes.contours_merged).toEqual([
      {
        code: '01330',
        nom: 'Le Grand-Abergement',
        code_commune: '01187',
        nom_commune: 'Haut Valromey',
      },
    ]);
    expect(report.communes.contours_without_cog).toEqual([
      { code: '36998', nom: 'Commune inconnue', code_departement: '36' },
    ]);
    expect(report.communes.epci_changed).toEqual([
      { code: '36001', nom: 'Aigurande', code_epci_cog: '200007052', code_epci_other: '200000005' },
    ]);
    expect(report.communes.cog_without_contour).toHaveLength(pack.communes.length - 4);
    expect(report.communes.cog_without_contour).toContainEqual({
      code: '2A004',
      nom: 'Ajaccio',
      code_departement: '2A',
    });
    expect(report.communes.departements.map((d) => [d.code_departement, d.contour_count])).toEqual([
      ['01', 1],
      ['36', 2],
      ['75', 1],
    ]);
    expect(report.contours_without_cog).toEqual([{ code: '200099999', nom: 'CC Inconnue' }]);
    expect(report.epci_without_contour).toHaveLength(pack.epcis.length - 1);
    expect(pack.epcis.filter((e) => e.has_contour).map((e) => e.code_epci)).toEqual(['243600327']);
    expect(report.older_vintages).toEqual([]);
    expect(lines).toContain(
      'Contours de communes fusionnées depuis 2025, dessinés avec leur commune nouvelle : 1 : 01330 → 01187',
    );
    expect(lines.some((line) => line.includes('cog/epci-2023.json absent'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'vintage-report.json'), 'utf8'))).toEqual(report);
  });
});

describe('commune successors (COG history)', () => {
  it('maps absorbed codes to the current commune, never a current code', () => {
    const successors = buildCommuneSuccessors([
      {
        code: '36070',
        nom: 'Éguzon-Chantôme',
        type: 'commune-actuelle',
        departement: '36',
        region: '24',
        anciensCodes: ['36039', '36070'],
      },
      {
        code: '36001',
        nom: 'Aigurande',
        type: 'commune-actuelle',
        departement: '36',
        region: '24',
      },
      {
        code: '36002',
        nom: 'Rétablie',
        type: 'commune-actuelle',
        departement: '36',
        region: '24',
      },
      {
        code: '36039',
        nom: 'Chantôme',
        type: 'commune-deleguee',
        departement: '36',
        region: '24',
        anciensCodes: ['36002'],
      },
    ]);
    expect([...successors]).toEqual([['36039', '36070']]);
  });

  it('knows the merges of the COG 2026, old and recent, and leaves arrondissements alone', () => {
    const successors = loadCommuneSuccessors();
    expect(successors.size).toBeGreaterThan(4000);
    expect(successors.get('36039')).toBe('36070');
    expect(successors.get('01340')).toBe('01015');
    // Merged between the COG 2023 and the COG 2026.
    expect(successors.get('01330')).toBe('01187');
    expect(successors.get('59070')).toBe('59006');
    expect(successors.has('36044')).toBe(false);
    expect(successors.has('75101')).toBe(false);
    expect(successors.has('69381')).toBe(false);
  });
});
