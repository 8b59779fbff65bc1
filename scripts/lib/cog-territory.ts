/**
 * Territory tables of metropolitan France from the current COG: communes (type
 * `commune-actuelle`), EPCI membership, départements and régions, all from the npm package
 * `@etalab/decoupage-administratif` (6.0.0: COG 2026, INSEE + DGCL, Licence Ouverte).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isDepartementCode } from '../../src/domain/codes.ts';
import type { TerritoryCommune, TerritoryEpci } from '../../src/domain/territory.ts';

/** COG year of the composition in the installed `@etalab/decoupage-administratif`. */
export const COG_YEAR = 2026;

/** Names the territory reference in reports and messages. */
export const COG_REFERENCE = `COG ${COG_YEAR} (@etalab/decoupage-administratif 6.0.0)`;

/** A commune of `communes.json` (fields used here). */
export interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  population?: number;
}

/** An EPCI of `epci.json` with its member communes. */
export interface CogEpci {
  code: string;
  nom: string;
  type: string;
  membres: { code: string; nom?: string; populationMunicipale?: number }[];
}

/** A département or a région of the package. */
export interface CogArea {
  code: string;
  nom: string;
}

/** Everything the territory tables are built from. */
export interface CogInput {
  communes: CogCommune[];
  epcis: CogEpci[];
  departements: CogArea[];
  regions: CogArea[];
}

/** Tables of metropolitan France, with the soft problems met while building them. */
export interface CogTerritory {
  communes: TerritoryCommune[];
  epcis: TerritoryEpci[];
  departements: CogArea[];
  regions: CogArea[];
  /** French lines: members not found among the communes, communes in two EPCI… */
  warnings: string[];
}

/** Whether a département code is metropolitan (01–95 and 2A, 2B; 20 split in 1976). */
export function isMetropolitanDepartement(code: string): boolean {
  return isDepartementCode(code) && !code.startsWith('97');
}

const EPCI_TYPES: Readonly<Record<string, string>> = { METRO: 'ME', MET69: 'METLYON' };

/** COG EPCI type → the contour files' spelling (CA, CC, CU, ME, METLYON). */
export function normaliseEpciType(type: string): string {
  return EPCI_TYPES[type] ?? type;
}

/**
 * Builds the commune and EPCI tables of metropolitan France. Population is the member's
 * `populationMunicipale` when the EPCI list gives it, else the commune's population.
 * The département and région of an EPCI are those of its most populous member.
 */
export function buildCogTerritory(input: CogInput): CogTerritory {
  const warnings: string[] = [];
  const metroCommunes = input.communes.filter(
    (c) => c.type === 'commune-actuelle' && isMetropolitanDepartement(c.departement),
  );
  const communeByCode = new Map(metroCommunes.map((c) => [c.code, c]));
  const allCodes = new Set(
    input.communes.filter((c) => c.type === 'commune-actuelle').map((c) => c.code),
  );
  const membership = new Map<string, { epci: CogEpci; population: number | undefined }>();
  const unknownMembers: string[] = [];
  for (const epci of input.epcis) {
    for (const member of epci.membres) {
      if (!allCodes.has(member.code)) unknownMembers.push(`${member.code} (${epci.code})`);
      const previous = membership.get(member.code);
      if (previous !== undefined) {
        warnings.push(
          `Commune ${member.code} membre de deux EPCI : ${previous.epci.code} retenu, ${epci.code} ignoré.`,
        );
        continue;
      }
      membership.set(member.code, { epci, population: member.populationMunicipale });
    }
  }
  if (unknownMembers.length > 0) {
    warnings.push(
      `${unknownMembers.length} commune(s) membre(s) d'EPCI absente(s) du COG des communes : ${unknownMembers.slice(0, 10).join(', ')}${unknownMembers.length > 10 ? '…' : ''}.`,
    );
  }
  const communes: TerritoryCommune[] = metroCommunes
    .map((c) => {
      const member = membership.get(c.code);
      return {
        code_commune: c.code,
        nom_commune: c.nom,
        code_epci: member?.epci.code ?? null,
        code_departement: c.departement,
        code_region: c.region,
        population: member?.population ?? c.population ?? 0,
      };
    })
    .sort((a, b) => a.code_commune.localeCompare(b.code_commune));
  const rowByCode = new Map(communes.map((c) => [c.code_commune, c]));
  const epcis: TerritoryEpci[] = [];
  for (const epci of input.epcis) {
    const members = epci.membres.flatMap((m) => rowByCode.get(m.code) ?? []);
    if (members.length === 0) continue;
    const overseas = epci.membres.filter((m) => allCodes.has(m.code) && !communeByCode.has(m.code));
    if (overseas.length > 0) {
      warnings.push(`EPCI ${epci.code} (${epci.nom}) à cheval sur la métropole et l'outre-mer.`);
    }
    const largest = members.reduce((best, c) =>
      c.population > best.population ||
      (c.population === best.population && c.code_commune < best.code_commune)
        ? c
        : best,
    );
    epcis.push({
      code_epci: epci.code,
      nom_epci: epci.nom,
      type_epci: normaliseEpciType(epci.type),
      code_departement: largest.code_departement,
      code_region: largest.code_region,
      population: members.reduce((sum, c) => sum + c.population, 0),
      commune_count: members.length,
      has_contour: false,
    });
  }
  epcis.sort((a, b) => a.code_epci.localeCompare(b.code_epci));
  const departements = input.departements
    .filter((d) => isMetropolitanDepartement(d.code))
    .map(({ code, nom }) => ({ code, nom }));
  const metroRegions = new Set(metroCommunes.map((c) => c.region));
  const regions = input.regions
    .filter((r) => metroRegions.has(r.code))
    .map(({ code, nom }) => ({ code, nom }));
  return { communes, epcis, departements, regions, warnings };
}

/**
 * Plausible bounds for metropolitan France (COG 2023: 34,816 communes, 65.3 M inhabitants;
 * COG 2026: 34,746 communes, 66.2 M).
 */
export const PLAUSIBLE_COMMUNE_COUNT = [34_000, 36_000] as const;
/** Plausible bounds of the total municipal population of metropolitan France. */
export const PLAUSIBLE_POPULATION = [60_000_000, 70_000_000] as const;

/** A territory that fails a plausibility check (wrong or truncated source file). */
export class TerritoryCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TerritoryCheckError';
  }
}

/**
 * Checks the commune count and total population against plausible bounds.
 * @throws TerritoryCheckError with a French message when either is out of bounds.
 */
export function checkPlausibility(communes: readonly TerritoryCommune[]): {
  count: number;
  population: number;
} {
  const count = communes.length;
  const population = communes.reduce((sum, c) => sum + c.population, 0);
  const fmt = (n: number) => n.toLocaleString('fr-FR');
  if (count < PLAUSIBLE_COMMUNE_COUNT[0] || count > PLAUSIBLE_COMMUNE_COUNT[1]) {
    throw new TerritoryCheckError(
      `Nombre de communes métropolitaines invraisemblable : ${fmt(count)} (attendu entre ${fmt(PLAUSIBLE_COMMUNE_COUNT[0])} et ${fmt(PLAUSIBLE_COMMUNE_COUNT[1])}) ; vérifiez le COG.`,
    );
  }
  if (population < PLAUSIBLE_POPULATION[0] || population > PLAUSIBLE_POPULATION[1]) {
    throw new TerritoryCheckError(
      `Population métropolitaine invraisemblable : ${fmt(population)} (attendu entre ${fmt(PLAUSIBLE_POPULATION[0])} et ${fmt(PLAUSIBLE_POPULATION[1])}) ; vérifiez le COG.`,
    );
  }
  return { count, population };
}

/** Reads one JSON file of the installed `@etalab/decoupage-administratif` package. */
export function readPackageData<T>(file: string): T {
  const path = createRequire(import.meta.url).resolve(
    `@etalab/decoupage-administratif/data/${file}`,
  );
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (error) {
    throw new TerritoryCheckError(`Lecture impossible de ${path} : ${(error as Error).message}`);
  }
}

/** Reads the COG inputs of the installed package (communes, EPCI, départements, régions). */
export function loadCogInput(): CogInput {
  const epcis = readPackageData<CogEpci[]>('epci.json');
  if (!Array.isArray(epcis)) throw new TerritoryCheckError("epci.json : liste d'EPCI attendue.");
  return {
    communes: readPackageData<CogCommune[]>('communes.json'),
    epcis,
    departements: readPackageData<CogArea[]>('departements.json'),
    regions: readPackageData<CogArea[]>('regions.json'),
  };
}
