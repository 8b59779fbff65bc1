/**
 * Writes fetched DPE records as an ADEME CSV with the 2025 field names (comma, quoted where
 * needed, UTF-8 without BOM), the form the DPE import reads: the command line and the browser
 * validate fetched records through the same import path as a downloaded file.
 */

import { quoteCsvField } from '../domain/csv-writer.ts';
import type { DpeRecord } from '../domain/dpe-records.ts';
import { DPE_API_FIELDS } from './dpe-api.ts';

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return quoteCsvField(String(value), ',');
}

/** The CSV header line of {@link dpeRecordsCsv}. */
const DPE_CSV_HEADER = DPE_API_FIELDS.join(',');

/** One CSV line (no line end) of a record. */
function dpeRecordLine(record: DpeRecord): string {
  return DPE_API_FIELDS.map((field) => cell(record[field])).join(',');
}

/** The records as CSV text, header first, `\n` line ends. */
export function dpeRecordsCsv(records: Iterable<DpeRecord>): string {
  const lines = [DPE_CSV_HEADER];
  for (const record of records) lines.push(dpeRecordLine(record));
  return `${lines.join('\n')}\n`;
}
