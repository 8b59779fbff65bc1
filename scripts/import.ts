/**
 * Validates building-stock files and prints their import report as JSON on stdout:
 *
 *   npx tsx scripts/import.ts <fichier> [autres fichiers BDNB…] [--kind auto|dpe|bdnb|stock|geo]
 *                             [--rejected rejets.csv]
 *
 * Files are streamed (a file of hundreds of MB is never held in memory, except GeoJSON/TopoJSON,
 * which are parsed whole). Communes are matched to their EPCI through the COG 2026, merged
 * communes to their successor. Exit status 0 when the files were read (even with rejected rows),
 * 1 when they could not be (missing file, unknown format, missing columns), 2 on a usage error;
 * the error is one line of French on stderr.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from './lib/cli-error.ts';
import { IMPORT_KINDS, type ImportKind, importPaths } from './lib/import-files.ts';

const USAGE =
  'Usage : npm run import -- <fichier> [autres fichiers BDNB…] [--kind auto|dpe|bdnb|stock|geo] [--rejected rejets.csv]';

const OPTIONS = {
  kind: { type: 'string' },
  rejected: { type: 'string' },
  help: { type: 'boolean' },
} as const;

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. ${USAGE}`);
  }
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (parsed.values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const kind = (parsed.values.kind ?? 'auto') as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) throw new UsageError(`--kind inconnu : « ${kind} ». ${USAGE}`);
  if (parsed.positionals.length === 0) throw new UsageError(`Aucun fichier. ${USAGE}`);
  if (parsed.positionals.length > 1 && kind !== 'auto' && kind !== 'bdnb') {
    throw new UsageError(
      `Un seul fichier pour --kind ${kind} (plusieurs seulement pour la BDNB). ${USAGE}`,
    );
  }
  const result = await importPaths(parsed.positionals, kind);
  if (parsed.values.rejected !== undefined) {
    writeFileSync(parsed.values.rejected, result.rejectedRowsCsv);
  }
  process.stdout.write(`${JSON.stringify(result.report, null, 2)}\n`);
  return 0;
}

runCommand(() => main(process.argv.slice(2)));
