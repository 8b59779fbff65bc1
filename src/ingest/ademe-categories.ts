/**
 * ADEME and BDNB category texts mapped to the canonical stock categories. Each mapper returns
 * null for an empty cell and undefined for a text it does not recognise, so that the caller can
 * warn about the latter.
 */
import type { ConstructionPeriod, HeatingEnergy, HousingType } from '../domain/stock-schema.ts';
import { CONSTRUCTION_PERIODS, HEATING_ENERGIES } from '../domain/stock-schema.ts';

/** Lower case, no accents, dashes and underscores as spaces, single spaces. */
export function normaliseCategory(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Housing type from the DPE `Type_bâtiment` / `type_batiment` (`maison`, `appartement`,
 * `immeuble`: a whole building of flats), the BDNB `type_batiment_dpe`, or the BDNB usage
 * (`Résidentiel individuel` / `Résidentiel collectif`).
 */
export function housingTypeOf(raw: string): HousingType | null | undefined {
  const text = normaliseCategory(raw);
  if (text === '') return null;
  if (text === 'maison' || text === 'maison individuelle' || text === 'residentiel individuel') {
    return 'maison';
  }
  if (
    text === 'appartement' ||
    text === 'immeuble' ||
    text === 'logements collectifs' ||
    text === 'residentiel collectif'
  ) {
    return 'appartement';
  }
  return undefined;
}

/** Construction period of a year: the canonical breaks are 1948, 1975, 1989, 2001 and 2013. */
export function constructionPeriodOfYear(year: number): ConstructionPeriod {
  if (year < 1948) return 'avant_1948';
  if (year < 1975) return '1948_1974';
  if (year < 1989) return '1975_1988';
  if (year < 2001) return '1989_2000';
  if (year < 2013) return '2001_2012';
  return 'apres_2012';
}

/** Earliest and latest plausible construction years; others are typing errors. */
const MIN_YEAR = 1000;
const MAX_YEAR = 2100;

/** Construction year from a cell (`1975`, `1975.0`); undefined when not a plausible year. */
export function constructionYearOf(raw: string): number | null | undefined {
  const text = raw.trim();
  if (text === '') return null;
  const match = /^(\d{4})(?:[.,]0+)?$/.exec(text);
  const year = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : undefined;
}

/**
 * Construction period from a period text: ADEME / BDNB periods (`avant 1948`, `1948-1974`,
 * `1975-1977`, `2013-2021`, `après 2021`) or the canonical keys. A period is mapped only when it
 * lies within one canonical period (`1975-1977` → 1975–1988); one that straddles a break is
 * undefined.
 */
export function constructionPeriodOfLabel(raw: string): ConstructionPeriod | null | undefined {
  const text = normaliseCategory(raw);
  if (text === '') return null;
  if (Object.hasOwn(CONSTRUCTION_PERIODS, raw.trim())) return raw.trim() as ConstructionPeriod;
  let first: number | undefined;
  let last: number | undefined;
  const before = /^avant (\d{4})$/.exec(text);
  const after = /^(?:apres|depuis) (\d{4})$|^(\d{4}) et (?:apres|plus)$/.exec(text);
  const range = /^(\d{4})(?: ?- ?| a | )(\d{4})$/.exec(text);
  if (before?.[1] !== undefined) last = Number(before[1]) - 1;
  else if (after !== null) {
    const year = after[1] ?? after[2];
    if (year !== undefined) first = Number(year) + (after[1] !== undefined ? 1 : 0);
  } else if (range?.[1] !== undefined && range[2] !== undefined) {
    first = Number(range[1]);
    last = Number(range[2]);
    if (first > last) return undefined;
  } else {
    return undefined;
  }
  if (first === undefined && last !== undefined) {
    return constructionPeriodOfYear(last) === 'avant_1948' ? 'avant_1948' : undefined;
  }
  if (first !== undefined && last === undefined) {
    return constructionPeriodOfYear(first) === 'apres_2012' ? 'apres_2012' : undefined;
  }
  if (first === undefined || last === undefined) return undefined;
  const period = constructionPeriodOfYear(first);
  return constructionPeriodOfYear(last) === period ? period : undefined;
}

/**
 * Heating energy from the ADEME names (`Électricité`, `Gaz naturel`, `Fioul domestique`,
 * `Bois – Bûches`, `Réseau de Chauffage urbain`, `GPL`, `Propane`, `Charbon`…), the simplified BDNB
 * names (`electricite`, `gaz`, `reseau de chaleur`, `gpl/butane/propane`…) or the canonical keys.
 */
export function heatingEnergyOf(raw: string): HeatingEnergy | null | undefined {
  const text = normaliseCategory(raw);
  if (text === '') return null;
  if (Object.hasOwn(HEATING_ENERGIES, raw.trim())) return raw.trim() as HeatingEnergy;
  if (text.startsWith('electricite') || text === 'electrique') return 'electricite';
  if (text === 'gaz' || text.startsWith('gaz naturel')) return 'gaz';
  if (text.startsWith('fioul') || text.startsWith('fuel')) return 'fioul';
  if (text.startsWith('bois') || text.startsWith('biomasse')) return 'bois';
  if (
    text.startsWith('reseau de chauffage') ||
    text.startsWith('reseau de chaleur') ||
    text === 'chauffage urbain'
  ) {
    return 'reseau_chaleur';
  }
  if (text.startsWith('gpl') || text.startsWith('propane') || text.startsWith('butane')) {
    return 'gpl';
  }
  if (text.startsWith('charbon')) return 'charbon';
  if (text === 'autre' || text.startsWith('autre ')) return 'autre';
  return undefined;
}
