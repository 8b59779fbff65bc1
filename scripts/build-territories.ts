/**
 * Builds the territory pack (COG tables, contours, vintage report) into a directory:
 * `npx tsx scripts/build-territories.ts --out public/data [--sources DIR]`.
 * Prints a JSON summary on stdout; logs go to stderr; exits 1 with a French line on failure.
 */
import { resolve } from 'node:path';
import { buildTerritoryPack } from './lib/territory-pack.ts';

function optionValue(args: readonly string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

const args = process.argv.slice(2);
const outDir = optionValue(args, '--out') ?? 'public/data';
const sourcesDir = optionValue(args, '--sources');
const started = Date.now();
try {
  const pack = await buildTerritoryPack(outDir, sourcesDir === undefined ? {} : { sourcesDir });
  const report = pack.vintageReport;
  const summary = {
    out_dir: resolve(outDir),
    cog_year: pack.cogYear,
    contours_year: pack.contoursYear,
    communes: pack.communes.length,
    population: pack.communes.reduce((sum, c) => sum + c.population, 0),
    communes_without_epci: pack.communes.filter((c) => c.code_epci === null).length,
    epcis: pack.epcis.length,
    epcis_with_contour: pack.epcis.filter((e) => e.has_contour).length,
    epci_without_contour: report.epci_without_contour.length,
    contours_without_cog: report.contours_without_cog.length,
    communes_with_contour: report.communes.departements.reduce((n, d) => n + d.contour_count, 0),
    communes_without_contour: report.communes.cog_without_contour.length,
    commune_contours_without_cog: report.communes.contours_without_cog.length,
    commune_contours_merged: report.communes.contours_merged.length,
    commune_epci_changed: report.communes.epci_changed.length,
    commune_files: report.communes.departements.length,
    commune_bytes: report.communes.departements.reduce((n, d) => n + d.bytes, 0),
    successors: report.successors.count,
    older_vintages: report.older_vintages.map((o) => ({
      cog_year: o.cog_year,
      merged: o.merged.length,
      unknown: o.unknown.length,
      epci_changed: o.epci_changed.length,
      epci_gone: o.epci_gone.length,
    })),
    rejected_contours: report.rejected_contours.length,
    files: { ...pack.files, vintage_report: 'vintage-report.json' },
    seconds: Number(((Date.now() - started) / 1000).toFixed(2)),
  };
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
} catch (error) {
  process.stderr.write(
    `Échec de la construction du paquet territorial : ${(error as Error).message}\n`,
  );
  process.exit(1);
}
