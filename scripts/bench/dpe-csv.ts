/**
 * A large ADEME DPE CSV (pre-2025 header, comma-separated, strings quoted, numbers written `69.0`
 * style) for the import scenario: rows of the resampled demo stock written by native DuckDB's
 * `COPY`, under a subset of the real export's columns (the ones the DPE mapper reads, plus address
 * and administrative columns) in the order of the real sample's header when it is present.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_TMP, resampleStockSql, withDemo } from './bench-stock.ts';
import { buildCached } from './build-cached.ts';

/** The real ADEME sample (220 columns), whose header orders the generated columns. */
const ADEME_SAMPLE = '../shared/data/dpe/dpe-v2-logements-neufs-lyon8-sample.csv';

const ENERGY_NAMES: Record<string, string> = {
  electricite: 'Électricité',
  gaz: 'Gaz naturel',
  fioul: 'Fioul domestique',
  bois: 'Bois – Bûches',
  reseau_chaleur: 'Réseau de Chauffage urbain',
  gpl: 'GPL',
  charbon: 'Charbon',
  autre: 'Autre',
};

const FIRST_YEAR: Record<string, number> = {
  avant_1948: 1880,
  '1948_1974': 1948,
  '1975_1988': 1975,
  '1989_2000': 1989,
  '2001_2012': 2001,
  apres_2012: 2013,
};

const caseOf = (column: string, values: Record<string, string | number>, quote: boolean) =>
  `CASE ${column} ${Object.entries(values)
    .map(([key, value]) => `WHEN '${key}' THEN ${quote ? `'${value}'` : value}`)
    .join(' ')} END`;

/** Generated columns: ADEME name → SQL over the resampled stock `s` and its commune `t`. */
const COLUMNS: readonly [string, string][] = [
  ['N°DPE', `printf('23%02dE%08dX', k % 97, k)`],
  ['Date_réception_DPE', `strftime(DATE '2022-01-01' + (k % 900)::INTEGER + 1, '%Y-%m-%d')`],
  ['Date_établissement_DPE', `strftime(DATE '2022-01-01' + (k % 900)::INTEGER, '%Y-%m-%d')`],
  ['Modèle_DPE', `'DPE 3CL 2021 méthode logement'`],
  ['Version_DPE', '2.4'],
  ['Etiquette_DPE', 'dpe_label'],
  ['Etiquette_GES', 'dpe_label'],
  ['Type_bâtiment', 'housing_type'],
  [
    'Année_construction',
    `${caseOf('construction_period', FIRST_YEAR, false)} + (k % CASE construction_period WHEN 'avant_1948' THEN 68 WHEN 'apres_2012' THEN 10 ELSE 12 END)`,
  ],
  ['Surface_habitable_logement', 'surface_m2'],
  ['Classe_altitude', `'inférieur à 400m'`],
  ['Zone_climatique_', `'H1b'`],
  [
    'Adresse_brute',
    `printf('%d rue de la Mairie %s %s', 1 + k % 120, code_commune, upper(nom_commune))`,
  ],
  ['Nom__commune_(BAN)', 'nom_commune'],
  ['Code_INSEE_(BAN)', 'code_commune'],
  ['Adresse_(BAN)', `printf('%d Rue de la Mairie %s %s', 1 + k % 120, code_commune, nom_commune)`],
  ['Code_postal_(BAN)', 'code_commune'],
  ['Coordonnée_cartographique_X_(BAN)', `round(150000 + (hash(k, 1) % 1000000) / 1.0, 2)`],
  ['Coordonnée_cartographique_Y_(BAN)', `round(6150000 + (hash(k, 2) % 900000) / 1.0, 2)`],
  ['N°_département_(BAN)', 'code_departement'],
  ['N°_région_(BAN)', 'code_region'],
  ['Conso_5_usages/m²_é_finale', 'ef_kwh_m2'],
  ['Conso_5_usages_par_m²_é_primaire', 'ep_kwh_m2'],
  ['Emission_GES_5_usages_par_m²', 'ghg_kg_m2'],
  ['Type_énergie_principale_chauffage', caseOf('heating_energy', ENERGY_NAMES, true)],
];

/** Generated columns in the order of the real header (columns it lacks go last). */
function orderedDpeColumns(sampleHeader: string | null): [string, string][] {
  if (sampleHeader === null) return [...COLUMNS];
  const names = sampleHeader
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((name) => name.replace(/^"|"$/g, ''));
  const rank = (name: string) => {
    const index = names.indexOf(name);
    return index < 0 ? names.length : index;
  };
  return [...COLUMNS].sort((a, b) => rank(a[0]) - rank(b[0]));
}

function readSampleHeader(): string | null {
  if (!existsSync(ADEME_SAMPLE)) return null;
  const head = readFileSync(ADEME_SAMPLE, 'utf8').slice(0, 64 * 1024);
  return head.split(/\r?\n/, 1)[0] ?? null;
}

/** Path of a DPE CSV of `rows` records, generated unless already there. */
export async function ensureDpeCsv(demoPath: string, rows: number): Promise<string> {
  const path = join(BENCH_TMP, `dpe-${rows}.csv`);
  const columns = orderedDpeColumns(readSampleHeader());
  const info = statSync(demoPath);
  const key = JSON.stringify({ v: 1, rows, size: info.size, mtime: info.mtimeMs, columns });
  const started = performance.now();
  const built = await buildCached(path, key, (temporary) =>
    withDemo(':memory:', demoPath, async (run) => {
      await run(resampleStockSql(rows));
      const select = columns
        .map(([name, sql]) => `  ${sql} AS "${name.replaceAll('"', '""')}"`)
        .join(',\n');
      const quoted = columns
        .filter(([, sql]) => !/^(surface_m2|ep_kwh_m2|ef_kwh_m2|ghg_kg_m2|2\.4)$/.test(sql))
        .filter(([name]) => !name.startsWith('Coordonnée') && name !== 'Année_construction')
        .map(([name]) => `"${name}"`);
      await run(`COPY (
SELECT
${select}
FROM (
  SELECT row_number() OVER () - 1 AS k, s.*, t.nom_commune
  FROM stock AS s JOIN demo.main.territory_commune AS t ON t.code_commune = s.code_commune
)
) TO '${temporary.replaceAll("'", "''")}' (FORMAT csv, HEADER, DELIMITER ',', QUOTE '"', FORCE_QUOTE (${quoted.join(', ')}))`);
    }),
  );
  if (built) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const mb = (statSync(path).size / 2 ** 20).toFixed(0);
    console.error(`bench: generated ${path} (${rows} rows, ${mb} MiB) in ${seconds} s`);
  }
  return path;
}
