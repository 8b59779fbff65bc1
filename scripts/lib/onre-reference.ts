/**
 * National reference shares of DPE labels (ONRE / SDES, "Le parc de logements par classe de
 * performance énergétique au 1er janvier 2023", November 2023), used to calibrate and check
 * the synthetic demonstration stock. The mirror `stats/onre-parc-dpe-national.csv` of the
 * sources directory holds the same values with one source URL per row; a test keeps the two
 * in step.
 */
import type { DpeLabel } from '../../src/domain/stock-schema.ts';
import { DPE_LABELS } from '../../src/domain/stock-schema.ts';

/**
 * Where the 2023 figures were read (as cited by the mirror file): the SDES note itself is
 * "Le parc de logements par classe de performance énergétique au 1er janvier 2023".
 */
export const ONRE_2023_SOURCE_URLS: readonly string[] = [
  'https://www.actu-environnement.com/ae/news/baisse-2023-nombre-passoires-thermiques-onre-43021.php4',
  'https://www.quotidiag.fr/parc-de-logements-par-classe-dpe-2023/',
];

/** Share (%) of main residences by label at 1 January 2023; B derived as (A+B = 6.0) − A. */
export const ONRE_2023_MAIN_RESIDENCES: Readonly<Record<DpeLabel, number>> = {
  A: 1.9,
  B: 4.1,
  C: 24.0,
  D: 32.9,
  E: 21.4,
  F: 9.4,
  G: 6.3,
};

/** Share (%) of F+G among main residences at 1 January 2023 (4.8 M of 30 M). */
export const ONRE_2023_MAIN_FG = 15.7;
/** Share (%) of F+G in the whole stock (main, secondary, vacant) at 1 January 2023 (6.6 M of 37 M). */
export const ONRE_2023_WHOLE_STOCK_FG = 17.8;
/** Share (%) of F+G among secondary homes at 1 January 2023 (rounded by the publisher). */
export const ONRE_2023_SECONDARY_FG = 30;
/** Share (%) of F+G among vacant dwellings at 1 January 2023 (rounded by the publisher). */
export const ONRE_2023_VACANT_FG = 24;

/** One row of the ONRE mirror file. */
export interface OnreRecord {
  date_reference: string;
  champ: string;
  indicateur: string;
  classe: string;
  valeur: number;
}

/**
 * Parses the ONRE mirror CSV (comma-separated, header line, no quoted commas in the columns
 * read here). Throws on a missing column or a non-numeric value.
 */
export function parseOnreCsv(text: string): OnreRecord[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split(',');
  const column = (name: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`colonne « ${name} » absente du fichier ONRE`);
    return index;
  };
  const [date, champ, indicateur, classe, valeur] = [
    'date_reference',
    'champ',
    'indicateur',
    'classe',
    'valeur',
  ].map(column) as [number, number, number, number, number];
  return lines.slice(1).map((line, i) => {
    const cells = line.split(',');
    const value = Number(cells[valeur]);
    if (!Number.isFinite(value)) {
      throw new Error(`valeur non numérique ligne ${i + 2} du fichier ONRE : « ${cells[valeur]} »`);
    }
    return {
      date_reference: cells[date] ?? '',
      champ: cells[champ] ?? '',
      indicateur: cells[indicateur] ?? '',
      classe: cells[classe] ?? '',
      valeur: value,
    };
  });
}

/** Label shares (%) of one population ("champ") at one date, for the labels present in the file. */
export function selectLabelShares(
  records: readonly OnreRecord[],
  date: string,
  champ: string,
): Partial<Record<DpeLabel, number>> {
  const shares: Partial<Record<DpeLabel, number>> = {};
  for (const record of records) {
    if (record.date_reference !== date || record.champ !== champ) continue;
    if (record.indicateur !== 'part_logements') continue;
    const label = DPE_LABELS.find((candidate) => candidate === record.classe);
    if (label !== undefined) shares[label] = record.valeur;
  }
  return shares;
}
