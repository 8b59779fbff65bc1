import { isJsonObject } from '../domain/json-reader.ts';
import { type ModelMethod, parseModelMethod } from '../domain/model-method.ts';
import { type DatasetProvenance, parseProvenance } from '../domain/provenance.ts';
import { AssetError } from './asset-error.ts';
import { fetchJsonAsset } from './fetch-asset.ts';

/** Directory of the browser assets, relative to the page (Vite copies `public/data/` there). */
export const DATA_DIR = 'data/';

/** Path of the manifest, relative to the page. */
export const MANIFEST_FILE = `${DATA_DIR}manifest.json`;

/** One stock dataset of `stock.duckdb`, as listed in the manifest. */
export interface DatasetInfo {
  id: string;
  name: string;
  kind: string;
  /** True for generated data that describes no real dwelling. */
  synthetic: boolean;
  caption: string;
  /** How a modelled dataset was made (inputs, variables, assumptions), when the build says it. */
  method?: ModelMethod | null;
  /** Source, date of fetch and records of fetched open data (`npm run data:territory`, the app). */
  provenance?: DatasetProvenance | null;
}

/** Files of the asset set, as paths relative to the page (already prefixed with `data/`). */
export interface ManifestFiles {
  stock: string;
  epci: string;
  departements: string;
  regions: string;
  communes: Record<string, string>;
}

/** The asset contract of `docs/data-assets.md`. */
export interface Manifest {
  generatedAt: string;
  cogYear: number;
  contoursYear: number;
  files: ManifestFiles;
  datasets: DatasetInfo[];
  /** The vintage report (`vintage-report.json`, relative to the page), null when not listed. */
  vintageReport: string | null;
}

function invalid(detail: string): AssetError {
  return new AssetError(MANIFEST_FILE, `${MANIFEST_FILE} est invalide : ${detail}.`, {
    missing: false,
  });
}

function requireString(record: Record<string, unknown>, key: string, where: string): string {
  const value = record[key];
  if (typeof value !== 'string' || value === '') throw invalid(`${where}.${key} manquant`);
  return value;
}

/** Validates the manifest JSON and resolves its file names against {@link DATA_DIR}. */
export function parseManifest(json: unknown): Manifest {
  if (!isJsonObject(json)) throw invalid('objet JSON attendu');
  const files = json.files;
  if (!isJsonObject(files)) throw invalid('files manquant');
  const datasets = json.datasets;
  if (!Array.isArray(datasets) || datasets.length === 0) throw invalid('aucun jeu de données');
  const communes: Record<string, string> = {};
  if (isJsonObject(files.communes)) {
    for (const [code, file] of Object.entries(files.communes)) {
      if (typeof file === 'string') communes[code] = DATA_DIR + file;
    }
  }
  return {
    generatedAt: typeof json.generated_at === 'string' ? json.generated_at : '',
    cogYear: Number(json.cog_year),
    contoursYear: Number(json.contours_year),
    files: {
      stock: DATA_DIR + requireString(files, 'stock', 'files'),
      epci: DATA_DIR + requireString(files, 'epci', 'files'),
      departements: DATA_DIR + requireString(files, 'departements', 'files'),
      regions: DATA_DIR + requireString(files, 'regions', 'files'),
      communes,
    },
    vintageReport:
      typeof json.vintage_report === 'string' && json.vintage_report !== ''
        ? DATA_DIR + json.vintage_report
        : null,
    datasets: datasets.map((entry: unknown, index) => {
      if (!isJsonObject(entry)) throw invalid(`datasets[${index}] n'est pas un objet`);
      const where = `datasets[${index}]`;
      return {
        id: requireString(entry, 'id', where),
        name: requireString(entry, 'name', where),
        kind: typeof entry.kind === 'string' ? entry.kind : '',
        synthetic: entry.synthetic === true,
        caption: typeof entry.caption === 'string' ? entry.caption : '',
        method: parseModelMethod(entry.method),
        provenance: parseProvenance(entry.provenance),
      };
    }),
  };
}

/** Fetches and validates `data/manifest.json`. */
export async function loadManifest(): Promise<Manifest> {
  return parseManifest(await fetchJsonAsset(MANIFEST_FILE));
}
