import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_WEIGHTS, scoreTerritories } from '../../src/domain/priority-score.ts';
import {
  polygonWkt,
  type TargetListEntry,
  type TargetListMetadata,
  targetListCsv,
  targetListFileStem,
  targetListGeoJson,
} from '../../src/export/target-list.ts';

const ranking = scoreTerritories(
  [
    { code: '36001', name: 'Aigurande', values: { fg_count: 120, fg_share: 0.25 } },
    { code: '36002', name: '=Ardentes', values: { fg_count: 40, fg_share: 0.125 } },
  ],
  { fg_count: 1, fg_share: 1 },
);
const ring: [number, number][] = [
  [1.5, 46.5],
  [1.75, 46.5],
  [1.75, 46.75],
  [1.5, 46.5],
];
const METADATA: TargetListMetadata = {
  exportedAt: '2026-11-28T19:00:00.000Z',
  dataset: { id: 'demo', name: 'Parc de démonstration' },
  level: 'commune',
  parent: { code: '36', name: 'Indre' },
  filters: 'Étiquette DPE : F, G',
  weights: { ...DEFAULT_PRIORITY_WEIGHTS, fg_count: 5 },
  methods: ['polygone', 'tableau'],
  polygon: ring,
};
const entries = ranking.scores.map((score) => ({
  score,
  geometry: { type: 'Point' as const, coordinates: [1.6, 46.6] },
}));

describe('targetListCsv', () => {
  const csv = targetListCsv(entries, METADATA);
  const lines = csv.slice(1).split('\r\n');

  it('is a French Excel CSV: BOM, semicolons, one header line, CRLF', () => {
    expect(csv.startsWith('\uFEFFCode;Nom;Rang;Score (0-100);Passoires F/G (valeur);')).toBe(true);
    expect(lines).toHaveLength(4); // header, two rows, final empty line
    expect(lines[3]).toBe('');
  });

  it('writes codes first, decimal commas, and neutralises formula-like names', () => {
    expect(lines[1]?.startsWith('36001;Aigurande;1;100;120;50;0,25;50;')).toBe(true);
    expect(lines[2]?.startsWith("36002;'=Ardentes;2;0;40;0;0,125;0;")).toBe(true);
  });

  it('repeats the context in trailing columns on every row', () => {
    const header = lines[0]?.split(';') ?? [];
    expect(header.slice(-9)).toEqual([
      'Date de l’export',
      'Jeu de données',
      'Territoire classé',
      'Filtres',
      'Poids',
      'Secret statistique',
      'Mode de sélection',
      'Règle du polygone',
      'Polygone (WKT, WGS84)',
    ]);
    for (const line of lines.slice(1, 3)) {
      expect(line).toContain(
        ';Indre (36);Étiquette DPE : F, G;Passoires F/G 5, Part de passoires F/G 3, ',
      );
      expect(line).toContain('polygone dessiné sur la carte, case cochée dans le classement');
      expect(line).toContain('centroïde');
      expect(line.endsWith(';POLYGON((1.5 46.5, 1.75 46.5, 1.75 46.75, 1.5 46.5))')).toBe(true);
    }
  });
});

describe('target list in public mode', () => {
  const withheld: TargetListEntry[] = entries.map((entry, i) =>
    i === 0 ? { ...entry, withheld: new Set(['fg_share'] as const) } : entry,
  );
  const metadata = { ...METADATA, publicMode: true };

  it('writes « s » for a withheld criterion in the CSV, and says the secret was applied', () => {
    const lines = targetListCsv(withheld, metadata).slice(1).split('\r\n');
    expect(lines[1]?.startsWith('36001;Aigurande;1;100;120;50;s;50;')).toBe(true);
    expect(lines[2]?.startsWith("36002;'=Ardentes;2;0;40;0;0,125;0;")).toBe(true);
    expect(lines[1]).toContain(';Secret statistique appliqué (mode public)');
    expect(targetListCsv(entries, METADATA)).not.toContain('Secret statistique appliqué');
  });

  it('flags the withheld criterion in the GeoJSON and its metadata', () => {
    const geojson = targetListGeoJson(withheld, metadata);
    expect(geojson.metadata.secret_statistique).toContain('mode public');
    expect(geojson.features[0]?.properties?.criteres.fg_share.secret).toBe(true);
    expect(geojson.features[1]?.properties?.criteres.fg_share.secret).toBeUndefined();
    expect(targetListGeoJson(entries, METADATA).metadata.secret_statistique).toBeUndefined();
  });
});

describe('targetListGeoJson', () => {
  it('is a FeatureCollection with a top-level metadata member', () => {
    const geojson = targetListGeoJson(entries, METADATA);
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.metadata).toMatchObject({
      exported_at: '2026-11-28T19:00:00.000Z',
      dataset: { id: 'demo' },
      filters: 'Étiquette DPE : F, G',
      selection_methods: ['polygone', 'tableau'],
      polygon: { type: 'Polygon', coordinates: [ring] },
    });
    expect(geojson.metadata.weights.fg_count).toBe(5);
    expect(geojson.features.map((f) => f.properties?.code)).toEqual(['36001', '36002']);
    expect(geojson.features[0]?.properties?.criteres.fg_share).toEqual({
      valeur: 0.25,
      normalise: 1,
      poids: 1,
      points: 50,
    });
  });

  it('says no polygon when none was drawn', () => {
    const geojson = targetListGeoJson(entries, { ...METADATA, polygon: null, methods: ['clic'] });
    expect(geojson.metadata.polygon).toBeNull();
    expect(geojson.metadata.polygon_rule).toBeNull();
  });
});

describe('file names and WKT', () => {
  it('names the file after the level, the parent and the day', () => {
    expect(targetListFileStem('commune', '36', '2026-11-28T19:00:00Z')).toBe(
      'cible-communes-36-2026-11-28',
    );
    expect(targetListFileStem('epci', null, '2026-11-28')).toBe('cible-epci-2026-11-28');
  });

  it('writes negative longitudes without looking like a formula (WKT starts with a letter)', () => {
    expect(polygonWkt([[-1.5, 47]])).toBe('POLYGON((-1.5 47))');
  });
});
