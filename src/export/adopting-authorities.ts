/**
 * The list of adopting authorities presented at each steering committee (convention art. 3): one
 * line per adopting territory with its partner region, adoption date, operator and results, as a
 * CSV for French Excel.
 */

import type { CsvColumn } from '../domain/csv-writer.ts';
import { formatFrenchCsv } from '../domain/csv-writer.ts';
import type { ProgrammeConfig } from '../domain/programme-config.ts';
import type { ProgrammeData } from '../domain/programme-data.ts';
import { formatFrenchDate } from '../domain/programme-dates.ts';
import type { EpciBreakdown, FgDwellingsByEpci } from '../domain/programme-kpis.ts';
import { computeEpciBreakdown, dataAsOf } from '../domain/programme-kpis.ts';

/** One adopting authority with its partner region's name. */
export interface AuthorityRow extends EpciBreakdown {
  region_partenaire: string | null;
}

/** Options of the list. */
export interface AuthorityOptions {
  /** Committee date (`YYYY-MM-DD`, inclusive): later adoptions, carnets and works are left out. */
  asOf?: string;
  /** F/G dwellings per EPCI, for the penetration column. */
  fgDwellings?: FgDwellingsByEpci;
}

/** Adopting territories with their counts, by adoption date then SIREN. */
export function listAdoptingAuthorities(
  config: ProgrammeConfig,
  data: ProgrammeData,
  options: AuthorityOptions = {},
): AuthorityRow[] {
  const regions = new Map(config.partner_regions.map((r) => [r.code, r.name]));
  return computeEpciBreakdown(dataAsOf(data, options.asOf), options.fgDwellings)
    .filter((row) => row.adopting)
    .sort(
      (a, b) =>
        (a.date_adoption ?? '').localeCompare(b.date_adoption ?? '') ||
        a.siren_epci.localeCompare(b.siren_epci),
    )
    .map((row) => ({
      ...row,
      region_partenaire: row.code_region === null ? null : (regions.get(row.code_region) ?? null),
    }));
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const oneDecimal = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** Columns of the list, with their French headers. */
const ADOPTING_AUTHORITY_COLUMNS: readonly CsvColumn<AuthorityRow>[] = [
  { header: "SIREN de l'EPCI", value: (r) => r.siren_epci },
  { header: 'EPCI', value: (r) => r.nom_epci },
  { header: 'Code région partenaire', value: (r) => r.code_region },
  { header: 'Région partenaire', value: (r) => r.region_partenaire },
  {
    header: "Date d'adoption",
    value: (r) => (r.date_adoption === null ? null : formatFrenchDate(r.date_adoption)),
  },
  { header: 'Opérateur de terrain', value: (r) => r.operateur },
  { header: 'Carnets ouverts', value: (r) => r.carnets },
  { header: 'Travaux recensés', value: (r) => r.works },
  { header: 'Taux de conversion (%)', value: (r) => percent(r.conversion) },
  { header: 'Logements F/G', value: (r) => r.fg_dwellings },
  { header: 'Carnets pour 1 000 logements F/G', value: (r) => oneDecimal(r.penetration) },
];

/** The list as a CSV for French Excel. */
export function formatAdoptingAuthoritiesCsv(
  config: ProgrammeConfig,
  data: ProgrammeData,
  options: AuthorityOptions = {},
): string {
  return formatFrenchCsv(
    ADOPTING_AUTHORITY_COLUMNS,
    listAdoptingAuthorities(config, data, options),
  );
}
