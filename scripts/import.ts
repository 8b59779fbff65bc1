/**
 * Validates building-stock files and prints their import report as JSON on stdout:
 *
 *   npx tsx scripts/import.ts <fichier> [autres fichiers BDNB…] [--kind auto|dpe|bdnb|stock|geo]
 *                             [--map champ=colonne,…] [--map-file correspondance.json]
 *                             [--sheet FEUILLE] [--rejected rejets.csv]
 *
 * CSV (any encoding, separator), Excel workbooks (.xlsx: the first sheet, or `--sheet`) and
 * Parquet files are read.
 *
 * `--map` reads a table of any headers through a mapping of its columns to the canonical fields
 * (label, insee, lon, lat, x, y, surface, year, period, energy, housing, weight, ep, ghg, ef, id,
 * date), as the browser's import dialog does; `--map-file` reads the mapping from a JSON object
 * `{ "label": "Etiquette_DPE", … }` (or a mapping saved by the dialog, `{ "mapping": {…} }`).
 *
 * Files are streamed (a file of hundreds of MB is never held in memory, except GeoJSON/TopoJSON,
 * which are parsed whole). Communes are matched to their EPCI through the COG 2026, merged
 * communes to their successor. Exit status 0 when the files were read (even with rejected rows),
 * 1 when they could not be (missing file, unknown format, missing columns), 2 on a usage error;
 * the error is one line of French on stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { FORMATS } from '../src/ingest/formats.ts';
import { runCommand, UsageError } from './lib/cli-error.ts';
import { cliOptions, parseOptions } from './lib/cli-options.ts';
import { IMPORT_KINDS, importPaths } from './lib/import-files.ts';
import { parseMappingFile, parseMappingOption } from './lib/mapping-option.ts';

const USAGE = `Usage : npm run import -- <fichier> [autres fichiers BDNB…] [--kind ${IMPORT_KINDS.join('|')}] [--map champ=colonne,…] [--map-file correspondance.json] [--sheet FEUILLE] [--rejected rejets.csv]`;

const OPTIONS = cliOptions(['kind', 'map', 'map-file', 'sheet', 'rejected']);

function parseCommandLine(argv: string[]) {
  return parseOptions(argv, OPTIONS, (reason) => new UsageError(`${reason}. ${USAGE}`), true);
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (parsed.values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const kind = parsed.values.kind ?? 'auto';
  if (!IMPORT_KINDS.includes(kind)) throw new UsageError(`--kind inconnu : « ${kind} ». ${USAGE}`);
  if (parsed.positionals.length === 0) throw new UsageError(`Aucun fichier. ${USAGE}`);
  const multiFile = kind === 'auto' || FORMATS.some((f) => f.id === kind && f.multiFile);
  if (parsed.positionals.length > 1 && !multiFile) {
    throw new UsageError(
      `Un seul fichier pour --kind ${kind} (plusieurs seulement pour la BDNB). ${USAGE}`,
    );
  }
  const { map, 'map-file': mapFile } = parsed.values;
  if (map !== undefined && mapFile !== undefined) {
    throw new UsageError(`--map et --map-file ensemble : choisissez l’un des deux. ${USAGE}`);
  }
  let mapping: ReturnType<typeof parseMappingOption> | undefined;
  try {
    if (map !== undefined) mapping = parseMappingOption(map);
    if (mapFile !== undefined) mapping = parseMappingFile(readFileSync(mapFile, 'utf8'));
  } catch (error) {
    throw new UsageError(`${(error as Error).message} ${USAGE}`);
  }
  const { sheet } = parsed.values;
  const result = await importPaths(parsed.positionals, kind, {
    ...(mapping === undefined ? {} : { mapping }),
    ...(sheet === undefined ? {} : { sheet }),
  });
  if (parsed.values.rejected !== undefined) {
    writeFileSync(parsed.values.rejected, result.rejectedRowsCsv);
  }
  process.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
  return 0;
}

runCommand(() => main(process.argv.slice(2)));
