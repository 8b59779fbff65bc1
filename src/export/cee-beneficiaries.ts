/**
 * The quarterly list of final beneficiaries (carnet holders) that the convention (art. 3) sends to
 * the national CEE registry (PNCEE): the carnets opened in a calendar quarter, one line each, as a
 * CSV for French Excel.
 *
 * Carnets are pseudonymous here: the household's identity stays with the field operator, and the
 * list carries the carnet id, commune, territory and operator, from which the programme owner
 * adds the identities the registry asks for (RGPD data minimisation, convention art. 8).
 */

import type { CsvColumn } from '../domain/csv-writer.ts';
import { formatFrenchCsv } from '../domain/csv-writer.ts';
import type { ProgrammeConfig } from '../domain/programme-config.ts';
import type { ProgrammeCarnet, ProgrammeData } from '../domain/programme-data.ts';
import type { Quarter } from '../domain/programme-dates.ts';
import { formatFrenchDate, parseQuarter } from '../domain/programme-dates.ts';

/** One line of the list. */
export interface BeneficiaryRow {
  programme: string;
  /** Quarter in French spelling, `2020-T3`. */
  trimestre: string;
  carnet: ProgrammeCarnet;
  nom_epci: string | null;
  adopting: boolean;
  region_partenaire: string | null;
}

/** Options of the list. */
export interface BeneficiaryOptions {
  /** EPCI name for carnets outside the adopting territories (the territories carry theirs). */
  epciName?: (siren: string) => string | undefined;
}

/**
 * The carnets opened in `quarter` (first to last day inclusive), sorted by opening date then id,
 * with their territory and partner region.
 */
export function listQuarterBeneficiaries(
  config: ProgrammeConfig,
  data: ProgrammeData,
  quarter: Quarter,
  options: BeneficiaryOptions = {},
): BeneficiaryRow[] {
  const territories = new Map(data.territories.map((t) => [t.siren_epci, t]));
  const regions = new Map(config.partner_regions.map((r) => [r.code, r.name]));
  const trimestre = `${quarter.year}-T${quarter.quarter}`;
  return data.carnets
    .filter((c) => c.date_ouverture >= quarter.start && c.date_ouverture <= quarter.end)
    .sort((a, b) =>
      a.date_ouverture === b.date_ouverture
        ? a.id_carnet.localeCompare(b.id_carnet)
        : a.date_ouverture.localeCompare(b.date_ouverture),
    )
    .map((carnet) => {
      const territory = carnet.code_epci === null ? undefined : territories.get(carnet.code_epci);
      const name =
        territory?.nom_epci ??
        (carnet.code_epci === null ? undefined : options.epciName?.(carnet.code_epci));
      return {
        programme: config.reference,
        trimestre,
        carnet,
        nom_epci: name ?? null,
        adopting: territory !== undefined,
        region_partenaire:
          territory === undefined ? null : (regions.get(territory.code_region_partenaire) ?? null),
      };
    });
}

/** Columns of the list, with their French headers. */
const CEE_BENEFICIARY_COLUMNS: readonly CsvColumn<BeneficiaryRow>[] = [
  { header: 'Programme', value: (r) => r.programme },
  { header: 'Trimestre', value: (r) => r.trimestre },
  { header: 'Identifiant du carnet', value: (r) => r.carnet.id_carnet },
  { header: "Date d'ouverture", value: (r) => formatFrenchDate(r.carnet.date_ouverture) },
  { header: 'Code commune (INSEE)', value: (r) => r.carnet.code_commune },
  { header: 'Commune', value: (r) => r.carnet.nom_commune },
  { header: "SIREN de l'EPCI", value: (r) => r.carnet.code_epci },
  { header: 'EPCI', value: (r) => r.nom_epci },
  { header: 'Territoire adhérent', value: (r) => (r.adopting ? 'oui' : 'non') },
  { header: 'Région partenaire', value: (r) => r.region_partenaire },
  { header: 'Opérateur de terrain', value: (r) => r.carnet.operateur },
];

/**
 * The quarter's list as a CSV for French Excel. `quarter` is a {@link Quarter} or its text
 * (`2020-Q3`, `2020-T3`); an unreadable quarter throws a RangeError with a French message.
 */
export function formatCeeBeneficiariesCsv(
  config: ProgrammeConfig,
  data: ProgrammeData,
  quarter: Quarter | string,
  options: BeneficiaryOptions = {},
): string {
  const q = typeof quarter === 'string' ? parseQuarter(quarter) : quarter;
  if (q === null) {
    throw new RangeError(
      `Trimestre illisible : « ${String(quarter)} » (attendu : AAAA-Qn, par exemple 2020-Q3).`,
    );
  }
  return formatFrenchCsv(
    CEE_BENEFICIARY_COLUMNS,
    listQuarterBeneficiaries(config, data, q, options),
  );
}
