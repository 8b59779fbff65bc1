import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGeoText } from '../../src/ingest/geo-reader.ts';
import { ImportError } from '../../src/ingest/import-error.ts';
import { fixtureText, SHARED_DATA } from './ingest-helpers.ts';

describe('readGeoText', () => {
  it('reads communes from GeoJSON and rejects unusable features with their number', () => {
    const { report, features } = readGeoText(fixtureText('geo/communes-mini.geojson'));
    expect(report).toMatchObject({ format: 'geo', rows_read: 7, accepted: 3, rejected: 4 });
    expect(report.geo).toEqual({ level: 'commune', code_property: 'code', name_property: 'nom' });
    expect(features.map((f) => [f.code, f.name])).toEqual([
      ['36001', 'Aigurande'],
      ['36044', 'Châteauroux'],
      ['36003', 'Lambert-93'],
    ]);
    // Lambert-93 (600 000 ; 6 600 000) reprojected: about 1.7°E, 46.5°N.
    const lambert = features[2]?.feature.geometry;
    const [lon = 0, lat = 0] =
      lambert?.type === 'Polygon' ? (lambert.coordinates[0]?.[0] ?? []) : [];
    expect(lon).toBeCloseTo(1.69, 1);
    expect(lat).toBeCloseTo(46.5, 0);
    expect(report.warnings.find((w) => w.code === 'lambert93_reprojete')).toMatchObject({
      count: 1,
      examples: ['36003'],
    });
    expect(report.rejections.map((r) => [r.line, r.reason])).toEqual([
      [3, 'entité n° 3 : code invalide « 3600 » (code commune INSEE attendu)'],
      [4, 'entité n° 4 : géométrie Point : Polygon ou MultiPolygon attendu'],
      [5, 'entité n° 5 : code « 36001 » en double (première entité gardée)'],
      [7, 'entité n° 7 : sans géométrie'],
    ]);
  });

  it('reads EPCI from TopoJSON with Opendatasoft array properties', () => {
    const { report, features } = readGeoText(fixtureText('geo/epci-mini.topo.json'));
    expect(report.geo).toEqual({
      level: 'epci',
      code_property: 'epci_code',
      name_property: 'epci_name',
      object: 'epci',
    });
    expect(features.map((f) => [f.code, f.name, f.feature.geometry.type])).toEqual([
      ['200046977', 'Métropole de Lyon', 'Polygon'],
      ['243600327', 'CA Châteauroux Métropole', 'Polygon'],
    ]);
  });

  it('takes the property names it is given, and names what it found when they are absent', () => {
    const text = fixtureText('geo/communes-mini.geojson');
    expect(readGeoText(text, { nameProperty: 'code' }).features[0]?.name).toBe('36001');
    expect(() => readGeoText(text, { codeProperty: 'insee_com' })).toThrow(ImportError);
    expect(() => readGeoText(text, { codeProperty: 'insee_com' })).toThrow(
      'Propriété du code introuvable : « insee_com » absente. Propriétés trouvées : « code », « nom ».',
    );
    expect(() =>
      readGeoText(fixtureText('geo/epci-mini.topo.json'), { object: 'communes' }),
    ).toThrow('TopoJSON : objet « communes » absent. Objets trouvés : « epci ».');
    expect(() => readGeoText('{"type":"FeatureCollection"')).toThrow(/^JSON illisible/);
  });

  const epci = resolve(SHARED_DATA, 'geo/epci-2023-metropole.geojson');
  const topo = resolve(SHARED_DATA, 'geo/epci-2023-metropole.topo.json');
  it.skipIf(!existsSync(epci) || !existsSync(topo))(
    'reads the 1,232 EPCI of the shared contours, GeoJSON and TopoJSON alike (skipped when ../shared/data/geo is absent)',
    () => {
      const fromGeojson = readGeoText(readFileSync(epci, 'utf8'));
      const fromTopojson = readGeoText(readFileSync(topo, 'utf8'));
      expect(fromGeojson.report).toMatchObject({ rows_read: 1232, accepted: 1232 });
      expect(fromTopojson.report).toMatchObject({ rows_read: 1232, accepted: 1232 });
      // Two official contours have crossing edges: cut at the crossings, not rejected.
      const cut = fromGeojson.report.warnings.find(
        (w) => w.code === 'polygone_auto_intersecte_decoupe',
      );
      expect(cut?.examples?.sort()).toEqual(['200040954', '243500139']);
      expect(fromTopojson.features.map((f) => f.code).sort()).toEqual(
        fromGeojson.features.map((f) => f.code).sort(),
      );
    },
  );
});
