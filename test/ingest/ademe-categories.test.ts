import { describe, expect, it } from 'vitest';
import type {
  ConstructionPeriod,
  HeatingEnergy,
  HousingType,
} from '../../src/domain/stock-schema.ts';
import {
  constructionPeriodOfLabel,
  constructionPeriodOfYear,
  constructionYearOf,
  heatingEnergyOf,
  housingTypeOf,
} from '../../src/ingest/ademe-categories.ts';

describe('housingTypeOf', () => {
  it.each<[string, HousingType | null | undefined]>([
    ['maison', 'maison'],
    ['Appartement', 'appartement'],
    ['immeuble', 'appartement'],
    ['Résidentiel individuel', 'maison'],
    ['Résidentiel collectif', 'appartement'],
    ['', null],
    ['bureau', undefined],
  ])('%j → %j', (raw, expected) => {
    expect(housingTypeOf(raw)).toBe(expected);
  });
});

describe('construction periods', () => {
  it.each<[number, ConstructionPeriod]>([
    [1947, 'avant_1948'],
    [1948, '1948_1974'],
    [1974, '1948_1974'],
    [1975, '1975_1988'],
    [1988, '1975_1988'],
    [1989, '1989_2000'],
    [2001, '2001_2012'],
    [2012, '2001_2012'],
    [2013, 'apres_2012'],
  ])('year %d → %s', (year, period) => {
    expect(constructionPeriodOfYear(year)).toBe(period);
  });

  it.each<[string, number | null | undefined]>([
    ['1965', 1965],
    ['1965.0', 1965],
    ['', null],
    ['65', undefined],
    ['0', undefined],
    ['2999', undefined],
  ])('year cell %j → %s', (raw, year) => {
    expect(constructionYearOf(raw)).toBe(year);
  });

  it.each<[string, ConstructionPeriod | null | undefined]>([
    ['avant 1948', 'avant_1948'],
    ['1948-1974', '1948_1974'],
    ['1975-1977', '1975_1988'],
    ['1978-1982', '1975_1988'],
    ['1983-1988', '1975_1988'],
    ['1989-2000', '1989_2000'],
    ['2001-2005', '2001_2012'],
    ['2006-2012', '2001_2012'],
    ['2013-2021', 'apres_2012'],
    ['après 2021', 'apres_2012'],
    ['1948–1974', '1948_1974'],
    ['1989_2000', '1989_2000'],
    ['', null],
    ['1970-1980', undefined],
    ['avant 1975', undefined],
    ['après 2000', undefined],
    ['récent', undefined],
  ])('period %j → %j', (raw, period) => {
    expect(constructionPeriodOfLabel(raw)).toBe(period);
  });
});

describe('heatingEnergyOf', () => {
  it.each<[string, HeatingEnergy | null | undefined]>([
    ['Électricité', 'electricite'],
    ["Électricité d'origine renouvelable utilisée dans le bâtiment", 'electricite'],
    ['Gaz naturel', 'gaz'],
    ['gaz', 'gaz'],
    ['Fioul domestique', 'fioul'],
    ['Bois – Bûches', 'bois'],
    ['Bois – Granulés (pellets) ou briquettes', 'bois'],
    ['Réseau de Chauffage urbain', 'reseau_chaleur'],
    ['reseau de chaleur', 'reseau_chaleur'],
    ['GPL', 'gpl'],
    ['Propane', 'gpl'],
    ['gpl/butane/propane', 'gpl'],
    ['Charbon', 'charbon'],
    ['reseau_chaleur', 'reseau_chaleur'],
    ['', null],
    ['Réseau de Froid Urbain', undefined],
    ['Pompe à chaleur', undefined],
  ])('%j → %j', (raw, energy) => {
    expect(heatingEnergyOf(raw)).toBe(energy);
  });
});
