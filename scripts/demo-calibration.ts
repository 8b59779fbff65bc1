/**
 * `npm run demo:calibration [-- --json] [-- --seed N] [-- --census FILE]`: generates the modelled
 * stock from the COG (metropolitan communes) and the census (per EPCI, or the given per-commune
 * file) and prints its calibration against ONRE 1 Jan 2023 and its territorial validation
 * (periods per EPCI against the census, regional shares against published figures) — a French
 * markdown report for the README, or JSON with `--json`. Exits 1 when a label share of main
 * residences is more than one point away from ONRE.
 */
import type { Calibration, FgByGroup } from './lib/calibration.ts';
import { computeCalibration } from './lib/calibration.ts';
import { censusReference } from './lib/census-reference.ts';
import { buildCogTerritory, loadCogInput } from './lib/cog-territory.ts';
import { DEMO_SEED, generateDemoStock } from './lib/demo-stock.ts';
import { loadModelInputs } from './lib/model-inputs.ts';
import {
  ONRE_2023_SECONDARY_FG,
  ONRE_2023_VACANT_FG,
  ONRE_2023_WHOLE_STOCK_FG,
} from './lib/onre-reference.ts';
import { REGION_NAMES } from './lib/regional-references.ts';
import { formatTerritorialMarkdown } from './lib/territorial-report.ts';
import { type TerritorialValidation, validateTerritory } from './lib/territorial-validation.ts';

/** Largest accepted gap, in points, between a generated label share and ONRE. */
const TOLERANCE_POINTS = 1;

// Published F+G shares (domain.md §4); département figures are 2018 old-method estimates.
const GRADIENT_ROWS: [keyof Calibration['gradients'], string, string, string][] = [
  ['surface', 'moins_de_30_m2', 'Surface < 30 m²', '34 (2022)'],
  ['surface', '100_m2_et_plus', 'Surface ≥ 100 m²', '13 (2022)'],
  ['heating_energy', 'fioul', 'Chauffage au fioul', '44'],
  ['heating_energy', 'gaz', 'Chauffage au gaz', '—'],
  ['heating_energy', 'electricite', 'Chauffage électrique', '—'],
  ['construction_period', 'avant_1948', 'Construit avant 1948', '—'],
  ['construction_period', 'apres_2012', 'Construit après 2012', '—'],
  ['tenure', 'locataire_prive', 'Locataires du parc privé', '18,5'],
  ['tenure', 'proprietaire_occupant', 'Propriétaires occupants', '16,5'],
  ['tenure', 'locataire_social', 'Locataires HLM', '8,1'],
  ['region', '11', 'Île-de-France', '21,7'],
  ['departement', '15', 'Cantal', '47 (2018, ancienne méthode)'],
  ['departement', '23', 'Creuse', '44 (2018, ancienne méthode)'],
  ['departement', '58', 'Nièvre', '41 (2018, ancienne méthode)'],
  ['departement', '33', 'Gironde', '6 (2018, ancienne méthode)'],
  ['departement', '40', 'Landes', '6 (2018, ancienne méthode)'],
  ['departement', '64', 'Pyrénées-Atlantiques', '6 (2018, ancienne méthode)'],
];

const fr = (x: number, digits = 1): string =>
  x.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const signed = (x: number): string => {
  const rounded = Math.round(x * 10) / 10;
  return `${rounded < 0 ? '−' : '+'}${fr(Math.abs(rounded))}`;
};

function roundDeep(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 100) / 100;
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, roundDeep(v)]));
  }
  return value;
}

function formatMarkdown(seed: number, c: Calibration, t: TerritorialValidation): string {
  const lines = [
    `### Calage du parc de démonstration (graine ${seed})`,
    '',
    `${c.rows.toLocaleString('fr-FR')} lignes (cellules typologiques), ` +
      `${fr(c.dwellings / 1e6)} M de logements dont ${fr(c.main_residences / 1e6)} M de résidences principales, ` +
      `${fr(c.dwellings_per_inhabitant, 3)} logements par habitant (référence : 0,55).`,
    '',
    '| Étiquette | Parc généré, résidences principales (%) | ONRE 1er janvier 2023 (%) | Écart (points) |',
    '|---|---:|---:|---:|',
    ...c.labels.map(
      (l) =>
        `| ${l.label} | ${fr(l.generated_pct)} | ${fr(l.onre_pct)} | ${signed(l.diff_points)} |`,
    ),
    '',
    '| Part de F+G | Parc généré (%) | ONRE 1er janvier 2023 (%) |',
    '|---|---:|---:|',
    `| Résidences principales | ${fr(c.fg_main_pct)} | 15,7 |`,
    `| Résidences secondaires | ${fr(c.fg_secondary_pct)} | ${fr(ONRE_2023_SECONDARY_FG, 0)} |`,
    `| Logements vacants | ${fr(c.fg_vacant_pct)} | ${fr(ONRE_2023_VACANT_FG, 0)} |`,
    `| Parc entier | ${fr(c.fg_whole_stock_pct)} | ${fr(ONRE_2023_WHOLE_STOCK_FG)} |`,
    `| « G+ » (> 450 kWh EF/m²), résidences principales | ${fr(c.g_plus_main_pct)} | 1,7 |`,
    '',
    '| Gradient (résidences principales) | F+G généré (%) | Référence publiée (%) |',
    '|---|---:|---:|',
    ...GRADIENT_ROWS.map(([dimension, key, name, reference]) => {
      const value = (c.gradients[dimension] as FgByGroup)[key];
      return `| ${name} | ${value === undefined ? '—' : fr(value)} | ${reference} |`;
    }),
    '',
    '| Région | F+G généré, résidences principales (%) |',
    '|---|---:|',
    ...Object.entries(c.gradients.region)
      .sort(([, a], [, b]) => b - a)
      .map(([code, value]) => `| ${REGION_NAMES[code] ?? code} | ${fr(value)} |`),
    '',
    ...formatTerritorialMarkdown(t),
  ];
  return `${lines.join('\n')}\n`;
}

function parseSeed(args: readonly string[]): number {
  const index = args.indexOf('--seed');
  if (index < 0) return DEMO_SEED;
  const seed = Number(args[index + 1]);
  if (!Number.isInteger(seed) || seed < 0) {
    throw new Error(`graine invalide : « ${args[index + 1] ?? ''} » (entier positif attendu)`);
  }
  return seed;
}

try {
  const args = process.argv.slice(2);
  const seed = parseSeed(args);
  const started = Date.now();
  const censusIndex = args.indexOf('--census');
  const censusPath = censusIndex >= 0 ? args[censusIndex + 1] : undefined;
  if (censusIndex >= 0 && (censusPath === undefined || censusPath.startsWith('--'))) {
    throw new Error('--census attend le chemin d’un fichier du recensement par commune');
  }
  const { communes } = buildCogTerritory(loadCogInput());
  const inputs = loadModelInputs(
    communes,
    censusPath === undefined ? {} : { communeCensusPath: censusPath },
  );
  const stock = generateDemoStock(communes, { seed, inputs: inputs.communes });
  const calibration = computeCalibration(stock);
  const census = censusReference(communes, inputs);
  const territorial = validateTerritory(stock, census.byEpci, census.reference);
  console.error(
    `Parc de démonstration généré : ${stock.rowCount.toLocaleString('fr-FR')} lignes en ${fr((Date.now() - started) / 1000)} s.`,
  );
  if (args.includes('--json')) {
    const report = { seed, ...calibration, inputs: inputs.report, territorial };
    process.stdout.write(`${JSON.stringify(roundDeep(report), null, 2)}\n`);
  } else {
    process.stdout.write(formatMarkdown(seed, calibration, territorial));
  }
  const worst = calibration.labels.reduce((a, b) =>
    Math.abs(b.diff_points) > Math.abs(a.diff_points) ? b : a,
  );
  if (Math.abs(worst.diff_points) > TOLERANCE_POINTS) {
    console.error(
      `Calage hors tolérance : classe ${worst.label} à ${signed(worst.diff_points)} point(s) de l'ONRE (tolérance ${TOLERANCE_POINTS}).`,
    );
    process.exit(1);
  }
} catch (error) {
  console.error(`Échec du calage du parc de démonstration : ${(error as Error).message}`);
  process.exit(1);
}
