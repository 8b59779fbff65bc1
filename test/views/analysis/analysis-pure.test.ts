import { describe, expect, it } from 'vitest';
import { getIndicator, type IndicatorRow } from '../../../src/domain/indicators.ts';
import type { TerritoryRef } from '../../../src/domain/territory.ts';
import {
  buildTerritoryHierarchy,
  childLevel,
  communeDepartements,
  departementsOfRegion,
  featuresInside,
  isInside,
  rowsParent,
  territoryPath,
} from '../../../src/domain/territory-hierarchy.ts';
import { validateStyleUrl } from '../../../src/views/analysis/basemap-setting.ts';
import { parseThresholdInput } from '../../../src/views/analysis/legend-controls.tsx';
import { indicatorColumns, sortTableRows } from '../../../src/views/analysis/table-sort.ts';

const HIERARCHY = buildTerritoryHierarchy(
  [{ code: '24', nom: 'Centre-Val de Loire' }],
  [{ code: '36', nom: 'Indre' }],
  [
    {
      level: 'epci',
      code: '243600327',
      name: 'CA Châteauroux Métropole',
      code_epci: '243600327',
      code_departement: '36',
      code_region: '24',
    },
    {
      level: 'commune',
      code: '36044',
      name: 'Châteauroux',
      code_epci: '243600327',
      code_departement: '36',
      code_region: '24',
    },
  ],
);

describe('territory hierarchy', () => {
  it('gives the breadcrumb path of a commune, région first', () => {
    const path = territoryPath(HIERARCHY, { level: 'commune', code: '36044' });
    expect(path.map((entry) => entry.name)).toEqual([
      'Centre-Val de Loire',
      'Indre',
      'CA Châteauroux Métropole',
      'Châteauroux',
    ]);
    expect(territoryPath(HIERARCHY, { level: 'commune', code: '99999' })).toEqual([]);
  });

  it('shows the children of the finest coarser territory of the selection', () => {
    const commune = { level: 'commune', code: '36044' } as const;
    expect(rowsParent(HIERARCHY, 'commune', commune)).toEqual({ level: 'epci', code: '243600327' });
    expect(rowsParent(HIERARCHY, 'epci', commune)).toEqual({ level: 'departement', code: '36' });
    expect(rowsParent(HIERARCHY, 'region', commune)).toBeNull();
    expect(rowsParent(HIERARCHY, 'epci', null)).toBeNull();
    expect(childLevel('epci')).toBe('commune');
    expect(childLevel('commune')).toBeNull();
  });

  it('knows which territories lie inside a parent', () => {
    const epci = { level: 'epci', code: '243600327' } as const;
    expect(isInside(HIERARCHY, epci, { level: 'departement', code: '36' })).toBe(true);
    expect(isInside(HIERARCHY, epci, { level: 'departement', code: '18' })).toBe(false);
    expect(isInside(HIERARCHY, { level: 'commune', code: '36044' }, epci)).toBe(true);
    const features = ['36044', '18033'].map((code) => ({ properties: { code } }));
    const inside = (parent: TerritoryRef | null) =>
      featuresInside(HIERARCHY, 'commune', features, parent).map((f) => f.properties.code);
    expect(inside(epci)).toEqual(['36044']);
    expect(inside({ level: 'epci', code: '200093201' })).toEqual([]);
    expect(inside(null)).toEqual(['36044', '18033']);
  });

  it('finds the commune files of a parent, every département of a straddling EPCI', () => {
    const commune = (code: string, epci: string | null, departement: string) => ({
      level: 'commune' as const,
      code,
      name: code,
      code_epci: epci,
      code_departement: departement,
      code_region: '32',
    });
    const hierarchy = buildTerritoryHierarchy(
      [{ code: '32', nom: 'Hauts-de-France' }],
      [
        { code: '62', nom: 'Pas-de-Calais' },
        { code: '59', nom: 'Nord' },
      ],
      [
        commune('59400', '245900758', '59'),
        commune('62502', '245900758', '62'),
        commune('59350', '200093201', '59'),
        commune('59999', null, '59'),
      ],
    );
    const epci = (code: string) => communeDepartements(hierarchy, { level: 'epci', code });
    expect(epci('245900758')).toEqual(['59', '62']);
    expect(epci('200093201')).toEqual(['59']);
    expect(epci('000000000')).toEqual([]);
    expect(communeDepartements(hierarchy, { level: 'departement', code: '62' })).toEqual(['62']);
    expect(communeDepartements(hierarchy, { level: 'commune', code: '62502' })).toEqual(['62']);
    expect(communeDepartements(hierarchy, { level: 'region', code: '32' })).toBeNull();
    expect(communeDepartements(hierarchy, null)).toBeNull();
    expect(departementsOfRegion(hierarchy, '32').map((info) => info.code)).toEqual(['59', '62']);
  });
});

describe('table sort', () => {
  const row = (code: string, name: string, dwellings: number, fg: number | null) =>
    ({ code, name, records: 20, dwellings, fg_share: fg }) as unknown as IndicatorRow & {
      code: string;
      name: string;
    };
  const rows = [row('2', 'Élan', 5, 0.2), row('1', 'Deols', 9, null), row('3', 'Zèbre', 1, 0.1)];

  it('sorts numbers both ways with missing values last, names in French order', () => {
    const codes = (sorted: { code: string }[]) => sorted.map((entry) => entry.code);
    expect(codes(sortTableRows(rows, { key: 'fg_share', descending: true }))).toEqual([
      '2',
      '3',
      '1',
    ]);
    expect(codes(sortTableRows(rows, { key: 'fg_share', descending: false }))).toEqual([
      '3',
      '2',
      '1',
    ]);
    expect(codes(sortTableRows(rows, { key: 'name', descending: false }))).toEqual(['1', '2', '3']);
  });

  it('shows the mapped indicator first, the others in their order', () => {
    expect(indicatorColumns(['dwellings', 'fg_count', 'fg_share', 'mean_ep'], 'mean_ep')).toEqual([
      'mean_ep',
      'dwellings',
      'fg_count',
      'fg_share',
    ]);
    expect(indicatorColumns(['dwellings', 'fg_share'], 'dwellings')).toEqual([
      'dwellings',
      'fg_share',
    ]);
  });
});

describe('legend thresholds and basemap URL', () => {
  it('reads thresholds typed in percent for shares, and rejects bad input in French', () => {
    const share = getIndicator('fg_share');
    expect(parseThresholdInput(share, '10 ; 15,5 ; 20')).toEqual({ values: [0.1, 0.155, 0.2] });
    expect(parseThresholdInput(share, '20 ; 10')).toEqual({
      error: 'Les seuils doivent être strictement croissants.',
    });
    expect(parseThresholdInput(getIndicator('mean_ep'), 'abc')).toEqual({
      error: "« abc » n'est pas un nombre.",
    });
  });

  it('accepts only absolute http(s) style URLs', () => {
    expect(validateStyleUrl(' https://example.org/style.json ')).toEqual({
      url: 'https://example.org/style.json',
    });
    expect(validateStyleUrl('javascript:alert(1)')).toHaveProperty('error');
    expect(validateStyleUrl('style.json')).toHaveProperty('error');
  });
});
