/**
 * Commune contours, one GeoJSON file per département (`manifest.files.communes`), fetched when the
 * map reaches the communes of a département or an EPCI and kept in a small least-recently-used
 * cache, so that going back to a neighbouring EPCI costs nothing while a long tour of France does
 * not keep every file in memory. No React here: the analysis hook and the bench page share it.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import { AssetError } from './asset-error.ts';
import { fetchGeoJsonAsset } from './fetch-geojson-asset.ts';

/** Properties of a commune contour (`code_epci`: SIREN of the COG, null outside any EPCI). */
export interface CommuneContourProperties {
  code: string;
  nom: string;
  code_epci?: string | null;
}

/** Commune contours of one or several départements. */
export type CommuneContours = FeatureCollection<Geometry, CommuneContourProperties>;

/** Files fetched so far for one {@link CommuneContoursCache.load} call. */
export interface CommuneContoursProgress {
  loaded: number;
  total: number;
}

/** What {@link CommuneContoursCache.load} found. */
export interface CommuneContoursResult {
  /** The communes of every file found, département after département in the order asked. */
  contours: CommuneContours;
  /**
   * Départements asked for whose file is missing: absent from the manifest, or listed but not
   * served (a damaged build). Their communes are not drawn.
   */
  missing: string[];
}

/** Fetches and parses one commune file (a path relative to the page). */
export type FetchCommuneFile = (file: string) => Promise<CommuneContours>;

/** Files kept by default: a few départements' worth, a few megabytes of parsed GeoJSON. */
const DEFAULT_COMMUNE_FILE_CAPACITY = 6;

const fetchCommuneFile: FetchCommuneFile = (file) =>
  fetchGeoJsonAsset<CommuneContourProperties>(file, ['code', 'nom']);

function merge(collections: readonly CommuneContours[]): CommuneContours {
  if (collections.length === 1 && collections[0] !== undefined) return collections[0];
  return { type: 'FeatureCollection', features: collections.flatMap((c) => c.features) };
}

/**
 * Least-recently-used cache of commune files. A file being loaded counts as used; files needed by
 * the latest request are never dropped, even when it asks for more than `capacity` of them.
 */
export class CommuneContoursCache {
  /** Files kept once no request needs them. */
  readonly capacity: number;
  readonly #fetchFile: FetchCommuneFile;
  /** By file, least recently used first (a Map keeps insertion order). */
  readonly #entries = new Map<string, Promise<CommuneContours>>();

  constructor(options: { capacity?: number; fetchFile?: FetchCommuneFile } = {}) {
    this.capacity = options.capacity ?? DEFAULT_COMMUNE_FILE_CAPACITY;
    this.#fetchFile = options.fetchFile ?? fetchCommuneFile;
  }

  /**
   * The commune contours of `departements`, from the cache or fetched in parallel. `files` maps a
   * département to its file (the manifest's `files.communes`). A missing file is reported in
   * `missing`; any other failure (unreadable file, network) rejects.
   */
  async load(
    files: Readonly<Record<string, string>>,
    departements: readonly string[],
    onProgress?: (progress: CommuneContoursProgress) => void,
  ): Promise<CommuneContoursResult> {
    const wanted = [...new Set(departements)];
    const listed = wanted.flatMap((code) => {
      const file = files[code];
      return file === undefined ? [] : [{ code, file }];
    });
    const missing = new Set(wanted.filter((code) => files[code] === undefined));
    let loaded = 0;
    onProgress?.({ loaded, total: listed.length });
    const collections = await Promise.all(
      listed.map(({ code, file }) =>
        this.#get(file).then(
          (collection) => {
            loaded += 1;
            onProgress?.({ loaded, total: listed.length });
            return collection;
          },
          (error: unknown) => {
            if (!(error instanceof AssetError && error.missing)) throw error;
            missing.add(code);
            return null;
          },
        ),
      ),
    );
    this.#evict(new Set(listed.map(({ file }) => file)));
    const found = collections.filter((c): c is CommuneContours => c !== null);
    return {
      contours: found.length === 0 ? { type: 'FeatureCollection', features: [] } : merge(found),
      missing: wanted.filter((code) => missing.has(code)),
    };
  }

  /** Files in the cache, least recently used first. */
  cachedFiles(): string[] {
    return [...this.#entries.keys()];
  }

  /** Forgets every file. */
  clear(): void {
    this.#entries.clear();
  }

  #get(file: string): Promise<CommuneContours> {
    const cached = this.#entries.get(file);
    if (cached !== undefined) {
      this.#entries.delete(file);
      this.#entries.set(file, cached);
      return cached;
    }
    const promise = this.#fetchFile(file);
    this.#entries.set(file, promise);
    // A failed file is fetched again next time (a missing one included: the build may be redone).
    promise.catch(() => {
      if (this.#entries.get(file) === promise) this.#entries.delete(file);
    });
    return promise;
  }

  #evict(keep: ReadonlySet<string>): void {
    for (const file of this.#entries.keys()) {
      if (this.#entries.size <= this.capacity) return;
      if (!keep.has(file)) this.#entries.delete(file);
    }
  }
}

/** The app's cache of commune files. */
export const communeContoursCache = new CommuneContoursCache();
