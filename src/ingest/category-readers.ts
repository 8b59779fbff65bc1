/**
 * Readers of the category cells shared by the DPE and BDNB mappers: memoised parsing (few
 * distinct values over many rows), and a warning for every value that is not recognised.
 */
import type { StockRow } from '../domain/stock-schema.ts';
import {
  constructionPeriodOfLabel,
  constructionPeriodOfYear,
  constructionYearOf,
  heatingEnergyOf,
  housingTypeOf,
} from './ademe-categories.ts';
import type { MapContext } from './csv-import.ts';
import { highAltitudeOf, smallDwellingBoundsOf } from './label-consistency.ts';
import { memoize } from './memoize.ts';

/** Category readers of one import. */
export interface CategoryReaders {
  /** Housing type; an unrecognised type is left empty (warned). */
  housingType(raw: string, context: MapContext): StockRow['housing_type'];
  /** Construction period from the year when there is one, else from the period text. */
  period(rawYear: string, rawPeriod: string, context: MapContext): StockRow['construction_period'];
  /** Heating energy; an unrecognised energy becomes 'autre' (warned). */
  energy(raw: string, context: MapContext): StockRow['heating_energy'];
  /** Whether the altitude rule of the DPE applies (see {@link highAltitudeOf}). */
  highAltitude(altitudeClass: string, climateZone: string): boolean | null;
  /** Whether the small-dwelling bounds apply (see {@link smallDwellingBoundsOf}). */
  smallDwellingBounds(date: string): boolean | null;
}

/** Makes the category readers of one import (each with its own memo). */
export function createCategoryReaders(): CategoryReaders {
  const housingType = memoize(housingTypeOf);
  const year = memoize(constructionYearOf);
  const period = memoize(constructionPeriodOfLabel);
  const energy = memoize(heatingEnergyOf);
  const altitude = memoize((key: string) => {
    const separator = key.indexOf('\u0000');
    return highAltitudeOf(key.slice(0, separator), key.slice(separator + 1));
  });
  const smallBounds = memoize(smallDwellingBoundsOf);
  return {
    housingType(raw, context) {
      const value = housingType(raw);
      if (value !== undefined) return value;
      context.warn(
        'type_logement_non_reconnu',
        'Types de bâtiment non reconnus (ni maison, ni appartement, ni immeuble) : laissés vides.',
        raw.trim(),
      );
      return null;
    },
    period(rawYear, rawPeriod, context) {
      const y = year(rawYear);
      if (y !== null && y !== undefined) return constructionPeriodOfYear(y);
      if (y === undefined) {
        context.warn(
          'annee_invalide',
          'Années de construction illisibles ignorées.',
          rawYear.trim(),
        );
      }
      const value = period(rawPeriod);
      if (value !== undefined) return value;
      context.warn(
        'periode_non_reconnue',
        'Périodes de construction non reconnues ou à cheval sur deux périodes canoniques : laissées vides.',
        rawPeriod.trim(),
      );
      return null;
    },
    energy(raw, context) {
      const value = energy(raw);
      if (value !== undefined) return value;
      context.warn(
        'energie_non_reconnue',
        'Énergies de chauffage non reconnues, classées « autre ».',
        raw.trim(),
      );
      return 'autre';
    },
    highAltitude: (altitudeClass, climateZone) => altitude(`${altitudeClass}\u0000${climateZone}`),
    smallDwellingBounds: smallBounds,
  };
}
