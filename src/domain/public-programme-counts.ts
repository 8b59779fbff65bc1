/**
 * The programme's carnets and works as they may be shown to the public (« Mode public ») and
 * published as open data: ONE statistical-secret pattern (statistical-secret.ts) over the whole
 * hierarchy that the screens and files publish, so that no combination of them reveals a hidden
 * cell:
 *
 *   total → partner region group → EPCI → commune
 *
 * - a region group per code of `partnerRegions` (in that order), holding the adopting EPCI of that
 *   partner region, plus one « Hors territoires adhérents » group (code null) holding the
 *   non-adopting EPCI and the communes of carnets without EPCI, when there are any: the rows of
 *   computeRegionBreakdown;
 * - an adopting EPCI whose partner region is not in `partnerRegions` hangs directly under the
 *   total (computeRegionBreakdown counts it in no region);
 * - the EPCI are those of computeEpciBreakdown; a carnet counts in its commune and in its
 *   `code_epci`, works where their carnet is, as on the steering screen;
 * - `membership` adds the communes without carnets of every EPCI of the table as zero rows.
 *   The pattern depends on it (zeros are cells), so every publication must pass the same one.
 */
import type { NodeKey, PublishedValue, TableAudit } from './disclosure-audit.ts';
import { auditPublishedTree } from './disclosure-audit.ts';
import type { ProgrammeData } from './programme-data.ts';
import { computeEpciBreakdown } from './programme-kpis.ts';
import {
  type CountColumn,
  type CountTree,
  type CountTreeNode,
  type SuppressedCell,
  type SuppressedTree,
  type SuppressionSummary,
  suppressTree,
  trueTreeValues,
} from './statistical-secret.ts';

/** The published count columns; works describe households counted in carnets (zero rule). */
export const PROGRAMME_COUNT_COLUMNS: readonly CountColumn[] = [
  { id: 'carnets' },
  { id: 'travaux', population: 'carnets' },
];

/** Levels of the programme hierarchy below the total. */
export const REGION_LEVEL = 'region';
export const EPCI_LEVEL = 'epci';
export const COMMUNE_LEVEL = 'commune';

/** Code of the « Hors territoires adhérents » group inside the tree (region codes are digits). */
export const OUTSIDE_REGION_CODE = 'hors';

/** A commune of the territory reference and its EPCI (null outside any EPCI). */
export interface MemberCommune {
  code_commune: string;
  code_epci: string | null;
}

/** A published carnets / works pair; null is a suppressed cell (« s »). */
export interface PublicPair {
  carnets: PublishedValue;
  works: PublishedValue;
}

/** What the public may see of the programme, all levels from one suppression pattern. */
export interface PublicProgrammeCounts {
  threshold: number;
  total: PublicPair;
  /** Key: partner region code; null = « Hors territoires adhérents » (only when that group exists). */
  regions: ReadonlyMap<string | null, PublicPair>;
  /** Key: EPCI SIREN: every EPCI of computeEpciBreakdown(data). */
  epcis: ReadonlyMap<string, PublicPair>;
  /** Key: commune INSEE code: every commune holding a carnet, plus the zero rows of `membership`. */
  communes: ReadonlyMap<string, PublicPair>;
  /** Every cell of the four levels, both columns. */
  summary: SuppressionSummary;
}

const region = (code: string): NodeKey => ({ level: REGION_LEVEL, code });
const epci = (code: string): NodeKey => ({ level: EPCI_LEVEL, code });
const compareCodes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Carnets and works per commune, and the EPCI of each commune, from the carnets. */
function countCommunes(data: ProgrammeData) {
  const communeOf = new Map<string, string>();
  const epciOf = new Map<string, string | null>();
  const counts = new Map<string, [number, number]>();
  for (const carnet of data.carnets) {
    const commune = carnet.code_commune;
    const known = epciOf.get(commune);
    if (known !== undefined && known !== carnet.code_epci) {
      throw new RangeError(
        `Commune ${commune} rattachée à deux EPCI dans les carnets : ${known ?? 'aucun'} et ${carnet.code_epci ?? 'aucun'}`,
      );
    }
    epciOf.set(commune, carnet.code_epci);
    communeOf.set(carnet.id_carnet, commune);
    const pair = counts.get(commune) ?? [0, 0];
    pair[0]++;
    counts.set(commune, pair);
  }
  for (const work of data.works) {
    const commune = communeOf.get(work.id_carnet);
    if (commune === undefined) {
      throw new RangeError(`Travaux d'un carnet inconnu : « ${work.id_carnet} »`);
    }
    const pair = counts.get(commune);
    if (pair) pair[1]++;
  }
  return { epciOf, counts };
}

/**
 * The four-level tree of true counts (see the module documentation): regions in `partnerRegions`
 * order then « hors », EPCI by SIREN, communes by code.
 */
export function buildProgrammeCountTree(
  data: ProgrammeData,
  partnerRegions: readonly string[],
  membership: readonly MemberCommune[] = [],
): CountTree {
  const partners = new Set(partnerRegions);
  if (partners.size !== partnerRegions.length) {
    throw new RangeError(`Région partenaire en double : ${partnerRegions.join(', ')}`);
  }
  const { epciOf, counts } = countCommunes(data);
  const epcis = computeEpciBreakdown(data);
  const hasOutside = epcis.some((e) => !e.adopting) || [...epciOf.values()].some((e) => e === null);
  const outside = region(OUTSIDE_REGION_CODE);
  const nodes: CountTreeNode[] = partnerRegions.map((code) => ({
    ...region(code),
    parent: null,
    values: null,
  }));
  if (hasOutside) nodes.push({ ...outside, parent: null, values: null });
  const present = new Set<string>();
  for (const e of epcis) {
    present.add(e.siren_epci);
    const parent = !e.adopting
      ? outside
      : e.code_region !== null && partners.has(e.code_region)
        ? region(e.code_region)
        : null;
    nodes.push({ ...epci(e.siren_epci), parent, values: null });
  }
  const communes = new Map<string, NodeKey>();
  for (const [commune, code] of epciOf) communes.set(commune, code === null ? outside : epci(code));
  for (const m of membership) {
    if (m.code_epci !== null && present.has(m.code_epci) && !communes.has(m.code_commune)) {
      communes.set(m.code_commune, epci(m.code_epci));
    }
  }
  for (const code of [...communes.keys()].sort(compareCodes)) {
    nodes.push({
      level: COMMUNE_LEVEL,
      code,
      parent: communes.get(code) ?? null,
      values: counts.get(code) ?? [0, 0],
    });
  }
  return { columns: PROGRAMME_COUNT_COLUMNS, nodes };
}

/** The suppression pattern of the four-level tree (what every publication must draw from). */
export function suppressProgrammeCounts(
  data: ProgrammeData,
  partnerRegions: readonly string[],
  membership?: readonly MemberCommune[],
): SuppressedTree {
  return suppressTree(buildProgrammeCountTree(data, partnerRegions, membership));
}

const published = (cell: SuppressedCell | undefined): PublishedValue =>
  cell === undefined || cell.suppressed !== null ? null : cell.value;
const pairOf = (cells: readonly SuppressedCell[]): PublicPair => ({
  carnets: published(cells[0]),
  works: published(cells[1]),
});

/** The public maps of a suppressed programme tree. */
export function toPublicProgrammeCounts(tree: SuppressedTree): PublicProgrammeCounts {
  const regions = new Map<string | null, PublicPair>();
  const epcis = new Map<string, PublicPair>();
  const communes = new Map<string, PublicPair>();
  for (const node of tree.nodes) {
    const pair = pairOf(node.cells);
    if (node.level === REGION_LEVEL) {
      regions.set(node.code === OUTSIDE_REGION_CODE ? null : node.code, pair);
    } else if (node.level === EPCI_LEVEL) epcis.set(node.code, pair);
    else if (node.level === COMMUNE_LEVEL) communes.set(node.code, pair);
  }
  return {
    threshold: tree.threshold,
    total: pairOf(tree.total),
    regions,
    epcis,
    communes,
    summary: tree.summary,
  };
}

/**
 * Carnets and works per partner region group, EPCI and commune, and the total, with the
 * statistical secret applied as one pattern over the four levels.
 */
export function publicProgrammeCounts(
  data: ProgrammeData,
  partnerRegions: readonly string[],
  membership?: readonly MemberCommune[],
): PublicProgrammeCounts {
  return toPublicProgrammeCounts(suppressProgrammeCounts(data, partnerRegions, membership));
}

/**
 * Audits the public maps of a suppressed programme tree, read as an attacker would (values
 * looked up in the maps, the hierarchy from the tree), against the true counts.
 */
export function auditPublicCounts(tree: SuppressedTree): TableAudit {
  const counts = toPublicProgrammeCounts(tree);
  const pairOfNode = (node: NodeKey): PublicPair | undefined => {
    if (node.level === REGION_LEVEL) {
      return counts.regions.get(node.code === OUTSIDE_REGION_CODE ? null : node.code);
    }
    return (node.level === EPCI_LEVEL ? counts.epcis : counts.communes).get(node.code);
  };
  const values = (pair: PublicPair | undefined): PublishedValue[] => {
    if (pair === undefined) throw new RangeError('A node of the tree has no published pair');
    return [pair.carnets, pair.works];
  };
  const truth = trueTreeValues(tree);
  return auditPublishedTree(
    {
      columns: tree.columns.map((c) => c.id),
      nodes: tree.nodes.map((node) => ({
        level: node.level,
        code: node.code,
        parent: node.parent,
        values: values(pairOfNode(node)),
      })),
      total: values(counts.total),
    },
    (id) => truth.get(id),
    counts.threshold,
  );
}

/** Audit of everything publicProgrammeCounts publishes (all four levels) against the true counts. */
export function auditPublicProgrammeCounts(
  data: ProgrammeData,
  partnerRegions: readonly string[],
  membership?: readonly MemberCommune[],
): TableAudit {
  return auditPublicCounts(suppressProgrammeCounts(data, partnerRegions, membership));
}
