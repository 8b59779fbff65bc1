/**
 * What `npm run data:territory` says once the data is built: the JSON object of `--json` (per
 * source: where from, when, pages and rows fetched, rows read = accepted + rejected, label counts,
 * replaced DPE and weak geocoding), its French text, and the provenance written into the manifest
 * (the dataset's `provenance`, the manifest's `sources`).
 */
import { basename } from 'node:path';
import { formatInteger } from '../../src/domain/format.ts';
import { type DatasetProvenance, OBSERVED_CAVEAT } from '../../src/domain/provenance.ts';
import type { ImportRejection, ImportReport } from '../../src/ingest/import-report.ts';
import { emptyLabelCounts, type LabelCounts } from '../../src/ingest/import-report.ts';
import { DPE_SOURCE_NAME } from '../../src/opendata/dpe-api.ts';
import type { BuildDataOptions, DataBuildSummary } from '../data-build.ts';
import type { BdnbFetchResult } from './territory-bdnb.ts';
import type { DpeStoreResult } from './territory-dpe-store.ts';
import { territoryModel } from './territory-model.ts';
import { type TerritorySelection, territoryLabel } from './territory-selection.ts';

/** What was fetched, before the build. */
export interface TerritoryFetchSummary {
  territory: TerritorySelection;
  root: string;
  out: string;
  dpe?: { base: string; result: DpeStoreResult };
  bdnb?: BdnbFetchResult;
}

/** The `dpe` member of the JSON output. */
export interface DpeFetchReport {
  source: string;
  fetched_at: string;
  since: string | null;
  pages: number;
  rows_fetched: number;
  records_kept: number;
  rows_read: number;
  accepted: number;
  rejected: number;
  by_label: LabelCounts;
  replaced_dropped: number;
  weak_geocoding: number;
  /** The first rejections (line and reason), replaced DPE first. */
  rejections: ImportRejection[];
}

/** The `bdnb` member of the JSON output. */
export interface BdnbFetchReport {
  source: string;
  fetched_at: string;
  archives: BdnbFetchResult['archives'];
  tables: Record<string, number>;
  rows_read: number;
  accepted: number;
  rejected: number;
  by_label: LabelCounts;
}

/** The JSON output, plus the French text. */
export interface TerritoryFetchResult {
  territory: { kind: string; code: string; name: string; departements: string[] };
  communes: number;
  dpe?: DpeFetchReport;
  bdnb?: BdnbFetchReport;
  out: string;
  text: string;
}

const REJECTIONS_SHOWN = 20;

function reportOf(built: DataBuildSummary, format: string): ImportReport | undefined {
  return built.inputs.find((input) => input.report.format === format)?.report;
}

function dpeReport(
  summary: TerritoryFetchSummary,
  built: DataBuildSummary,
): DpeFetchReport | undefined {
  if (summary.dpe === undefined) return undefined;
  const { base, result } = summary.dpe;
  const report = reportOf(built, 'dpe');
  const replaced = result.replacedBy.map((by, k) => ({
    line: k + 2,
    reason: `DPE remplacé par ${by}`,
    file: basename(result.replacedCsv),
  }));
  const readByImport = report?.rows_read ?? 0;
  return {
    source: base,
    fetched_at: result.run.started_at,
    since: result.run.since,
    pages: result.run.pages,
    rows_fetched: result.run.rows_fetched,
    records_kept: result.records,
    rows_read: readByImport + replaced.length,
    accepted: report?.accepted ?? 0,
    rejected: (report?.rejected ?? 0) + replaced.length,
    by_label: report?.by_label ?? emptyLabelCounts(),
    replaced_dropped: result.replacedDropped,
    weak_geocoding: result.weakGeocoding,
    rejections: [...replaced, ...(report?.rejections ?? [])].slice(0, REJECTIONS_SHOWN),
  };
}

function bdnbReport(
  summary: TerritoryFetchSummary,
  built: DataBuildSummary,
): BdnbFetchReport | undefined {
  if (summary.bdnb === undefined) return undefined;
  const report = reportOf(built, 'bdnb');
  return {
    source: summary.bdnb.source,
    fetched_at: summary.bdnb.fetched_at,
    archives: summary.bdnb.archives,
    tables: summary.bdnb.rows,
    rows_read: report?.rows_read ?? 0,
    accepted: report?.accepted ?? 0,
    rejected: report?.rejected ?? 0,
    by_label: report?.by_label ?? emptyLabelCounts(),
  };
}

function provenanceOf(
  summary: TerritoryFetchSummary,
  report: ImportReport,
): DatasetProvenance | null {
  const territory = territoryLabel(summary.territory);
  if (report.format === 'dpe' && summary.dpe !== undefined) {
    return {
      source: DPE_SOURCE_NAME,
      url: summary.dpe.base,
      fetched_at: summary.dpe.result.run.started_at,
      records: report.accepted,
      territory,
      caveat: OBSERVED_CAVEAT,
    };
  }
  if (report.format === 'bdnb' && summary.bdnb !== undefined) {
    return {
      source: 'CSTB, Base de données nationale des bâtiments (BDNB), Licence Ouverte 2.0',
      url: summary.bdnb.source,
      fetched_at: summary.bdnb.fetched_at,
      records: report.accepted,
      territory,
    };
  }
  return null;
}

/** How `data:territory` asks `buildData` to describe its datasets and its sources. */
export function territoryBuildOptions(summary: TerritoryFetchSummary): BuildDataOptions {
  return {
    builtBy: 'data:territory',
    modelled: (communes) =>
      territoryModel(communes, summary.territory.communes, summary.territory.name),
    describe: (_files, report) => {
      const provenance = provenanceOf(summary, report);
      if (provenance === null) return undefined;
      const name =
        report.format === 'dpe'
          ? `DPE ADEME — ${summary.territory.name}`
          : `Bâtiments BDNB — ${summary.territory.name}`;
      const caption =
        report.format === 'dpe'
          ? `DPE de l’ADEME récupérés pour ${territoryLabel(summary.territory)} : ${OBSERVED_CAVEAT}`
          : `BDNB (CSTB) récupérée pour ${territoryLabel(summary.territory)} ; pondération par le nombre de logements (nb_log).`;
      return { name, caption, provenance };
    },
    sources: (built) => {
      const sources: unknown[] = [];
      const dpe = dpeReport(summary, built);
      if (dpe !== undefined) {
        const { rejections: _omitted, ...counts } = dpe;
        sources.push({ id: 'ademe-dpe', name: DPE_SOURCE_NAME, url: dpe.source, ...counts });
      }
      const bdnb = bdnbReport(summary, built);
      if (bdnb !== undefined)
        sources.push({ id: 'bdnb', name: 'CSTB, BDNB', url: bdnb.source, ...bdnb });
      return sources;
    },
  };
}

function labels(counts: LabelCounts): string {
  return (['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const)
    .map((label) => `${label} ${formatInteger(counts[label])}`)
    .join(', ');
}

/** The command's output. */
export function describeTerritoryFetch(
  summary: TerritoryFetchSummary,
  built: DataBuildSummary,
): TerritoryFetchResult {
  const { territory } = summary;
  const result: TerritoryFetchResult = {
    territory: {
      kind: territory.kind,
      code: territory.code,
      name: territory.name,
      departements: territory.departements,
    },
    communes: territory.communes.length,
    out: summary.out,
    text: '',
  };
  const lines = [
    `${territoryLabel(territory)} : ${formatInteger(territory.communes.length)} commune(s).`,
  ];
  const dpe = dpeReport(summary, built);
  if (dpe !== undefined) {
    result.dpe = dpe;
    lines.push(
      `DPE ADEME (${dpe.source}) : ${formatInteger(dpe.rows_fetched)} reçus en ${formatInteger(dpe.pages)} page(s), ${formatInteger(dpe.records_kept)} connus ; ${formatInteger(dpe.rows_read)} lus, ${formatInteger(dpe.accepted)} acceptés, ${formatInteger(dpe.rejected)} rejetés dont ${formatInteger(dpe.replaced_dropped)} remplacés par un DPE plus récent ; ${formatInteger(dpe.weak_geocoding)} mal géocodés (comptés dans leur commune, sans point sur la carte).`,
      `Étiquettes : ${labels(dpe.by_label)}, sans étiquette ${formatInteger(dpe.by_label.unknown)}.`,
      OBSERVED_CAVEAT,
    );
  }
  const bdnb = bdnbReport(summary, built);
  if (bdnb !== undefined) {
    result.bdnb = bdnb;
    lines.push(
      `BDNB (${bdnb.archives.length} archive(s) départementale(s)) : ${formatInteger(bdnb.rows_read)} bâtiments lus, ${formatInteger(bdnb.accepted)} acceptés, ${formatInteger(bdnb.rejected)} rejetés ; logements par étiquette : ${labels(bdnb.by_label)}.`,
    );
  }
  lines.push(`Données construites dans ${summary.out} (npm start pour les voir).`);
  result.text = lines.join('\n');
  return result;
}
