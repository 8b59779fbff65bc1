import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { inject } from 'vitest';
import { buildCogTerritory, loadCogInput } from '../../scripts/lib/cog-territory.ts';
import { programmeReferenceRows } from '../../scripts/lib/programme-inputs.ts';
import { type ProgrammeConfig, parseProgrammeConfig } from '../../src/domain/programme-config.ts';
import type { ProgrammeData } from '../../src/domain/programme-data.ts';
import { importProgrammeCsv } from '../../src/ingest/programme-csv.ts';
import { programmeImportContext } from '../../src/ingest/programme-reference.ts';

/** Where the demo build puts the programme files the app serves. */
const PROGRAMME_DIR = 'public/data/programme';

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
  const cog = buildCogTerritory(loadCogInput());
  const texts = {
    territories: readFileSync(PROGRAMME_FILES.territories, 'utf8'),
    carnets: readFileSync(PROGRAMME_FILES.carnets, 'utf8'),
    works: readFileSync(PROGRAMME_FILES.works, 'utf8'),
  };
  const imported = importProgrammeCsv(
    texts,
    programmeImportContext(config, programmeReferenceRows(cog)),
  );
  return { config, data: imported.data };
}

/** Opens the steering view at `query` and waits until its figures are on screen. */
export async function openSteeringView(page: Page, query = '?vue=pilotage'): Promise<void> {
  await page.goto(`${inject('baseUrl')}${query}`);
  await page.waitForSelector('[data-testid="programme-view"][data-status="ready"]', {
    timeout: 180_000,
  });
}

/** Reads three programme files through the steering view's import dialog (left open). */
export async function importProgrammeFiles(
  page: Page,
  files: Record<keyof typeof PROGRAMME_FILES, string>,
): Promise<void> {
  await page.evaluate(() =>
    (document.querySelector('[data-testid="programme-import-button"]') as HTMLElement).click(),
  );
  await page.locator('[data-testid="programme-file-territories"]').setInputFiles(files.territories);
  await page.locator('[data-testid="programme-file-carnets"]').setInputFiles(files.carnets);
  await page.locator('[data-testid="programme-file-works"]').setInputFiles(files.works);
  await page.locator('[data-testid="programme-import-submit"]').click();
  await page.waitForSelector('[data-testid="programme-import-done"]', { timeout: 120_000 });
}
