import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMunicipalArrondissement } from '../../src/domain/codes.ts';
import { INDICATORS } from '../../src/domain/indicators.ts';
import { TERRITORY_LEVELS } from '../../src/domain/territory.ts';
import { CLASSIFICATION_METHODS } from '../../src/map/class-breaks.ts';
import { PALETTES } from '../../src/map/palettes.ts';
import { FILTER_DIMENSIONS, FILTER_KEYS } from '../../src/sql/filters.ts';
import {
  type AnalysisState,
  defaultAnalysisState,
  parseAnalysisState,
  toStockFilters,
  writeAnalysisState,
} from '../../src/state/analysis-url-state.ts';
import { isTerritoryCode, normaliseTerritoryCode } from '../../src/state/territory-code.ts';
import { APP_VIEW } from '../../src/state/url-schema.ts';

const readAppView = APP_VIEW.read;
const writeAppView = APP_VIEW.write;

const FULL: AnalysisState = {
  dataset: 'demo',
  level: 'commune',
  selection: { level: 'epci', code: '200000172' },
  metric: 'mean_ep',
  filters: {
    housingTypes: [],
    periods: ['avant_1948', '1948_1974'],
    energies: [],
    tenures: ['locataire_prive'],
    surfaceBands: ['moins_30'],
    labels: ['F', 'G'],
  },
  method: 'fixed',
  thresholds: [0.1, 0.2],
  palette: 'viridis',
  map: { lon: 1.6888, lat: 46.8123, zoom: 8.5 },
  table: true,
};

describe('parseAnalysisState / writeAnalysisState', () => {
  it('reads defaults from an empty query and writes nothing for them', () => {
    expect(parseAnalysisState('')).toEqual({ state: defaultAnalysisState(), notices: [] });
    expect(writeAnalysisState(defaultAnalysisState())).toBe('');
  });

  it('writes a readable query, lists with plain commas', () => {
    expect(writeAnalysisState(FULL)).toBe(
      '?jeu=demo&niveau=commune&epci=200000172&indicateur=mean_ep&periode=avant_1948,1948_1974' +
        '&statut=locataire_prive&surface=moins_30&etiq=F,G&classes=fixes&seuils=0.1,0.2' +
        '&palette=viridis&carte=1.6888,46.8123,8.5&vue=tableau',
    );
    expect(parseAnalysisState(writeAnalysisState(FULL))).toEqual({ state: FULL, notices: [] });
  });

  it('still reads the links of the first view, and they read ours', () => {
    const legacy = '?jeu=demo&indicateur=total_ef_gwh&epci=200000172';
    const { state, notices } = parseAnalysisState(legacy);
    expect(notices).toEqual([]);
    expect(state).toMatchObject({
      dataset: 'demo',
      metric: 'total_ef_gwh',
      selection: { level: 'epci', code: '200000172' },
      level: 'epci',
    });
    const written = new URLSearchParams(writeAnalysisState(state));
    expect([written.get('jeu'), written.get('indicateur'), written.get('epci')]).toEqual([
      'demo',
      'total_ef_gwh',
      '200000172',
    ]);
  });

  it('keeps the parameters it does not own, and replaces its own', () => {
    expect(
      writeAnalysisState(
        { ...FULL, table: false, map: null },
        '?vue=tableau&onglet=programme&etiq=A',
      ),
    ).toBe(
      '?onglet=programme&jeu=demo&niveau=commune&epci=200000172&indicateur=mean_ep' +
        '&periode=avant_1948,1948_1974&statut=locataire_prive&surface=moins_30&etiq=F,G' +
        '&classes=fixes&seuils=0.1,0.2&palette=viridis',
    );
  });

  it('ignores invalid parameters, each with a French notice', () => {
    const { state, notices } = parseAnalysisState(
      '?etiq=Z&niveau=canton&epci=123456789&indicateur=fg&classes=egales&palette=arc-en-ciel' +
        '&carte=200,46,5&seuils=0.3,0.1&vue=liste&periode=avant_1948,1900&jeu=%01',
    );
    expect(notices).toEqual([
      'Paramètre « jeu » ignoré : identifiant de jeu de données « \u0001 » invalide',
      'Paramètre « niveau » ignoré : valeur « canton » inconnue',
      "Paramètre « epci » ignoré : « 123456789 » n'est pas un numéro SIREN",
      'Paramètre « indicateur » ignoré : valeur « fg » inconnue',
      'Paramètre « periode » : valeur « 1900 » inconnue, ignorée',
      'Paramètre « etiq » ignoré : valeur « Z » inconnue',
      'Paramètre « classes » ignoré : valeur « egales » inconnue',
      'Paramètre « seuils » ignoré : seuils « 0.3,0.1 » invalides (nombres croissants attendus, 8 au plus)',
      'Paramètre « palette » ignoré : valeur « arc-en-ciel » inconnue',
      'Paramètre « carte » ignoré : position « 200,46,5 » invalide (attendu : longitude,latitude,zoom)',
      'Paramètre « vue » ignoré : valeur « liste » inconnue',
    ]);
    expect(state).toEqual({
      ...defaultAnalysisState(),
      filters: { ...defaultAnalysisState().filters, periods: ['avant_1948'] },
    });
  });

  it('shares « vue » with the steering tab: both parsers agree on every value', () => {
    const cases = [
      { search: '', app: 'parc', table: false },
      { search: '?vue=carte', app: 'parc', table: false },
      { search: '?vue=tableau&epci=243600327', app: 'parc', table: true },
      { search: '?vue=pilotage&epci=243600327', app: 'pilotage', table: false },
      { search: '?vue=campagnes&epci=243600327', app: 'campagnes', table: false },
    ] as const;
    for (const { search, app, table } of cases) {
      const { state, notices } = parseAnalysisState(search);
      expect(notices).toEqual([]);
      expect(state.table).toBe(table);
      expect(readAppView(search)).toBe(app);
      // Writing the analysis state keeps the steering tab open, and the tab keeps the table.
      expect(readAppView(writeAnalysisState(state, search))).toBe(app);
      expect(parseAnalysisState(writeAppView('parc', search)).state.table).toBe(table);
    }
    expect(writeAnalysisState({ ...defaultAnalysisState(), table: true }, '?vue=pilotage')).toBe(
      '?vue=tableau',
    );
    expect(readAppView(writeAppView('pilotage', '?vue=tableau'))).toBe('pilotage');
    expect(writeAppView('parc', '?vue=campagnes&epci=243600327')).toBe('?epci=243600327');
  });

  it('keeps the finest of several selections', () => {
    const { state, notices } = parseAnalysisState('?region=24&commune=36044&departement=36');
    expect(state.selection).toEqual({ level: 'commune', code: '36044' });
    expect(notices).toEqual([
      'Paramètre « departement » ignoré : un seul territoire est sélectionné (« commune »)',
      'Paramètre « region » ignoré : un seul territoire est sélectionné (« commune »)',
    ]);
  });

  it('normalises codes, label case, order, duplicates and map precision', () => {
    const { state, notices } = parseAnalysisState(
      '?commune=75112&etiq=g,f,G&carte=1.688849,46.812351,8.5049',
    );
    expect(notices).toEqual([]);
    expect(state.selection).toEqual({ level: 'commune', code: '75056' });
    expect(state.filters.labels).toEqual(['F', 'G']);
    expect(state.map).toEqual({ lon: 1.6888, lat: 46.8124, zoom: 8.5 });
    expect(parseAnalysisState('?departement=2a').state.selection).toEqual({
      level: 'departement',
      code: '2A',
    });
    expect(parseAnalysisState('?commune=1001').state.selection?.code).toBe('01001');
  });
});

describe('territory codes', () => {
  it('validate each level', () => {
    expect(normaliseTerritoryCode('region', '84')).toBe('84');
    expect(normaliseTerritoryCode('region', '8')).toBeNull();
    expect(normaliseTerritoryCode('departement', '20')).toBeNull();
    expect(normaliseTerritoryCode('departement', '2B')).toBe('2B');
    expect(normaliseTerritoryCode('departement', '974')).toBe('974');
    expect(normaliseTerritoryCode('departement', '977')).toBeNull();
    expect(normaliseTerritoryCode('epci', '200000173')).toBeNull();
    expect(normaliseTerritoryCode('commune', '2A004')).toBe('2A004');
    expect(isTerritoryCode('commune', '13201')).toBe(false);
    expect(isTerritoryCode('departement', '2a')).toBe(false);
  });
});

describe('toStockFilters', () => {
  it('adds the dataset to the filters', () => {
    expect(toStockFilters(FULL.filters, 'demo')).toEqual({ ...FULL.filters, dataset: 'demo' });
  });
});

const LEGAL_DEPARTEMENTS = [
  ...Array.from({ length: 95 }, (_, i) => String(i + 1).padStart(2, '0')).filter((d) => d !== '20'),
  '2A',
  '2B',
  '971',
  '972',
  '973',
  '974',
  '976',
];

const codeArbitrary = {
  region: fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')),
  departement: fc.constantFrom(...LEGAL_DEPARTEMENTS),
  epci: fc.constantFrom('200000172', '217400423', '243600327', '200046977'),
  commune: fc
    .tuple(
      fc.constantFrom(...LEGAL_DEPARTEMENTS.filter((d) => d.length === 2)),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(([d, n]) => `${d}${String(n).padStart(3, '0')}`)
    .filter((code) => !isMunicipalArrondissement(code)),
};

const selectionArbitrary = fc.oneof(
  fc.constant(null),
  fc
    .constantFrom(...TERRITORY_LEVELS)
    .chain((level) => codeArbitrary[level].map((code) => ({ level, code }))),
);

const filtersArbitrary = fc.record({
  housingTypes: fc.subarray([...FILTER_DIMENSIONS.housingTypes.values]),
  periods: fc.subarray([...FILTER_DIMENSIONS.periods.values]),
  energies: fc.subarray([...FILTER_DIMENSIONS.energies.values]),
  tenures: fc.subarray([...FILTER_DIMENSIONS.tenures.values]),
  surfaceBands: fc.subarray([...FILTER_DIMENSIONS.surfaceBands.values]),
  labels: fc.subarray([...FILTER_DIMENSIONS.labels.values]),
});

const fixed = (scale: number, max: number) =>
  fc.integer({ min: -max * scale, max: max * scale }).map((n) => (n === 0 ? 0 : n / scale));

const stateArbitrary: fc.Arbitrary<AnalysisState> = fc.record({
  dataset: fc.oneof(
    fc.constant(null),
    fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 30 })
      .filter((s) => s.trim() !== '' && [...s].every((c) => c > '\u001f' && c !== '\u007f')),
  ),
  level: fc.constantFrom(...TERRITORY_LEVELS),
  selection: selectionArbitrary,
  metric: fc.constantFrom(...INDICATORS.map((indicator) => indicator.id)),
  filters: filtersArbitrary,
  method: fc.constantFrom(...CLASSIFICATION_METHODS.map((method) => method.id)),
  thresholds: fc.oneof(
    fc.constant(null),
    fc
      .uniqueArray(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
        minLength: 1,
        maxLength: 8,
        comparator: (a, b) => a === b,
      })
      .map((values) => values.map((v) => (v === 0 ? 0 : v)).sort((a, b) => a - b))
      .filter((values) => values.every((v, i) => i === 0 || v > (values[i - 1] ?? v))),
  ),
  palette: fc.constantFrom(...PALETTES.map((palette) => palette.id)),
  map: fc.oneof(
    fc.constant(null),
    fc.record({ lon: fixed(1e4, 180), lat: fixed(1e4, 85), zoom: fixed(100, 24).map(Math.abs) }),
  ),
  table: fc.boolean(),
});

const OWN_KEYS = [
  'jeu',
  'niveau',
  'indicateur',
  'classes',
  'seuils',
  'palette',
  'carte',
  'vue',
  ...TERRITORY_LEVELS,
  ...FILTER_KEYS.map((key) => FILTER_DIMENSIONS[key].urlKey),
];

const tokenArbitrary = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    'F',
    'g',
    'avant_1948',
    '2A',
    '200000172',
    'fixes',
    'tableau',
    'viridis',
    '1,2,3',
  ),
  fc
    .array(fc.constantFrom('F', 'Z', '', ' G', 'maison', '0.1', '-0', '1e3', 'NaN'), {
      maxLength: 5,
    })
    .map((parts) => parts.join(',')),
);

describe('round trip (property)', () => {
  it('reads back every valid state it writes, without notice', () => {
    fc.assert(
      fc.property(stateArbitrary, (state) => {
        expect(parseAnalysisState(writeAnalysisState(state))).toEqual({ state, notices: [] });
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on garbage, and always yields a valid state', () => {
    const garbage = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc
        .array(fc.tuple(fc.oneof(fc.constantFrom(...OWN_KEYS), fc.string()), tokenArbitrary), {
          maxLength: 8,
        })
        .map((pairs) => new URLSearchParams(pairs).toString()),
    );
    fc.assert(
      fc.property(garbage, (search) => {
        const { state, notices } = parseAnalysisState(search);
        expect(notices.every((notice) => notice.startsWith('Paramètre « '))).toBe(true);
        if (state.selection !== null) {
          expect(isTerritoryCode(state.selection.level, state.selection.code)).toBe(true);
        }
        // A valid state is one that survives a round trip unchanged and without notice.
        expect(parseAnalysisState(writeAnalysisState(state))).toEqual({ state, notices: [] });
      }),
      { numRuns: 600 },
    );
  });
});
