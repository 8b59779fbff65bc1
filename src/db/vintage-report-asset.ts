import { isJsonObject } from '../domain/json-reader.ts';
import { VINTAGE_REPORT_VERSION, type VintageReport } from '../domain/vintage-report.ts';
import { AssetError } from './asset-error.ts';
import { fetchJsonAsset } from './fetch-asset.ts';

/**
 * Checks that `json` is a vintage report of the version the app reads (the lists it shows are
 * arrays, the years numbers), naming the first field that is not.
 */
export function parseVintageReport(json: unknown, file: string): VintageReport {
  const invalid = (detail: string) =>
    new AssetError(file, `${file} est invalide : ${detail}.`, { missing: false });
  if (!isJsonObject(json)) throw invalid('objet JSON attendu');
  if (json.version !== VINTAGE_REPORT_VERSION) {
    throw invalid(`version ${String(json.version)} au lieu de ${VINTAGE_REPORT_VERSION}`);
  }
  for (const key of ['cog_year', 'contours_year']) {
    if (typeof json[key] !== 'number') throw invalid(`${key} manquant`);
  }
  const communes = json.communes;
  if (!isJsonObject(communes)) throw invalid('communes manquant');
  const lists: [Record<string, unknown>, string, string][] = [
    [json, 'epci_without_contour', ''],
    [json, 'contours_without_cog', ''],
    [json, 'older_vintages', ''],
    [json, 'rejected_contours', ''],
    [json, 'summary', ''],
    [communes, 'cog_without_contour', 'communes.'],
    [communes, 'contours_without_cog', 'communes.'],
    [communes, 'contours_merged', 'communes.'],
    [communes, 'epci_changed', 'communes.'],
    [communes, 'departements', 'communes.'],
  ];
  for (const [record, key, prefix] of lists) {
    if (!Array.isArray(record[key])) throw invalid(`${prefix}${key} n'est pas une liste`);
  }
  for (const [index, older] of (json.older_vintages as unknown[]).entries()) {
    if (!isJsonObject(older)) throw invalid(`older_vintages[${index}] n'est pas un objet`);
    for (const key of ['merged', 'unknown', 'epci_changed', 'epci_gone']) {
      if (!Array.isArray(older[key])) throw invalid(`older_vintages[${index}].${key} manquant`);
    }
  }
  return json as unknown as VintageReport;
}

/** Fetches and checks the vintage report (`manifest.vintageReport`). */
export async function loadVintageReport(file: string): Promise<VintageReport> {
  return parseVintageReport(await fetchJsonAsset(file), file);
}
