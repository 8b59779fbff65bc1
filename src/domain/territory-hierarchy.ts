/**
 * The territories of the drill-down (région → département → EPCI → commune) with their names and
 * parents, and the navigation rules built on them: path of a selection (the breadcrumb), the
 * territory whose children the map shows, the next level down.
 */
import { formatCount } from './format.ts';
import { TERRITORY_LEVELS, type TerritoryLevel, type TerritoryRef } from './territory.ts';

/** One row of the territory reference (`territoryHierarchySql`): an EPCI or a commune. */
export interface TerritoryHierarchyRow {
  level: 'epci' | 'commune';
  code: string;
  name: string;
  code_epci: string | null;
  code_departement: string | null;
  code_region: string | null;
}

/** One territory: name and the codes of the territories containing it. */
export interface TerritoryInfo extends TerritoryRef {
  name: string;
  parents: Partial<Record<TerritoryLevel, string>>;
}

/** Territories by level and code. */
export type TerritoryHierarchy = Readonly<
  Record<TerritoryLevel, ReadonlyMap<string, TerritoryInfo>>
>;

/** French names of a level: label (`one`), singular inside a sentence, plural (« Voir les … »). */
interface LevelName {
  one: string;
  singular: string;
  many: string;
}

function levelName(singular: string, many: string): LevelName {
  return { one: `${singular.charAt(0).toUpperCase()}${singular.slice(1)}`, singular, many };
}

/** French names of the levels (« par EPCI », « par commune », « Commune » as a label). */
export const LEVEL_NAMES: Readonly<Record<TerritoryLevel, LevelName>> = {
  region: levelName('région', 'régions'),
  departement: levelName('département', 'départements'),
  epci: levelName('EPCI', 'EPCI'),
  commune: levelName('commune', 'communes'),
};

/** A count of territories of a level, the French way: « 1 232 EPCI », « 1 commune ». */
export function formatLevelCount(count: number, level: TerritoryLevel): string {
  return formatCount(count, LEVEL_NAMES[level].singular, LEVEL_NAMES[level].many);
}

interface NamedCode {
  code: string;
  nom: string;
}

/**
 * Builds the hierarchy from the contours of régions and départements (names) and the reference
 * rows of EPCI and communes. A département's région is the one of its communes.
 */
export function buildTerritoryHierarchy(
  regions: readonly NamedCode[],
  departements: readonly NamedCode[],
  rows: readonly TerritoryHierarchyRow[],
): TerritoryHierarchy {
  const regionOf = new Map<string, string>();
  for (const row of rows) {
    if (row.level === 'commune' && row.code_departement !== null && row.code_region !== null) {
      regionOf.set(row.code_departement, row.code_region);
    }
  }
  const byLevel = {
    region: new Map<string, TerritoryInfo>(),
    departement: new Map<string, TerritoryInfo>(),
    epci: new Map<string, TerritoryInfo>(),
    commune: new Map<string, TerritoryInfo>(),
  };
  for (const { code, nom } of regions) {
    byLevel.region.set(code, { level: 'region', code, name: nom, parents: {} });
  }
  for (const { code, nom } of departements) {
    const region = regionOf.get(code);
    byLevel.departement.set(code, {
      level: 'departement',
      code,
      name: nom,
      parents: region === undefined ? {} : { region },
    });
  }
  for (const row of rows) {
    const parents: Partial<Record<TerritoryLevel, string>> = {};
    if (row.code_region !== null) parents.region = row.code_region;
    if (row.code_departement !== null) parents.departement = row.code_departement;
    if (row.level === 'commune' && row.code_epci !== null) parents.epci = row.code_epci;
    byLevel[row.level].set(row.code, { level: row.level, code: row.code, name: row.name, parents });
  }
  return byLevel;
}

/** Rank of a level, 0 for the région. */
function levelRank(level: TerritoryLevel): number {
  return TERRITORY_LEVELS.indexOf(level);
}

/** The level below, or null below the commune. */
export function childLevel(level: TerritoryLevel): TerritoryLevel | null {
  return TERRITORY_LEVELS[levelRank(level) + 1] ?? null;
}

/** A territory of the hierarchy, or undefined when unknown. */
export function territoryInfo(
  hierarchy: TerritoryHierarchy,
  ref: TerritoryRef,
): TerritoryInfo | undefined {
  return hierarchy[ref.level].get(ref.code);
}

/**
 * The path from the région down to `ref` (included), coarsest first: the breadcrumb after
 * « France ». Unknown territories are left out.
 */
export function territoryPath(hierarchy: TerritoryHierarchy, ref: TerritoryRef): TerritoryInfo[] {
  const info = territoryInfo(hierarchy, ref);
  if (info === undefined) return [];
  const path: TerritoryInfo[] = [];
  for (const level of TERRITORY_LEVELS.slice(0, levelRank(ref.level))) {
    const code = info.parents[level];
    const parent = code === undefined ? undefined : hierarchy[level].get(code);
    if (parent !== undefined) path.push(parent);
  }
  path.push(info);
  return path;
}

/**
 * The territory whose children of `level` the map and the table show: the finest territory of the
 * selection's path that is coarser than `level` (null: the whole of France). Selecting an EPCI on
 * the EPCI map thus keeps its neighbours of the same département in view.
 */
export function rowsParent(
  hierarchy: TerritoryHierarchy,
  level: TerritoryLevel,
  selection: TerritoryRef | null,
): TerritoryRef | null {
  if (selection === null) return null;
  const coarser = territoryPath(hierarchy, selection).filter(
    (entry) => levelRank(entry.level) < levelRank(level),
  );
  const parent = coarser.at(-1);
  return parent === undefined ? null : { level: parent.level, code: parent.code };
}

/** Whether a territory of `level` lies inside `parent` (always, without parent). */
export function isInside(
  hierarchy: TerritoryHierarchy,
  ref: TerritoryRef,
  parent: TerritoryRef | null,
): boolean {
  if (parent === null) return true;
  if (ref.level === parent.level) return ref.code === parent.code;
  return territoryInfo(hierarchy, ref)?.parents[parent.level] === parent.code;
}

/**
 * The features whose territory of `level` lies inside `parent` (every feature without parent): the
 * contours of a level narrowed to the parent the map shows, e.g. an EPCI's communes out of its
 * départements' files.
 */
export function featuresInside<Feature extends { properties: { code: string } }>(
  hierarchy: TerritoryHierarchy,
  level: TerritoryLevel,
  features: readonly Feature[],
  parent: TerritoryRef | null,
): Feature[] {
  if (parent === null) return [...features];
  return features.filter((feature) =>
    isInside(hierarchy, { level, code: feature.properties.code }, parent),
  );
}

const epciDepartements = new WeakMap<TerritoryHierarchy, ReadonlyMap<string, string[]>>();

/** Per EPCI, the départements of its member communes, in code order (built once per hierarchy). */
function departementsByEpci(hierarchy: TerritoryHierarchy): ReadonlyMap<string, string[]> {
  let index = epciDepartements.get(hierarchy);
  if (index === undefined) {
    const sets = new Map<string, Set<string>>();
    for (const commune of hierarchy.commune.values()) {
      const { epci, departement } = commune.parents;
      if (epci === undefined || departement === undefined) continue;
      const set = sets.get(epci) ?? new Set<string>();
      set.add(departement);
      sets.set(epci, set);
    }
    index = new Map([...sets].map(([epci, set]) => [epci, [...set].sort()]));
    epciDepartements.set(hierarchy, index);
  }
  return index;
}

/**
 * The départements whose commune contour files hold the communes of `parent` at commune level:
 * the département itself, or every département of an EPCI's member communes (an EPCI may straddle
 * two or three). Null for France or a région: too many communes for one map, the user picks a
 * département or an EPCI first.
 */
export function communeDepartements(
  hierarchy: TerritoryHierarchy,
  parent: TerritoryRef | null,
): string[] | null {
  if (parent === null || parent.level === 'region') return null;
  if (parent.level === 'departement') return [parent.code];
  if (parent.level === 'epci') return departementsByEpci(hierarchy).get(parent.code) ?? [];
  const departement = territoryInfo(hierarchy, parent)?.parents.departement;
  return departement === undefined ? [] : [departement];
}

/** The départements of a région, in code order. */
export function departementsOfRegion(
  hierarchy: TerritoryHierarchy,
  region: string,
): TerritoryInfo[] {
  return [...hierarchy.departement.values()]
    .filter((info) => info.parents.region === region)
    .sort((a, b) => a.code.localeCompare(b.code));
}
