/** Canonical codes of the territories selected in the URL. */
import {
  arrondissementToCommune,
  isDepartementCode,
  isInseeCommuneCode,
  isMunicipalArrondissement,
  isSiren,
  normaliseInseeCode,
} from '../domain/codes.ts';
import type { TerritoryLevel } from '../domain/territory.ts';

const REGION_CODE = /^\d{2}$/;

/**
 * The code of a territory of `level` in its canonical form, or null when it is not one: région
 * 2 digits; département 01–95 (2A/2B, not 20) or 971–976; EPCI a SIREN; commune an INSEE code
 * (normalised, arrondissements of Paris, Lyon, Marseille mapped to their commune).
 */
export function normaliseTerritoryCode(level: TerritoryLevel, raw: string): string | null {
  const code = raw.trim().toUpperCase();
  switch (level) {
    case 'region':
      return REGION_CODE.test(code) ? code : null;
    case 'departement':
      return isDepartementCode(code) ? code : null;
    case 'epci':
      return isSiren(code) ? code : null;
    case 'commune': {
      const commune = normaliseInseeCode(code);
      return commune === null ? null : arrondissementToCommune(commune);
    }
  }
}

/** Whether a code is the canonical code of a territory of `level` (what the URL writes). */
export function isTerritoryCode(level: TerritoryLevel, code: string): boolean {
  if (level === 'commune') return isInseeCommuneCode(code) && !isMunicipalArrondissement(code);
  return normaliseTerritoryCode(level, code) === code;
}
