/**
 * The real facts the stock model starts from, per commune: density (population and area of the
 * commune contours) and the construction periods of main residences from the census — per
 * commune when the user gives a per-commune census file, else per EPCI (the EPCI file of the
 * sources) spread over the EPCI's communes by density without changing the EPCI totals.
 */
import { readFileSync } from 'node:fs';
import { area as geodesicArea } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { TerritoryCommune } from '../../src/domain/territory.ts';
import type { CommuneCensus } from './census-commune-csv.ts';
import { CENSUS_BINS, parseEpciCensus } from './census-periods.ts';
import { type CommuneCensusReport, matchCommuneCensus } from './commune-census-match.ts';
import { getSource, MissingSourceError, resolveSource, type SourceLookup } from './sources.ts';

/** Where a commune's construction periods come from. */
export type PeriodSource = 'commune' | 'epci' | 'departement';

/** Inputs of one commune. */
export interface CommuneInput {
  /** Inhabitants per km², or null when the commune has no known area. */
  density: number | null;
  /** Share of main residences in each census bin (order of `CENSUS_BINS`), summing to 1. */
  bins: number[];
  periodSource: PeriodSource;
  /** The commune's own census line, when a per-commune file was given and lists it. */
  census: CommuneCensus | null;
}

/** What was read, matched and left out, for the build log and the calibration report. */
export interface ModelInputsReport {
  /** Per-commune census file given by the user, or null for the EPCI file of the sources. */
  communeFile: CommuneCensusReport | null;
  epciFile: null | {
    path: string;
    title: string;
    vintage: string;
    rows: number;
    rejected: { index: number; reason: string }[];
    /** EPCI of the territory with census shares. */
    matched: number;
    /** Census SIREN that are not EPCI of the territory (overseas, or changed since). */
    notInTerritory: string[];
    /**
     * EPCI of the territory without census shares under their own SIREN, whose communes took the
     * shares of the EPCI they belonged to in the COG 2023 (the census file's vintage is older).
     */
    remapped: { code_epci: string; from: string[] }[];
    /** EPCI of the territory without census shares (their communes take the département's). */
    withoutCensus: string[];
  };
  area: { path: string; matched: number; missing: number };
  /** Communes by period source. */
  periodSources: Record<PeriodSource, number>;
}

/** Inputs of every commune, in the order of the communes given. */
export interface ModelInputs {
  communes: CommuneInput[];
  report: ModelInputsReport;
}

/**
 * How much a census bin's share moves with the commune's density inside its EPCI: the factor
 * exp(β × (log10 density − EPCI mean)) before the EPCI totals are restored. Assumed directions
 * (INSEE regional studies): old dwellings in villages, post-war blocks in the denser towns.
 */
const DENSITY_TILT = [-0.35, -0.15, 0.3, 0.15, 0, -0.05, 0];

/**
 * Extra log-weight of each bin in the centre of an urban EPCI (its most populous commune when it
 * has at least `CITY_CENTRE_POPULATION` inhabitants): historic cores are old and dense, while
 * recent building goes to the outskirts (Paris holds most of the pre-1946 flats of the Métropole
 * du Grand Paris).
 */
const CENTRE_TILT = [1.4, 0.9, 0, 0, -0.3, -0.3, 0];
/** Population from which an EPCI's most populous commune counts as a city centre. */
const CITY_CENTRE_POPULATION = 50_000;

const log10Density = (input: CommuneInput): number => Math.log10(Math.max(input.density ?? 1, 1));

/**
 * Spreads one EPCI's census shares over its communes (weights: population, a proxy of main
 * residences): starting from the tilted shares, rows
 * (communes) and columns (bins, weighted by main residences ≈ population) are scaled in turn
 * until the weighted column sums equal the EPCI's shares (iterative proportional fitting).
 */
export function spreadOverCommunes(
  target: readonly number[],
  weights: readonly number[],
  logDensity: readonly number[],
): number[][] {
  const total = weights.reduce((a, b) => a + b, 0);
  const mean =
    total > 0 ? logDensity.reduce((sum, x, i) => sum + x * (weights[i] ?? 0), 0) / total : 0;
  const largest = weights.reduce((best, w, i) => (w > (weights[best] ?? 0) ? i : best), 0);
  const centre =
    weights.length > 1 && (weights[largest] ?? 0) >= CITY_CENTRE_POPULATION ? largest : -1;
  const rows = logDensity.map((x, i) =>
    target.map(
      (t, k) =>
        t *
        Math.exp((DENSITY_TILT[k] ?? 0) * (x - mean) + (i === centre ? (CENTRE_TILT[k] ?? 0) : 0)),
    ),
  );
  const normaliseRows = () => {
    for (const row of rows) {
      const sum = row.reduce((a, b) => a + b, 0);
      if (sum > 0) for (let k = 0; k < row.length; k++) row[k] = (row[k] ?? 0) / sum;
    }
  };
  for (let iteration = 0; iteration < 40 && total > 0; iteration++) {
    normaliseRows();
    target.forEach((t, k) => {
      const sum = rows.reduce((acc, row, i) => acc + (row[k] ?? 0) * (weights[i] ?? 0), 0) / total;
      if (sum > 0) for (const row of rows) row[k] = ((row[k] ?? 0) * t) / sum;
    });
  }
  normaliseRows();
  return rows;
}

type CommuneFeature = Feature<Polygon | MultiPolygon | null, { code?: string; area_m2?: number }>;

/**
 * Area (m²) of every commune of the contour file: its `area_m2` property (the mirror's), else the
 * geodesic area of its geometry (the official file has no area property).
 */
function readAreas(lookup: SourceLookup): { path: string; areas: Map<string, number> } {
  const path = resolveSource('communes-contours-2025', lookup);
  const collection = JSON.parse(readFileSync(path, 'utf8')) as { features?: CommuneFeature[] };
  const areas = new Map<string, number>();
  for (const feature of collection.features ?? []) {
    const code = feature.properties?.code;
    if (typeof code !== 'string') continue;
    const given = feature.properties?.area_m2;
    const area =
      typeof given === 'number' ? given : feature.geometry === null ? 0 : geodesicArea(feature);
    if (area > 0) areas.set(code, area);
  }
  return { path, areas };
}

/** Population-weighted mean of the bins of some communes, or null when none has any. */
function weightedBins(
  members: readonly { population: number; bins: readonly number[] }[],
): number[] | null {
  const total = members.reduce((sum, m) => sum + m.population, 0);
  if (total <= 0) return null;
  return CENSUS_BINS.map(
    (_, k) => members.reduce((sum, m) => sum + m.population * (m.bins[k] ?? 0), 0) / total,
  );
}

/** Options of `loadModelInputs`. */
export interface ModelInputsOptions extends SourceLookup {
  /** A per-commune census file (base-cc-logement layout); default: the EPCI file of the sources. */
  communeCensusPath?: string;
}

/**
 * Builds the inputs of the model for `communes`.
 * @throws MissingSourceError when the contours are missing (without the EPCI census file, periods
 *   are assumed: `report.epciFile` is null);
 * CensusFileError when the per-commune file cannot be read.
 */
export function loadModelInputs(
  communes: readonly TerritoryCommune[],
  options: ModelInputsOptions = {},
): ModelInputs {
  const { path: areaPath, areas } = readAreas(options);
  const inputs: CommuneInput[] = communes.map((c) => {
    const area = areas.get(c.code_commune);
    return {
      density: area === undefined ? null : c.population / (area / 1e6),
      bins: [],
      periodSource: 'departement',
      census: null,
    };
  });
  const area = {
    path: areaPath,
    matched: inputs.filter((i) => i.density !== null).length,
    missing: 0,
  };
  area.missing = communes.length - area.matched;
  const report: ModelInputsReport = {
    communeFile: null,
    epciFile: null,
    area,
    periodSources: { commune: 0, epci: 0, departement: 0 },
  };
  if (options.communeCensusPath !== undefined) {
    report.communeFile = applyCommuneCensus(communes, inputs, options.communeCensusPath);
  } else {
    try {
      report.epciFile = applyEpciCensus(communes, inputs, options);
    } catch (error) {
      // Without the census the model still builds, on assumed periods, and says so (build log,
      // model_support, the « Méthode » panels flag every territory).
      if (!(error instanceof MissingSourceError)) throw error;
    }
  }
  fillFromDepartement(communes, inputs);
  for (const input of inputs) report.periodSources[input.periodSource] += 1;
  return { communes: inputs, report };
}

function applyCommuneCensus(
  communes: readonly TerritoryCommune[],
  inputs: CommuneInput[],
  path: string,
): CommuneCensusReport {
  const { byIndex, report } = matchCommuneCensus(communes, path);
  for (const [index, census] of byIndex) {
    const input = inputs[index];
    if (input === undefined || census.mainResidences <= 0) continue;
    const total = census.bins.reduce((a, b) => a + b, 0);
    if (total <= 0) continue;
    input.bins = census.bins.map((b) => b / total);
    input.periodSource = 'commune';
    input.census = census;
  }
  return report;
}

function applyEpciCensus(
  communes: readonly TerritoryCommune[],
  inputs: CommuneInput[],
  lookup: SourceLookup,
): NonNullable<ModelInputsReport['epciFile']> {
  const source = getSource('insee-rp-periods-epci');
  const path = resolveSource('insee-rp-periods-epci', lookup);
  const census = parseEpciCensus(readFileSync(path, 'utf8'));
  const members = new Map<string, number[]>();
  communes.forEach((c, i) => {
    if (c.code_epci !== null) members.set(c.code_epci, [...(members.get(c.code_epci) ?? []), i]);
  });
  const withoutCensus: string[] = [];
  const remapped: { code_epci: string; from: string[] }[] = [];
  let previousEpci: Map<string, string> | null = null;
  let matched = 0;
  for (const [code, indices] of members) {
    const target = census.bins.get(code);
    if (target === undefined) {
      previousEpci ??= readPreviousEpci(lookup);
      const from = remapFromPrevious(communes, inputs, indices, census.bins, previousEpci);
      if (from.length > 0) remapped.push({ code_epci: code, from });
      else withoutCensus.push(code);
      continue;
    }
    matched++;
    const spread = spreadOverCommunes(
      target,
      indices.map((i) => communes[i]?.population ?? 0),
      indices.map((i) => log10Density(inputs[i] as CommuneInput)),
    );
    indices.forEach((communeIndex, k) => {
      const input = inputs[communeIndex];
      if (input === undefined) return;
      input.bins = spread[k] ?? [...target];
      input.periodSource = 'epci';
    });
  }
  return {
    path,
    title: source.title,
    vintage: source.vintage,
    rows: census.rows,
    rejected: census.rejected,
    matched,
    notInTerritory: [...census.bins.keys()].filter((code) => !members.has(code)).sort(),
    remapped,
    withoutCensus: withoutCensus.sort(),
  };
}

/** Commune → SIREN of its EPCI in the COG 2023 of the sources; empty when the file is absent. */
function readPreviousEpci(lookup: SourceLookup): Map<string, string> {
  const byCommune = new Map<string, string>();
  let path: string;
  try {
    path = resolveSource('cog-epci-2023', lookup);
  } catch (error) {
    if (error instanceof MissingSourceError) return byCommune;
    throw error;
  }
  const epcis = JSON.parse(readFileSync(path, 'utf8')) as {
    code: string;
    membres?: { code: string }[];
  }[];
  for (const epci of epcis) for (const m of epci.membres ?? []) byCommune.set(m.code, epci.code);
  return byCommune;
}

/** Gives communes of an EPCI absent from the census the shares of their former EPCI; returns its codes. */
function remapFromPrevious(
  communes: readonly TerritoryCommune[],
  inputs: CommuneInput[],
  indices: readonly number[],
  bins: ReadonlyMap<string, number[]>,
  previousEpci: ReadonlyMap<string, string>,
): string[] {
  const from = new Set<string>();
  for (const index of indices) {
    const previous = previousEpci.get(communes[index]?.code_commune ?? '');
    const shares = previous === undefined ? undefined : bins.get(previous);
    const input = inputs[index];
    if (previous === undefined || shares === undefined || input === undefined) continue;
    input.bins = [...shares];
    input.periodSource = 'epci';
    from.add(previous);
  }
  return [...from].sort();
}

/** Communes still without periods take their département's (population-weighted), else France's. */
function fillFromDepartement(communes: readonly TerritoryCommune[], inputs: CommuneInput[]): void {
  const known = communes
    .map((c, i) => ({
      dep: c.code_departement,
      population: c.population,
      bins: inputs[i]?.bins ?? [],
    }))
    .filter((m) => m.bins.length > 0);
  const national = weightedBins(known) ?? CENSUS_BINS.map(() => 1 / CENSUS_BINS.length);
  const byDep = new Map<string, number[] | null>();
  communes.forEach((c, i) => {
    const input = inputs[i];
    if (input === undefined || input.bins.length > 0) return;
    if (!byDep.has(c.code_departement)) {
      byDep.set(
        c.code_departement,
        weightedBins(known.filter((m) => m.dep === c.code_departement)),
      );
    }
    input.bins = [...(byDep.get(c.code_departement) ?? national)];
    input.periodSource = 'departement';
  });
}
