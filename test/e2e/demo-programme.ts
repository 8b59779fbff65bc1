import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCogTerritory, loadCogInput } from '../../scripts/lib/cog-territory.ts';
import { programmeReference } from '../../scripts/lib/programme-inputs.ts';
import { type ProgrammeConfig, parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import type { ProgrammeData } from '../../src/domain/programme-data.ts';
import { importProgrammeCsv } from '../../src/ingest/programme-csv.ts';

/** Where the demo build puts the programme files the app serves. */
export const PROGRAMME_DIR = 'public/data/programme';

/** The three demo programme files. */
export const PROGRAMME_FILES = {
  territories: join(PROGRAMME_DIR, 'territoires.csv'),
  carnets: join(PROGRAMME_DIR, 'carnets.csv'),
  works: join(PROGRAMME_DIR, 'travaux.csv'),
};

/** The demo programme read in Node by the app's own importer, with its configuration. */
export function readDemoProgramme(): { config: ProgrammeConfig; data: ProgrammeData } {
  const parsed = parseProgrammeConfig(
    JSON.parse(readFileSync(join(PROGRAMME_DIR, 'casba.json'), 'utf8')),
  );
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const config = parsed.config;
  const cog = buildCogTerritory(loadCogInput().input);
  const texts = {
    territories: readFileSync(PROGRAMME_FILES.territories, 'utf8'),
    carnets: readFileSync(PROGRAMME_FILES.carnets, 'utf8'),
    works: readFileSync(PROGRAMME_FILES.works, 'utf8'),
  };
  const imported = importProgrammeCsv(texts, {
    calendar: config.calendar,
    partnerRegions: config.partner_regions,
    reference: programmeReference(cog),
  });
  return { config, data: imported.data };
}
