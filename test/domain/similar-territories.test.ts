import { describe, expect, it } from 'vitest';
import {
  isPopulationBandId,
  isSimilarTerritory,
  POPULATION_BANDS,
  peerGroupLabel,
  populationBandOf,
} from '../../src/domain/similar-territories.ts';

describe('populationBandOf', () => {
  it.each<[number | null, string | null]>([
    [0, 'moins_15k'],
    [3_920, 'moins_15k'],
    [14_999, 'moins_15k'],
    [15_000, '15k_50k'],
    [49_999, '15k_50k'],
    [50_000, '50k_100k'],
    [100_000, '100k_250k'],
    [249_999, '100k_250k'],
    [250_000, '250k_plus'],
    [7_086_619, '250k_plus'],
    [-1, null],
    [Number.NaN, null],
    [null, null],
  ])('puts %s inhabitants in %s', (population, band) => {
    expect(populationBandOf(population)).toBe(band);
  });

  it('has contiguous bands on the legal EPCI thresholds', () => {
    expect(POPULATION_BANDS.map((band) => band.max)).toEqual([
      15_000,
      50_000,
      100_000,
      250_000,
      null,
    ]);
    expect(POPULATION_BANDS.slice(1).map((band) => band.min)).toEqual(
      POPULATION_BANDS.slice(0, -1).map((band) => band.max),
    );
    expect(isPopulationBandId('15k_50k')).toBe(true);
    expect(isPopulationBandId('15k-50k')).toBe(false);
  });
});

describe('isSimilarTerritory', () => {
  const cc = { code_epci: '200000172', type_epci: 'CC', population: 20_000 };

  it('needs another EPCI of the same form and population band', () => {
    expect(
      isSimilarTerritory(cc, { code_epci: '243600327', type_epci: 'CC', population: 49_999 }),
    ).toBe(true);
    expect(
      isSimilarTerritory(cc, { code_epci: '243600327', type_epci: 'CC', population: 50_000 }),
    ).toBe(false);
    expect(
      isSimilarTerritory(cc, { code_epci: '243600327', type_epci: 'CA', population: 30_000 }),
    ).toBe(false);
    expect(isSimilarTerritory(cc, cc)).toBe(false);
  });

  it('finds no peer without a population', () => {
    const unknown = { ...cc, population: null };
    expect(isSimilarTerritory(unknown, { ...unknown, code_epci: '243600327' })).toBe(false);
  });
});

describe('peerGroupLabel', () => {
  it('names the group in French', () => {
    expect(peerGroupLabel('CC', '15k_50k')).toBe(
      'Communautés de communes de 15 000 à 50 000 habitants',
    );
    expect(peerGroupLabel('CA', 'moins_15k')).toBe(
      "Communautés d'agglomération de moins de 15 000 habitants",
    );
    expect(peerGroupLabel('ME', '250k_plus')).toBe('Métropoles de 250 000 habitants ou plus');
    expect(peerGroupLabel('XX', '50k_100k')).toBe('EPCI de type XX de 50 000 à 100 000 habitants');
  });
});
