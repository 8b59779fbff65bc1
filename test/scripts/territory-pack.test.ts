import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { booleanValid } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  buildCogTerritory,
  type CogInput,
  checkPlausibility,
  isMetropolitanDepartement,
  TerritoryCheckError,
} from '../../scripts/lib/cog-territory.ts';
import {
  GeoReadError,
  parseBoundaries,
  readBoundaryFile,
  roundGeometry,
  roundGeometryValid,
} from '../../scripts/lib/geo-readers.ts';
import { MissingSourceError, REPO_ROOT } from '../../scripts/lib/sources.ts';
import { buildTerritoryPack } from '../../scripts/lib/territory-pack.ts';
import { compareEpciVintage, compareOlderVintage } from '../../scripts/lib/territory-vintage.ts';
import type { VintageReport } from '../../src/domain/vintage-report.ts';
import { hasSegmentContact } from '../../src/ingest/self-intersection.ts';

const FIXTURES = join(REPO_ROOT, 'test/fixtures/geo');
const MIRROR = resolve(REPO_ROOT, '../shared/data');
const HAS_MIRROR = existsSync(join(MIRROR, 'geo/communes-2025-metropole.geojson'));
const HAS_TOPO = existsSync(join(MIRROR, 'geo/epci-2023-metropole.topo.json'));

describe('TopoJSON reader (Opendatasoft layout)', () => {
  const result = readBoundaryFile(join(FIXTURES, 'ods-epci.topo.json'));

  it('detects the layout and unwraps array-valued properties', () => {
    expect(result.format).toBe('topojson');
    expect(result.properties.code).toBe('epci_code');
    expect(result.features.map((f) => f.properties)).toEqual([
      { code: '200000001', nom: 'CC Un, Deux et Trois', type: 'CC', kept: {} },
      { code: '200000002', nom: 'CA Deux', type: 'CA', kept: {} },
    ]);
  });

  it('decodes quantized, delta-encoded arcs, shared edges included', () => {
    expect(result.features[0]?.geometry).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [2, 46],
          [2, 47],
          [1, 47],
          [1, 46],
          [2, 46],
        ],
      ],
    });
    expect(result.features[1]?.geometry.coordinates[0]).toEqual([
      [2, 46],
      [3, 46],
      [3, 47],
      [2, 47],
      [2, 46],
    ]);
  });

  it('rejects a feature without code and one with two codes, with reasons', () => {
    expect(result.rejected).toEqual([
      { index: 2, reason: 'propriété « epci_code » vide ou absente' },
      { index: 3, reason: 'plusieurs codes (200000003, 200000004)' },
    ]);
  });

  it('names the objects present when the requested one is missing', () => {
    expect(() =>
      readBoundaryFile(join(FIXTURES, 'ods-epci.topo.json'), { object: 'epci' }),
    ).toThrow(
      /Objet TopoJSON « epci » introuvable ; objets présents : georef-france-epci-millesime@public \(1\)/,
    );
  });
});

describe('GeoJSON reader with configurable property names', () => {
  const mapping = { code: 'siren_epci', name: 'libelle', type: 'nature' };

  it('reads the mapped properties and keeps the requested extra ones', () => {
    const result = readBoundaryFile(join(FIXTURES, 'user-epci.geojson'), {
      properties: mapping,
      keep: ['population'],
    });
    expect(result.format).toBe('geojson');
    expect(result.features.map((f) => f.properties)).toEqual([
      { code: '200000001', nom: 'CC Un', type: 'CC', kept: { population: '1200' } },
      { code: '200000002', nom: 'CA Deux', type: 'CA', kept: { population: null } },
    ]);
    expect(result.rejected).toEqual([
      { index: 2, reason: 'code 200000003 : géométrie absente ou non polygonale' },
      { index: 3, reason: 'code 200000001 en double' },
    ]);
  });

  it('says which properties exist when the layout is unknown', () => {
    expect(() => readBoundaryFile(join(FIXTURES, 'user-epci.geojson'))).toThrow(GeoReadError);
    expect(() => readBoundaryFile(join(FIXTURES, 'user-epci.geojson'))).toThrow(
      /propriétés présentes : siren_epci, libelle, nature, population/,
    );
  });

  it('refuses content that is neither GeoJSON nor TopoJSON', () => {
    expect(() => parseBoundaries({ type: 'Feature' })).toThrow(/Ni une FeatureCollection/);
  });
});

describe('roundGeometry', () => {
  it('rounds to 4 decimals, closes rings and drops the parts that collapse', () => {
    const [, multi] = readBoundaryFile(join(FIXTURES, 'user-epci.geojson'), {
      properties: { code: 'siren_epci', name: 'libelle' },
    }).features;
    expect(multi).toBeDefined();
    if (multi === undefined) return;
    expect(roundGeometry(multi.geometry)).toEqual({
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [2, 46],
            [2.1, 46],
            [2.1, 46.1],
            [2, 46],
          ],
        ],
      ],
    });
    expect(
      roundGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [1.123456, 46.987654],
            [1.2, 46.9],
            [1.3, 47],
          ],
        ],
      }),
    ).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [1.1235, 46.9877],
          [1.2, 46.9],
          [1.3, 47],
          [1.1235, 46.9877],
        ],
      ],
    });
    expect(
      roundGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [1, 46],
            [1.00001, 46],
            [1.00001, 46.00001],
            [1, 46],
          ],
        ],
      }),
    ).toBeNull();
  });
});

const square = (x: number, y: number, size = 1): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('hasSegmentContact', () => {
  it('accepts simple rings, holes inside shells and disjoint parts', () => {
    expect(hasSegmentContact({ type: 'Polygon', coordinates: [square(0, 0)] })).toBe(false);
    expect(
      hasSegmentContact({ type: 'Polygon', coordinates: [square(0, 0, 4), square(1, 1)] }),
    ).toBe(false);
    expect(
      hasSegmentContact({ type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(2, 0)]] }),
    ).toBe(false);
  });

  it('finds crossings, spikes, repeated vertices and parts touching at a point', () => {
    const bowTie: Position[] = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    const foldBack: Position[] = [
      [0, 0],
      [2, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    const pinched: Position[] = [
      [0, 0],
      [1, 0],
      [0.5, 0.5],
      [1, 1],
      [0, 1],
      [0.5, 0.5],
      [0, 0],
    ];
    expect(hasSegmentContact({ type: 'Polygon', coordinates: [bowTie] })).toBe(true);
    expect(hasSegmentContact({ type: 'Polygon', coordinates: [foldBack] })).toBe(true);
    expect(hasSegmentContact({ type: 'Polygon', coordinates: [pinched] })).toBe(true);
    expect(
      hasSegmentContact({ type: 'MultiPolygon', coordinates: [[square(0, 0)], [square(1, 1)]] }),
    ).toBe(true);
  });
});

describe('roundGeometryValid', () => {
  it('keeps a fifth decimal where four would pinch a narrow neck', () => {
    const neck: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [0.50003, 0.5],
          [1, 1],
          [0, 1],
          [0.49998, 0.5],
          [0, 0],
        ],
      ],
    };
    expect(hasSegmentContact(neck)).toBe(false);
    const result = roundGeometryValid(neck, 4);
    expect(result.decimals).toBe(5);
    expect(result.geometry).toEqual(neck);
    expect(
      roundGeometryValid({ type: 'Polygon', coordinates: [square(0.12341, 0)] }).decimals,
    ).toBe(4);
  });
});

function tinyCog(): CogInput {
  return {
    communes: [
      {
        code: '36001',
        nom: 'Aigurande',
        type: 'commune-actuelle',
        departement: '36',
        region: '24',
        population: 1300,
      },
      {
        code: '36044',
        nom: 'Châteauroux',
        type: 'commune-actuelle',
        departement: '36',
        region: '24',
        population: 43000,
      },
      {
        code: '2A004',
        nom: 'Ajaccio',
        type: 'commune-actuelle',
        departement: '2A',
        region: '94',
        population: 71000,
      },
      {
        code: '29155',
        nom: 'Ouessant',
        type: 'commune-actuelle',
        departement: '29',
        region: '53',
        population: 800,
      },
      {
        code: '97101',
        nom: 'Les Abymes',
        type: 'commune-actuelle',
        departement: '971',
        region: '01',
        population: 52000,
      },
      {
        code: '13201',
        nom: 'Marseille 1er',
        type: 'arrondissement-municipal',
        departement: '13',
        region: '93',
        population: 40000,
      },
      {
        code: '36999',
        nom: 'Déléguée',
        type: 'commune-deleguee',
        departement: '36',
        region: '24',
        population: 10,
      },
    ],
    epcis: [
      {
        code: '243600327',
        nom: 'CA Châteauroux Métropole',
        type: 'CA',
        membres: [{ code: '36044', populationMunicipale: 43442 }, { code: '36001' }],
      },
      {
        code: '200073112',
        nom: 'CA du Pays Ajaccien',
        type: 'METRO',
        membres: [{ code: '2A004' }],
      },
      { code: '249710047', nom: 'CA Cap Excellence', type: 'CA', membres: [{ code: '97101' }] },
      { code: '200000999', nom: 'CC Fantôme', type: 'CC', membres: [{ code: '99999' }] },
    ],
    departements: [
      { code: '36', nom: 'Indre' },
      { code: '2A', nom: 'Corse-du-Sud' },
      { code: '971', nom: 'Guadeloupe' },
    ],
    regions: [
      { code: '24', nom: 'Centre-Val de Loire' },
      { code: '94', nom: 'Corse' },
      { code: '53', nom: 'Bretagne' },
      { code: '01', nom: 'Guadeloupe' },
    ],
  };
}

describe('COG territory tables', () => {
  it('recognises metropolitan département codes only', () => {
    expect(['01', '2A', '2B', '95'].every(isMetropolitanDepartement)).toBe(true);
    expect(['00', '20', '96', '971', '975', '2C'].some(isMetropolitanDepartement)).toBe(false);
  });

  it('keeps metropolitan current communes, with member populations and EPCI codes', () => {
    const territory = buildCogTerritory(tinyCog());
    expect(territory.communes).toEqual([
      {
        code_commune: '29155',
        nom_commune: 'Ouessant',
        code_epci: null,
        code_departement: '29',
        code_region: '53',
        population: 800,
      },
      {
        code_commune: '2A004',
        nom_commune: 'Ajaccio',
        code_epci: '200073112',
        code_departement: '2A',
        code_region: '94',
        population: 71000,
      },
      {
        code_commune: '36001',
        nom_commune: 'Aigurande',
        code_epci: '243600327',
        code_departement: '36',
        code_region: '24',
        population: 1300,
      },
      {
        code_commune: '36044',
        nom_commune: 'Châteauroux',
        code_epci: '243600327',
        code_departement: '36',
        code_region: '24',
        population: 43442,
      },
    ]);
    expect(territory.departements.map((d) => d.code)).toEqual(['36', '2A']);
    expect(territory.regions.map((r) => r.code)).toEqual(['24', '94', '53']);
  });

  it('builds metropolitan EPCI with the département of the most populous member', () => {
    const territory = buildCogTerritory(tinyCog());
    expect(territory.epcis).toEqual([
      {
        code_epci: '200073112',
        nom_epci: 'CA du Pays Ajaccien',
        type_epci: 'ME',
        code_departement: '2A',
        code_region: '94',
        population: 71000,
        commune_count: 1,
        has_contour: false,
      },
      {
        code_epci: '243600327',
        nom_epci: 'CA Châteauroux Métropole',
        type_epci: 'CA',
        code_departement: '36',
        code_region: '24',
        population: 44742,
        commune_count: 2,
        has_contour: false,
      },
    ]);
    expect(territory.warnings).toEqual([
      "1 commune(s) membre(s) d'EPCI absente(s) du COG des communes : 99999 (200000999).",
    ]);
  });

  it('refuses an implausible commune count', () => {
    expect(() => checkPlausibility(buildCogTerritory(tinyCog()).communes)).toThrow(
      TerritoryCheckError,
    );
    expect(() => checkPlausibility(buildCogTerritory(tinyCog()).communes)).toThrow(
      /Nombre de communes métropolitaines invraisemblable : 4/,
    );
  });
});

describe('vintage comparisons', () => {
  it('lists COG EPCI without contour and contours unknown to the COG, overseas aside', () => {
    const result = compareEpciVintage(
      [
        { code_epci: '200000001', nom_epci: 'CC Un' },
        { code_epci: '200000002', nom_epci: 'CA Deux' },
      ],
      [
        { code: '200000001', nom: 'CC Un' },
        { code: '200000009', nom: 'CC Nouvelle' },
        { code: '249710047', nom: 'CA Cap Excellence' },
      ],
      new Set(['249710047']),
    );
    expect(result).toEqual({
      epci_without_contour: [{ code: '200000002', nom: 'CA Deux' }],
      contours_without_cog: [{ code: '200000009', nom: 'CC Nouvelle' }],
      out_of_scope: [{ code: '249710047', nom: 'CA Cap Excellence' }],
    });
  });

  it('lists the codes of an older COG merged since, unknown now, or moved to another EPCI', () => {
    const current = buildCogTerritory(tinyCog()).communes;
    const result = compareOlderVintage(
      {
        cog_year: 2023,
        source: 'cog/epci-2023.json',
        epcis: [
          {
            code: '243600327',
            nom: 'CA Châteauroux Métropole',
            membres: [
              { code: '36044', nom: 'Châteauroux' },
              { code: '36039', nom: 'Chantôme' },
              { code: '36998', nom: 'Disparue' },
            ],
          },
          { code: '200000005', nom: 'CC Ancienne', membres: [{ code: '36001', nom: 'Aigurande' }] },
          { code: '249710047', nom: 'CA Cap Excellence', membres: [{ code: '97101' }] },
        ],
      },
      { communes: current, epciCodes: new Set(['243600327', '200073112']) },
      (code) => (code === '36039' ? '36044' : undefined),
      (code) => !code.startsWith('97'),
    );
    expect(result).toEqual({
      cog_year: 2023,
      source: 'cog/epci-2023.json',
      commune_count: 4,
      merged: [
        { code: '36039', nom: 'Chantôme', code_commune: '36044', nom_commune: 'Châteauroux' },
      ],
      unknown: [{ code: '36998', nom: 'Disparue' }],
      epci_changed: [
        {
          code: '36001',
          nom: 'Aigurande',
          code_epci_cog: '243600327',
          code_epci_other: '200000005',
        },
      ],
      epci_gone: [{ code: '200000005', nom: 'CC Ancienne' }],
    });
  });
});

describe('territory pack without sources', () => {
  it('throws MissingSourceError naming the missing contour file', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'casba-empty-'));
    await expect(
      buildTerritoryPack(join(empty, 'out'), { sourcesDir: empty, log: () => {} }),
    ).rejects.toThrow(MissingSourceError);
    await expect(
      buildTerritoryPack(join(empty, 'out'), { sourcesDir: empty, log: () => {} }),
    ).rejects.toThrow(/Fichier source manquant : geo\/epci-2025-metropole\.geojson/);
  });
});

describe.skipIf(!HAS_TOPO)('real 2023 EPCI contours, GeoJSON and TopoJSON', () => {
  it('reads the same 1,232 EPCI contours from both formats', () => {
    const geojson = readBoundaryFile(join(MIRROR, 'geo/epci-2023-metropole.geojson'));
    const topojson = readBoundaryFile(join(MIRROR, 'geo/epci-2023-metropole.topo.json'));
    expect(geojson.format).toBe('geojson');
    expect(topojson.format).toBe('topojson');
    expect(geojson.features).toHaveLength(1232);
    expect(topojson.features).toHaveLength(1232);
    expect(geojson.rejected).toEqual([]);
    expect(topojson.rejected).toEqual([]);
    const codes = (r: typeof geojson) => r.features.map((f) => f.properties.code).sort();
    expect(codes(topojson)).toEqual(codes(geojson));
  });
});

type Collection = {
  features: {
    geometry: { type: string; coordinates: unknown };
    properties: Record<string, string | null>;
  }[];
};
const readCollection = (path: string): Collection => JSON.parse(readFileSync(path, 'utf8'));

describe.skipIf(!HAS_MIRROR)(
  `real mirror (${HAS_MIRROR ? MIRROR : 'skipped: ../shared/data absent'})`,
  () => {
    it('builds the COG 2026 pack: every commune in exactly one département file', async () => {
      const out = mkdtempSync(join(tmpdir(), 'casba-pack-'));
      const lines: string[] = [];
      const pack = await buildTerritoryPack(out, { sourcesDir: MIRROR, log: (l) => lines.push(l) });
      expect(pack.cogYear).toBe(2026);
      expect(pack.contoursYear).toBe(2025);
      // COG 2026: 34,746 metropolitan communes (INSEE), 1,232 metropolitan EPCI.
      expect(pack.communes).toHaveLength(34_746);
      const population = pack.communes.reduce((sum, c) => sum + c.population, 0);
      expect(population).toBeGreaterThan(65_000_000);
      expect(population).toBeLessThan(67_000_000);
      expect(pack.communes.filter((c) => c.code_epci === null).map((c) => c.code_commune)).toEqual([
        '22016',
        '29083',
        '29155',
        '85113',
      ]);
      const withoutContour = new Set(pack.vintageReport.epci_without_contour.map((e) => e.code));
      expect(pack.epcis).toHaveLength(1232);
      expect(pack.epcis.every((e) => e.has_contour !== withoutContour.has(e.code_epci))).toBe(true);

      const report: VintageReport = JSON.parse(
        readFileSync(join(out, 'vintage-report.json'), 'utf8'),
      );
      expect(report).toEqual(pack.vintageReport);
      expect(report.version).toBe(2);
      expect(report.summary.length).toBeGreaterThan(5);
      for (const line of report.summary) expect(lines).toContain(line);

      // 96 département files; each COG commune in exactly one, or listed as without contour.
      const departements = Object.keys(pack.files.communes).sort();
      expect(departements).toHaveLength(96);
      expect(departements).toContain('2A');
      expect(departements).toContain('2B');
      expect(readdirSync(out).filter((f) => f.startsWith('communes-'))).toHaveLength(96);
      const seen = new Map<string, string>();
      for (const departement of departements) {
        const file = pack.files.communes[departement] ?? '';
        const collection = readCollection(join(out, file));
        for (const feature of collection.features) {
          const code = feature.properties.code ?? '';
          expect(seen.has(code), code).toBe(false);
          seen.set(code, departement);
          expect(Object.keys(feature.properties)).toEqual(['code', 'nom', 'code_epci']);
        }
        const entry = report.communes.departements.find((d) => d.code_departement === departement);
        expect(entry?.contour_count).toBe(collection.features.length);
        expect(entry?.bytes).toBe(readFileSync(join(out, file)).length);
      }
      const missing = new Set(report.communes.cog_without_contour.map((c) => c.code));
      for (const commune of pack.communes) {
        const expected = missing.has(commune.code_commune) ? undefined : commune.code_departement;
        expect(seen.get(commune.code_commune), commune.code_commune).toBe(expected);
      }
      expect(seen.size + missing.size).toBe(pack.communes.length);
      // The mirror's contours carry COG 2026 codes: nothing to reconcile for the communes.
      expect(report.communes.cog_without_contour).toEqual([]);
      expect(report.communes.contours_without_cog).toEqual([]);
      expect(report.communes.contours_merged).toEqual([]);
      expect(report.communes.contour_count).toBe(34_746);
      expect(report.successors).toEqual({
        table: 'commune_successor',
        count: pack.successors.size,
      });
      expect(pack.successors.get('01330')).toBe('01187');
      // COG 2023 → 2026: 81 codes merged, all onto a current commune; 9 communes changed EPCI.
      const [older] = report.older_vintages;
      expect(older?.cog_year).toBe(2023);
      expect(older?.merged).toHaveLength(81);
      expect(older?.merged).toContainEqual({
        code: '01330',
        nom: expect.any(String),
        code_commune: '01187',
        nom_commune: 'Haut Valromey',
      });
      expect(older?.unknown).toEqual([]);
      expect(older?.epci_changed).toHaveLength(9);

      const epci = readCollection(join(out, pack.files.epci));
      expect(epci.features).toHaveLength(1232);
      expect(Object.keys(epci.features[0]?.properties ?? {})).toEqual(['code', 'nom', 'type']);
      const decimals = JSON.stringify(epci.features.map((f) => f.geometry)).match(/\.\d{5,}/g);
      expect(decimals).toBeNull();
      // Rounding never makes a contour invalid: an invalid output comes from an invalid source.
      const invalidCodes = (collection: Collection) =>
        collection.features
          .filter((f) => !booleanValid(f as Parameters<typeof booleanValid>[0]))
          .map((f) => f.properties.code ?? null);
      const sourceInvalid = (file: string, codes: readonly (string | null)[]) => {
        const wanted = new Set(codes);
        const source = readCollection(join(MIRROR, 'geo', file));
        return invalidCodes({
          features: source.features.filter((f) => wanted.has(f.properties.code ?? null)),
        });
      };
      const epciInvalid = invalidCodes(epci);
      expect(epciInvalid.length).toBeLessThan(5);
      expect(sourceInvalid('epci-2025-metropole.geojson', epciInvalid)).toEqual(epciInvalid);
      for (const departement of ['36', '2A', '59', '65']) {
        const communes = readCollection(join(out, pack.files.communes[departement] ?? ''));
        const invalid = invalidCodes(communes);
        expect(sourceInvalid('communes-2025-metropole.geojson', invalid)).toEqual(invalid);
      }
      expect(readCollection(join(out, 'communes-36.geojson')).features).toHaveLength(241);
      // Nord: 648 communes in the COG 2023, 647 in 2026 (59070 merged).
      expect(readCollection(join(out, 'communes-59.geojson')).features).toHaveLength(647);
      expect(lines.some((l) => /34\s746 communes métropolitaines/.test(l))).toBe(true);
    });
  },
);
