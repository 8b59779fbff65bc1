/**
 * `npm run campaign -- effect --campaign FICHIER.json [options]`: the measured effect of the
 * campaigns of a file exported by the dashboard (« Exporter les campagnes (JSON) »), computed by
 * the same code on the same data as the screen (src/domain/campaign-measure.ts).
 *
 *   --campaign FILE        campaigns file (format casba-campagnes, version 1)
 *   --id ID                only this campaign of the file
 *   --programme-dir DIR    territoires.csv, carnets.csv, travaux.csv (default public/data/programme,
 *                          the demo the dashboard serves)
 *   --stock FILE           stock database (default public/data/stock.duckdb)
 *   --config FILE          programme configuration (default: casba.json of the programme directory,
 *                          else data/programme/casba.json)
 *   --json                 one JSON array of measures on stdout, as the screen computes them
 *
 * Data goes to stdout, messages to stderr (French). Invalid file: one line per problem, exit
 * code 1; wrong usage: exit code 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EFFECT_OUTCOMES } from '../src/domain/campaign-effect.ts';
import { readCampaignFileText } from '../src/domain/campaign-file.ts';
import { campaignDatasetIds, measureCampaigns } from '../src/domain/campaign-inputs.ts';
import type { CampaignMeasure } from '../src/domain/campaign-measure.ts';
import { shownEffect } from '../src/domain/campaign-public.ts';
import { effectReading } from '../src/domain/campaign-reading.ts';
import { formatCount, formatDecimal, formatInteger } from '../src/domain/format.ts';
import { DEFAULT_PROGRAMME_CONFIG } from '../src/domain/programme-config.ts';
import { formatMonthLong } from '../src/domain/programme-dates.ts';
import {
  importCampaignProgramme,
  loadCampaignConfig,
  openCampaignStock,
  programmeFilesIn,
} from './lib/campaign-inputs.ts';
import { cliOptions, parseOptions } from './lib/cli-options.ts';
import { PROGRAMME_ASSET_DIR } from './lib/programme-assets.ts';
import { CliError, runCli } from './lib/programme-inputs.ts';
import { REPO_ROOT } from './lib/sources.ts';

const HELP = `Usage : npm run campaign -- effect --campaign FICHIER.json [--id ID] [--programme-dir DOSSIER]
         [--stock FICHIER] [--config FICHIER] [--json]
Effet mesuré de chaque campagne du fichier (différence de différences, carnets et travaux pour
1 000 passoires F/G), calculé comme à l’écran. Par défaut : données servies par le tableau de bord
(public/data/programme et public/data/stock.duckdb).
`;

function usage(message: string): CliError {
  return new CliError([`${message} Voir l’aide : npm run campaign -- --help`], 2);
}

const OPTIONS = cliOptions(['campaign', 'id', 'programme-dir', 'stock', 'config'], ['json']);

function readArgs(argv: string[]) {
  return parseOptions(argv, OPTIONS, (reason) => usage(`Option invalide : ${reason}.`), true);
}

const rate = (value: number | null) =>
  value === null ? '–' : `${formatDecimal(value, 1)} pour 1 000 F/G`;

/** The measure in French, for a terminal. */
function measureText(measure: CampaignMeasure, level: 'commune' | 'epci'): string {
  const lines = [`Campagne « ${measure.campaign.nom} » (${measure.campaign.id})`];
  const { window, estimate } = measure;
  if (window.length > 0) {
    lines.push(
      `  Avant : ${formatMonthLong(window.pre[0] ?? '')} – ${formatMonthLong(window.pre.at(-1) ?? '')} ; après : ${formatMonthLong(window.post[0] ?? '')} – ${formatMonthLong(window.post.at(-1) ?? '')}`,
    );
  }
  lines.push(
    `  Comparaison : ${measure.comparison.description} (${formatCount(measure.comparison.territories.length, 'territoire', 'territoires')})`,
    `  Logements F/G : parc « ${measure.dataset.nom} »`,
  );
  for (const note of measure.notes) lines.push(`  Remarque : ${note}`);
  if (estimate === null) {
    lines.push(`  Pas d’estimation : ${measure.reason ?? ''}`);
    return `${lines.join('\n')}\n`;
  }
  const shown = shownEffect(estimate, false);
  for (const outcome of EFFECT_OUTCOMES) {
    const name = outcome === 'carnets' ? 'Carnets' : 'Travaux';
    for (const [label, group] of [
      ['ciblés', estimate.target],
      ['comparaison', estimate.control],
    ] as const) {
      const o = group[outcome];
      lines.push(
        `  ${name}, ${label} (${formatCount(group.units, 'territoire', 'territoires')}, ${formatInteger(group.fgDwellings)} logements F/G) : avant ${formatInteger(o.before.count)} (${rate(o.before.rate)}), après ${formatInteger(o.after.count)} (${rate(o.after.rate)})`,
      );
    }
    const context = {
      level,
      months: window.length,
      intervalLevel: estimate.method.level,
      cautions: measure.cautions,
    };
    lines.push(`  → ${effectReading(outcome, shown[outcome], context)}`);
  }
  for (const caution of measure.cautions) lines.push(`  Prudence : ${caution}`);
  return `${lines.join('\n')}\n`;
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const { values: args, positionals } = readArgs(argv);
  if (args.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  if (positionals[0] !== 'effect' || positionals.length > 1) {
    throw usage('Sous-commande attendue : effect.');
  }
  if (args.campaign === undefined) throw usage('Donnez le fichier de campagnes : --campaign.');
  const path = resolve(args.campaign);
  if (!existsSync(path)) throw new CliError([`Fichier de campagnes introuvable : ${path}`]);
  const read = readCampaignFileText(readFileSync(path, 'utf8'));
  if (!read.ok) {
    throw new CliError(read.errors.map((e) => `Fichier de campagnes refusé (${path}) : ${e}`));
  }
  const campaigns = args.id === undefined ? read.value : read.value.filter((c) => c.id === args.id);
  if (campaigns.length === 0) {
    throw new CliError([
      args.id === undefined
        ? `Le fichier ne contient aucune campagne : ${path}`
        : `Campagne « ${args.id} » absente du fichier (présentes : ${read.value.map((c) => c.id).join(', ')}).`,
    ]);
  }
  const dir = resolve(
    args['programme-dir'] ?? resolve(REPO_ROOT, 'public/data', PROGRAMME_ASSET_DIR),
  );
  const files = programmeFilesIn(dir);
  const config = loadCampaignConfig(dir, args.config, resolve(REPO_ROOT, DEFAULT_PROGRAMME_CONFIG));
  const stock = await openCampaignStock(
    resolve(args.stock ?? resolve(REPO_ROOT, 'public/data/stock.duckdb')),
  );
  try {
    const programme = importCampaignProgramme(files, config, stock);
    const measures = measureCampaigns(campaigns, {
      programme,
      programmeStart: config.calendar.start,
      reference: { communes: stock.communes, epcis: stock.epcis },
      datasets: stock.datasets,
      fgRows: await stock.fg(campaignDatasetIds(campaigns, stock.datasets)),
    });
    if (args.json === true) {
      process.stdout.write(`${JSON.stringify(measures, null, 2)}\n`);
    } else {
      measures.forEach((measure, i) => {
        process.stdout.write(measureText(measure, campaigns[i]?.niveau ?? 'commune'));
      });
    }
    return 0;
  } finally {
    stock.close();
  }
}

runCli(main);
