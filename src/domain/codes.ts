/**
 * INSEE (COG) commune codes and SIREN numbers: validation, normalisation and the Paris / Lyon /
 * Marseille municipal arrondissements.
 */

// Départements: metropolitan 01–95 (Corsica 2A and 2B, 20 split in 1976), overseas 971–976.
const METROPOLITAN = String.raw`0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]`;
const OVERSEAS = '97[1-6]';
const DEPARTEMENT_CODE = new RegExp(`^(?:${METROPOLITAN}|${OVERSEAS})$`);
const COMMUNE_CODE = new RegExp(String.raw`^(?:(?:${METROPOLITAN})\d{3}|${OVERSEAS}\d{2})$`);

/**
 * Whether a string is an INSEE département code: 01–95 (2A / 2B for Corsica, not 20) or an
 * overseas département 971–976. Checks the shape only.
 */
export function isDepartementCode(code: string): boolean {
  return DEPARTEMENT_CODE.test(code);
}

/**
 * Whether a string is an INSEE commune code: a metropolitan département (01–95 except 20, or 2A /
 * 2B for Corsica) followed by 3 digits, or an overseas département / collectivity 971–976 followed
 * by 2 digits. Checks the shape only, not that the commune exists in a COG vintage.
 */
export function isInseeCommuneCode(code: string): boolean {
  return COMMUNE_CODE.test(code);
}

// Spreadsheets turn '01001' into the number 1001 and some exports write it back as '1001.0'.
const NUMERIC_CODE = /^(\d{4,5})(?:\.0+)?$/;

/**
 * Normalises a commune code typed or exported by hand: trims, uppercases ('2a004' → '2A004'),
 * drops a spreadsheet '.0' suffix and restores the leading zero that spreadsheets drop
 * ('1001' → '01001'). Returns null when the result is not a valid commune code.
 */
export function normaliseInseeCode(raw: string): string | null {
  let code = raw.trim().toUpperCase();
  const numeric = NUMERIC_CODE.exec(code);
  if (numeric?.[1] !== undefined) code = numeric[1].padStart(5, '0');
  return isInseeCommuneCode(code) ? code : null;
}

/** Whether a string of digits passes the Luhn (mod 10) check. */
function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Whether a string is a SIREN number: 9 digits with a valid Luhn check digit.
 *
 * The known La Poste exception concerns SIRET numbers (14 digits) of the 356 000 000 group, whose
 * establishments are checked by a digit sum multiple of 5; the SIREN 356000000 itself passes Luhn.
 * Every EPCI and member-commune SIREN of the COG 2023 EPCI list passes Luhn (checked in the tests).
 */
export function isSiren(code: string): boolean {
  return /^\d{9}$/.test(code) && passesLuhn(code);
}

/**
 * Département of a commune: the first 2 characters ('01001' → '01', '2A004' → '2A'), or the
 * first 3 overseas ('97101' → '971'). Null when the code is not a commune code.
 */
export function departementOfCommune(code: string): string | null {
  if (!isInseeCommuneCode(code)) return null;
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

interface ArrondissementRange {
  first: number;
  last: number;
  commune: string;
}

// COG: Paris 75101–75120, Lyon 69381–69389, Marseille 13201–13216.
const ARRONDISSEMENTS: readonly ArrondissementRange[] = [
  { first: 75101, last: 75120, commune: '75056' },
  { first: 69381, last: 69389, commune: '69123' },
  { first: 13201, last: 13216, commune: '13055' },
];

function arrondissementRange(code: string): ArrondissementRange | undefined {
  if (!/^\d{5}$/.test(code)) return undefined;
  const value = Number(code);
  return ARRONDISSEMENTS.find((range) => value >= range.first && value <= range.last);
}

/** Whether a code is a municipal arrondissement of Paris, Lyon or Marseille. */
export function isMunicipalArrondissement(code: string): boolean {
  return arrondissementRange(code) !== undefined;
}

/**
 * Maps a municipal arrondissement to its commune (75101–75120 → 75056, 69381–69389 → 69123,
 * 13201–13216 → 13055), as DPE records use arrondissement codes while the COG EPCI membership
 * lists the communes. Any other code is returned unchanged.
 */
export function arrondissementToCommune(code: string): string {
  return arrondissementRange(code)?.commune ?? code;
}

/**
 * The codes under which a commune's records are filed in sources that use municipal
 * arrondissements (ADEME DPE: `code_insee_ban`): the arrondissements of Paris, Lyon and Marseille
 * (75056 → 75056, 75101…75120: the commune code too, in case a record carries it), the commune
 * itself otherwise.
 */
export function communeRecordCodes(code: string): string[] {
  const range = ARRONDISSEMENTS.find((entry) => entry.commune === code);
  if (range === undefined) return [code];
  const codes: string[] = [code];
  for (let value = range.first; value <= range.last; value++) codes.push(String(value));
  return codes;
}
