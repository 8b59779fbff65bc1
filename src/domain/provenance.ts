/**
 * Provenance of a dataset fetched from open data (ADEME DPE, BDNB): where it came from, when it was
 * fetched, how many records; shown wherever the data appears (panel, exports, annual report).
 */
import { formatInteger } from './format.ts';

/** ADEME's warning on observed DPE records, word for word as shown to users. */
export const OBSERVED_CAVEAT =
  'Les DPE observés ne représentent pas le parc : seuls les logements vendus, loués ou neufs en ont un.';

/** Where a fetched dataset comes from. */
export interface DatasetProvenance {
  /** Producer and dataset, e.g. « ADEME, DPE des logements existants (dpe03existant) ». */
  source: string;
  /** Address of the data (API or archive). */
  url: string;
  /** ISO date and time of the fetch. */
  fetched_at: string;
  /** Records kept in the dataset. */
  records: number;
  /** Territory the data was fetched for, e.g. « EPCI 200046977 (Métropole de Lyon) ». */
  territory?: string;
  /** Caveat that goes with the data (ADEME's, for observed DPE). */
  caveat?: string;
}

/** Whether a value read from JSON is a {@link DatasetProvenance}. */
export function parseProvenance(value: unknown): DatasetProvenance | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  if (
    typeof entry.source !== 'string' ||
    typeof entry.url !== 'string' ||
    typeof entry.fetched_at !== 'string' ||
    typeof entry.records !== 'number'
  ) {
    return null;
  }
  const provenance: DatasetProvenance = {
    source: entry.source,
    url: entry.url,
    fetched_at: entry.fetched_at,
    records: entry.records,
  };
  if (typeof entry.territory === 'string') provenance.territory = entry.territory;
  if (typeof entry.caveat === 'string') provenance.caveat = entry.caveat;
  return provenance;
}

/** The fetch date in French (« 4 décembre 2026 »), or the raw text when unreadable. */
export function formatFetchDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** One French sentence: source, fetch date, records (territory when known), caveat. */
export function describeProvenance(provenance: DatasetProvenance): string {
  const territory = provenance.territory === undefined ? '' : ` pour ${provenance.territory}`;
  const caveat = provenance.caveat === undefined ? '' : ` ${provenance.caveat}`;
  return `Source : ${provenance.source} (${provenance.url}), récupéré le ${formatFetchDate(provenance.fetched_at)}${territory} : ${formatInteger(provenance.records)} enregistrements.${caveat}`;
}
