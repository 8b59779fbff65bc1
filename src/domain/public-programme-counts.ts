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
import type { ProgrammeData } from './programme-data.ts';
import {
  auditPublishedTree,
  type NodeKey,
  type PublishedValue,
  type TableAudit,
} from './published-counts.ts';
import { trueTreeValues } from './secret-publication.ts';
import {
  type CountColumn,
  type CountTree,
  type CountTreeNode,
  type SuppressedCell,
  type SuppressedTree,
  type SuppressionSummary,
  suppressTree,
} from './statistical-secret.ts';

/** The published count columns; works describe households counted in carnets (zero rule). */
const PROGRAMME_COUNT_COLUMNS: readonly CountColumn[] = [
  { id: 'carnets' },
  { id: 'travaux', population: 'carnets' },
];

/** Levels of the programme hierarchy below the total. */
const REGION_LEVEL = 'region';
export const EPCI_LEVEL = 'epci';
export const COMMUNE_LEVEL = 'commune';

/** Code of the « Hors territoires adhérents » group inside the tree (region codes are digits). */
const OUTSIDE_REGION_CODE = 'hors';

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
  // Keyed by the works' carnets, not by all carnets: a map of 63,000 ids costs more than the
  // whole suppression on the browser's main thread.
  const worksOf = new Map<string, number>();
  for (const w of data.works) worksOf.set(w.id_carnet, (worksOf.get(w.id_carnet) ?? 0) + 1);
  const communes = new Map<string, { epci: string | null; carnets: number; works: number }>();
  let placed = 0;
  for (const carnet of data.carnets) {
    const works = worksOf.get(carnet.id_carnet) ?? 0;
    placed += works;
    const row = communes.get(carnet.code_commune);
    if (row === undefined) {
      communes.set(carnet.code_commune, { epci: carnet.code_epci, carnets: 1, works });
      continue;
    }
    if (row.epci !== carnet.code_epci) {
      throw new RangeError(
        `Commune ${carnet.code_commune} rattachée à deux EPCI dans les carnets : ${row.epci ?? 'aucun'} et ${carnet.code_epci ?? 'aucun'}`,
      );
    }
    row.carnets++;
    row.works += works;
  }
  if (placed !== data.works.length) {
    const ids = new Set(data.carnets.map((c) => c.id_carnet));
    const orphan = data.works.find((w) => !ids.has(w.id_carnet))?.id_carnet;
    throw new RangeError(
      orphan === undefined
        ? `Identifiant de carnet en double : ${placed} travaux rattachés pour ${data.works.length}`
        : `Travaux d'un carnet inconnu : « ${orphan} »`,
    );
  }
  return communes;
}

/**
 * The EPCI of computeEpciBreakdown (adopting territories, then the EPCI of carnets) and the group
 * each hangs under, without its per-carnet work counts (too slow to run twice on every load).
 */
function epciParents(
  data: ProgrammeData,
  communes: ReadonlyMap<string, { epci: string | null }>,
  partners: ReadonlySet<string>,
): Map<string, NodeKey | null> {
  const adopting = new Map(data.territories.map((t) => [t.siren_epci, t.code_region_partenaire]));
  const sirens = new Set(adopting.keys());
  for (const { epci } of communes.values()) if (epci !== null) sirens.add(epci);
  const parents = new Map<string, NodeKey | null>();
  for (const siren of [...sirens].sort(compareCodes)) {
    const partner = adopting.get(siren);
    parents.set(
      siren,
      partner === undefined
        ? region(OUTSIDE_REGION_CODE)
        : partners.has(partner)
          ? region(partner)
          : null,
    );
  }
  return parents;
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
  const counts = countCommunes(data);
  const epcis = epciParents(data, counts, partners);
  const outside = region(OUTSIDE_REGION_CODE);
  const hasOutside =
    [...epcis.values()].some((p) => p?.code === OUTSIDE_REGION_CODE) ||
    [...counts.values()].some((c) => c.epci === null);
  const nodes: CountTreeNode[] = partnerRegions.map((code) => ({
    ...region(code),
    parent: null,
    values: null,
  }));
  if (hasOutside) nodes.push({ ...outside, parent: null, values: null });
  for (const [siren, parent] of epcis) nodes.push({ ...epci(siren), parent, values: null });
  const communes = new Map<string, NodeKey>();
  for (const [code, c] of counts) communes.set(code, c.epci === null ? outside : epci(c.epci));
  for (const m of membership) {
    if (m.code_epci !== null && epcis.has(m.code_epci) && !communes.has(m.code_commune)) {
      communes.set(m.code_commune, epci(m.code_epci));
    }
  }
  for (const code of [...communes.keys()].sort(compareCodes)) {
    nodes.push({
      level: COMMUNE_LEVEL,
      code,
      parent: communes.get(code) ?? null,
      values: [counts.get(code)?.carnets ?? 0, counts.get(code)?.works ?? 0],
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
