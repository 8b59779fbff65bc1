/**
 * Catalogue of the official open-data sources the data build reads, and where to find them at
 * run time. Source files are never committed: they live in `data/sources/` (filled by
 * `npm run data:fetch`), in a directory named by `DATA_SOURCES_DIR`, or in the sibling mirror
 * `../shared/data`. Paths follow the mirror layout.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where `npm run data:fetch` puts the downloads, relative to the repository root. */
export const LOCAL_SOURCES_DIR = 'data/sources';

/** The sibling mirror of official files, relative to the repository root. */
export const MIRROR_SOURCES_DIR = '../shared/data';

/** One official source file. */
export interface SourceEntry {
  id: string;
  /** Path in the mirror layout, relative to the sources directory. */
  path: string;
  /** What the file is, in French. */
  title: string;
  producer: string;
  /** SPDX identifier of the licence (`etalab-2.0` = Licence Ouverte 2.0). */
  licence: string;
  /** Vintage: a COG or contour year, or the period covered. */
  vintage: string;
  /** Official download URL, or the dataset page when `directDownload` is false. */
  url: string;
  /** Whether `url` answers the file itself (else a person downloads it from the page). */
  directDownload: boolean;
  /** Whether the demonstration build cannot run without it. */
  required: boolean;
  /** Id of the source this one can replace. */
  alternativeTo?: string;
  /** How the mirror file differs from what the official URL serves, in French. */
  note?: string;
}

const ETALAB_CONTOURS = 'https://etalab-datasets.geo.data.gouv.fr/contours-administratifs';
const BAROMETRE_PAGE =
  'https://www.data.gouv.fr/fr/datasets/barometre-des-resultats-de-laction-publique/';
const BAROMETRE_PRODUCER = "Anah via DITP / Etalab (baromètre des résultats de l'action publique)";
const DECOUPAGE_NPM = 'https://unpkg.com/@etalab/decoupage-administratif@3.1.1/data/epci.json';

function barometre<I extends string>(id: I, file: string, title: string): SourceEntry & { id: I } {
  return {
    id,
    path: `stats/maprimerenov/${file}`,
    title,
    producer: BAROMETRE_PRODUCER,
    licence: 'etalab-2.0',
    vintage: '2020-04 → 2022-10',
    url: BAROMETRE_PAGE,
    directDownload: false,
    required: false,
  };
}

/** Every source the project uses, in the mirror layout. */
export const SOURCES = [
  {
    id: 'communes-contours-2025',
    path: 'geo/communes-2025-metropole.geojson',
    title: 'Contours des communes de France métropolitaine, géométrie 2025 (GeoJSON)',
    producer: 'IGN (ADMIN EXPRESS COG CARTO) et INSEE (COG), via Etalab',
    licence: 'etalab-2.0',
    vintage: '2025',
    url: `${ETALAB_CONTOURS}/2025/geojson/communes-1000m.geojson`,
    directDownload: true,
    required: true,
    note:
      'Le miroir est simplifié (3 % des sommets, 4 décimales), limité aux 34 746 communes de métropole, propriétés code, nom, dep, reg, epci ; ' +
      "le fichier officiel couvre aussi l'outre-mer et les arrondissements municipaux (propriétés code, nom, departement, region, epci, plm, commune) : " +
      'le paquet territorial écarte les arrondissements et l’outre-mer et reprend département et EPCI du COG ; le modèle de parc tire la densité de la population et de la superficie (`area_m2`, sinon calculée).',
  },
  {
    id: 'epci-contours-2025',
    path: 'geo/epci-2025-metropole.geojson',
    title: 'Contours des EPCI de France métropolitaine, géométrie 2025 (GeoJSON)',
    producer: 'IGN (ADMIN EXPRESS COG CARTO) et INSEE (COG), via Etalab',
    licence: 'etalab-2.0',
    vintage: '2025',
    url: `${ETALAB_CONTOURS}/2025/geojson/epci-1000m.geojson`,
    directDownload: true,
    required: true,
    note: "Le miroir est limité aux 1 232 EPCI de métropole (propriétés code, nom, type, deps, regs) ; le fichier officiel couvre aussi l'outre-mer (propriétés code, nom) : noms et types viennent du COG.",
  },
  {
    id: 'departements-2018',
    path: 'geo/departements-2018.geojson',
    title: 'Contours des 96 départements métropolitains (2018)',
    producer: 'IGN (ADMIN EXPRESS COG 2018), via Etalab',
    licence: 'etalab-2.0',
    vintage: '2018',
    url: `${ETALAB_CONTOURS}/2018/geojson/departements-1000m.geojson`,
    directDownload: true,
    required: true,
    note: "Le miroir est simplifié et limité à la métropole ; le fichier officiel couvre aussi l'outre-mer.",
  },
  {
    id: 'regions-2018',
    path: 'geo/regions-2018.geojson',
    title: 'Contours des 13 régions métropolitaines (2018)',
    producer: 'IGN (ADMIN EXPRESS COG 2018), via Etalab',
    licence: 'etalab-2.0',
    vintage: '2018',
    url: `${ETALAB_CONTOURS}/2018/geojson/regions-1000m.geojson`,
    directDownload: true,
    required: true,
    note: "Le miroir est simplifié et limité à la métropole ; le fichier officiel couvre aussi l'outre-mer.",
  },
  {
    id: 'cog-epci-2023',
    path: 'cog/epci-2023.json',
    title:
      'EPCI à fiscalité propre et communes membres, millésime 2023 (rapprochement des données de 2023)',
    producer: 'INSEE (COG) et DGCL, via Etalab (@etalab/decoupage-administratif 3.1.1)',
    licence: 'etalab-2.0',
    vintage: '2023',
    url: DECOUPAGE_NPM,
    directDownload: true,
    required: false,
    note: 'Identique à data/epci.json de @etalab/decoupage-administratif 3.1.1. Sert seulement au rapport de millésime (communes de 2023 fusionnées depuis, EPCI changés) ; le paquet territorial suit le COG 2026 du paquet npm 6.0.0.',
  },
  {
    id: 'dpe-neufs-lyon8-sample',
    path: 'dpe/dpe-v2-logements-neufs-lyon8-sample.csv',
    title: 'DPE de logements neufs à Lyon 8e (export officiel, 2 851 lignes)',
    producer: 'ADEME (observatoire DPE)',
    licence: 'etalab-2.0',
    vintage: 'extraction 2024',
    url: 'https://data.ademe.fr/data-fair/api/v1/datasets/dpe02neuf/lines?format=csv&size=10000&qs=code_insee_ban%3A%2269388%22',
    directDownload: true,
    required: false,
    note: "Le miroir garde les en-têtes d'avant 2025 (N°DPE, Etiquette_DPE…) ; l'API sert désormais des colonnes snake_case.",
  },
  {
    id: 'onre-parc-dpe-national',
    path: 'stats/onre-parc-dpe-national.csv',
    title:
      'Parts nationales des étiquettes DPE dans le parc de logements (1er janvier 2022, 2023, 2024)',
    producer: 'ONRE / SDES',
    licence: 'etalab-2.0',
    vintage: '2022–2024',
    url: 'https://www.statistiques.developpement-durable.gouv.fr/le-parc-de-logements-par-classe-de-performance-energetique-au-1er-janvier-2024',
    directDownload: false,
    required: false,
    note: 'Compilé à la main depuis les notes publiées, une URL de source par ligne.',
  },
  {
    id: 'insee-rp-periods-epci',
    path: 'stats/insee-rp-construction-period-by-epci.json',
    title:
      'Résidences principales par période de construction et par EPCI (recensement de la population)',
    producer: "INSEE (recensement, variables RP_ACH*), republié par l'ADEME (Facili-TACCT)",
    licence: 'etalab-2.0',
    vintage: 'RP ≈ 2019–2020',
    url: 'https://www.insee.fr/fr/recherche?q=base-cc-logement',
    directDownload: false,
    required: false,
    note: "Parts (%) par EPCI et non effectifs ; codes EPCI numériques ; le millésime n'est pas indiqué par l'éditeur. Fichier officiel équivalent : base « Logement » du recensement par commune (base-cc-logement), colonnes P20_RP_ACH19…, agrégée par EPCI.",
  },
  barometre(
    'maprimerenov-barometre-detail-departemental',
    'barometre-resultats-logement-ville-detail-departemental.csv',
    "Dossiers MaPrimeRénov' validés par département, mensuel 2020-04 → 2022-10",
  ),
  barometre(
    'maprimerenov-barometre-detail-regional',
    'barometre-resultats-logement-ville-detail-regional.csv',
    "Dossiers MaPrimeRénov' validés par région, mensuel 2020-04 → 2022-10",
  ),
  barometre(
    'maprimerenov-barometre-detail-national',
    'barometre-resultats-logement-ville-detail-national.csv',
    'Indicateurs logement et ville du baromètre, France, mensuel',
  ),
  barometre(
    'maprimerenov-barometre-synthese-departemental',
    'barometre-resultats-logement-ville-synthese-departemental.csv',
    'Synthèse des indicateurs logement et ville par département (valeur, cible)',
  ),
  barometre(
    'maprimerenov-barometre-synthese-regional',
    'barometre-resultats-logement-ville-synthese-regional.csv',
    'Synthèse des indicateurs logement et ville par région (valeur, cible)',
  ),
  barometre(
    'maprimerenov-barometre-synthese-national',
    'barometre-resultats-logement-ville-synthese-national.csv',
    'Synthèse des indicateurs logement et ville, France (valeur, cible)',
  ),
  {
    id: 'maprimerenov-ditp-ind-292',
    path: 'stats/maprimerenov/ditp-ind-292-maprimerenov.csv',
    title: "Dossiers MaPrimeRénov' validés en cumul (indicateur DITP IND-292), 2022-12 → 2024-08",
    producer: BAROMETRE_PRODUCER,
    licence: 'etalab-2.0',
    vintage: '2022-12 → 2024-08',
    url: BAROMETRE_PAGE,
    directDownload: false,
    required: false,
    note: 'Extrait des valeurs du baromètre limité à l’indicateur IND-292.',
  },
  {
    id: 'maprimerenov-ditp-meta-ind-292',
    path: 'stats/maprimerenov/ditp-meta-ind-292.csv',
    title: "Métadonnées de l'indicateur DITP IND-292",
    producer: BAROMETRE_PRODUCER,
    licence: 'etalab-2.0',
    vintage: '2024',
    url: BAROMETRE_PAGE,
    directDownload: false,
    required: false,
    note: 'Extrait des métadonnées du baromètre limité à l’indicateur IND-292.',
  },
] as const satisfies readonly SourceEntry[];

/** Identifier of a catalogued source. */
export type SourceId = (typeof SOURCES)[number]['id'];

/** One record of the committed manifest `data/sources.json`. */
export interface SourceManifestEntry {
  id: string;
  path: string;
  url: string;
  licence: string;
  producer: string;
  vintage: string;
  sha256: string;
  bytes: number;
  fetched_at: string;
  /** The URL, or the local mirror (relative to the repository root) the file was copied from. */
  fetched_from: string;
}

/** Returns the catalogue entry of `id`, or throws for an unknown id (a programming error). */
export function getSource(id: SourceId): SourceEntry {
  const entry = (SOURCES as readonly SourceEntry[]).find((s) => s.id === id);
  if (entry === undefined) throw new Error(`Source inconnue du catalogue : ${id}`);
  return entry;
}

/** Which rule chose a sources directory. */
export type SourcesDirRule = 'env' | 'data-sources' | 'mirror';

/** A sources directory and the rule that chose it. */
export interface SourcesDir {
  dir: string;
  rule: SourcesDirRule;
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * Candidate sources directories, best first. `DATA_SOURCES_DIR` (resolved against `cwd`) is
 * exclusive when set: an explicit choice must not silently fall back elsewhere. Otherwise
 * `data/sources/` then the sibling mirror, each only if it exists.
 */
export function listSourcesDirs(
  env: NodeJS.ProcessEnv = process.env,
  cwd = REPO_ROOT,
): SourcesDir[] {
  const fromEnv = env.DATA_SOURCES_DIR;
  if (fromEnv !== undefined && fromEnv !== '') {
    return [{ dir: isAbsolute(fromEnv) ? fromEnv : resolve(cwd, fromEnv), rule: 'env' }];
  }
  const candidates: SourcesDir[] = [
    { dir: resolve(cwd, LOCAL_SOURCES_DIR), rule: 'data-sources' },
    { dir: resolve(cwd, MIRROR_SOURCES_DIR), rule: 'mirror' },
  ];
  return candidates.filter((c) => isDirectory(c.dir));
}

/**
 * The sources directory to use: `$DATA_SOURCES_DIR` if set, else `data/sources/` if it exists,
 * else the sibling mirror `../shared/data` if it exists, else null.
 */
export function resolveSourcesDir(
  env: NodeJS.ProcessEnv = process.env,
  cwd = REPO_ROOT,
): SourcesDir | null {
  return listSourcesDirs(env, cwd)[0] ?? null;
}

/** Where to look for sources: an explicit directory, or the environment and repository root. */
export interface SourceLookup {
  /** Search only this directory. */
  sourcesDir?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

function searchDirs(lookup: SourceLookup): SourcesDir[] {
  if (lookup.sourcesDir !== undefined) return [{ dir: resolve(lookup.sourcesDir), rule: 'env' }];
  return listSourcesDirs(lookup.env ?? process.env, lookup.cwd ?? REPO_ROOT);
}

function describeSearched(lookup: SourceLookup, searched: readonly string[]): string {
  if (searched.length > 0) return searched.join(', ');
  const cwd = lookup.cwd ?? REPO_ROOT;
  return `aucun (DATA_SOURCES_DIR non défini ; ${resolve(cwd, LOCAL_SOURCES_DIR)} et ${resolve(cwd, MIRROR_SOURCES_DIR)} absents)`;
}

/**
 * The three ways to provide source files, in French: a mirror URL to download from, a local
 * directory, or the repository's data/sources/.
 */
export function howToProvideSources(): string {
  return (
    'Trois façons de les fournir : ' +
    '1) DATA_SOURCES_URL=<adresse> : un miroir HTTP(S) avec l’arborescence de data/sources/ ' +
    '(par exemple le serveur de fichiers de votre organisation), d’où « npm start » les télécharge ; ' +
    '2) DATA_SOURCES_DIR=<dossier> : un dossier local qui les contient, dans la même arborescence ; ' +
    `3) ${LOCAL_SOURCES_DIR}/ : placez-les dans ce dossier du dépôt (« npm start » ou « npm run data:fetch » ` +
    'les y téléchargent une fois en ligne, « npm run data:fetch -- --from DOSSIER » les y copie depuis un miroir local).'
  );
}

/** A source file found in none of the searched directories; the message tells how to get it. */
export class MissingSourceError extends Error {
  readonly sources: readonly SourceEntry[];
  readonly searched: readonly string[];

  constructor(sources: readonly SourceEntry[], searched: readonly string[], searchedText: string) {
    const files = sources.map((s) => `${s.path} (${s.title})`).join(' ou ');
    const urls = sources
      .map((s) =>
        s.directDownload
          ? `adresse officielle : ${s.url}`
          : `à télécharger depuis la page ${s.url}`,
      )
      .join(' ; ');
    super(
      `Fichier source manquant : ${files}. Dossiers consultés : ${searchedText}. ` +
        `${howToProvideSources()} Source (${urls}).`,
    );
    this.name = 'MissingSourceError';
    this.sources = sources;
    this.searched = searched;
  }
}

/** Absolute path of the first searched directory holding `path`, or null. */
export function locateSource(path: string, lookup: SourceLookup = {}): string | null {
  for (const { dir } of searchDirs(lookup)) {
    const file = join(dir, path);
    if (existsSync(file)) return file;
  }
  return null;
}

function findFirst(ids: readonly SourceId[], lookup: SourceLookup): { id: SourceId; path: string } {
  const dirs = searchDirs(lookup);
  for (const { dir } of dirs) {
    for (const id of ids) {
      const path = join(dir, getSource(id).path);
      if (existsSync(path)) return { id, path };
    }
  }
  const searched = dirs.map((d) => d.dir);
  throw new MissingSourceError(ids.map(getSource), searched, describeSearched(lookup, searched));
}

/**
 * Absolute path of a source file, searched in the directories of `listSourcesDirs` in order
 * (a partly filled `data/sources/` falls back to the mirror file by file).
 * @throws MissingSourceError naming the file, the directories searched and how to get it.
 */
export function resolveSource(id: SourceId, lookup: SourceLookup = {}): string {
  return findFirst([id], lookup).path;
}
