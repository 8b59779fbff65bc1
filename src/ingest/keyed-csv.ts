/**
 * A CSV read by column key, for the small files read row by row in JavaScript (programme files,
 * MaPrimeRénov' series): the header is matched to the expected columns (which may be missing are
 * the caller's rule), then each record's fields are read by key, trimmed.
 */

import type { CsvHeader } from './csv-header.ts';
import { CsvReader } from './csv-reader.ts';
import type { ColumnSpec } from './header-match.ts';
import { fieldAt, matchColumns, projectColumns } from './header-match.ts';

/** What a keyed CSV reader calls. */
interface KeyedCsvHandlers<K extends string> {
  /** The header, with the position of each column found; throws an ImportError to refuse it. */
  header(index: Partial<Record<K, number>>, header: CsvHeader): void;
  /** Every record read, before it is mapped or refused (rows read = accepted + rejected). */
  read(): void;
  /** A record the CSV reader could not read (its reason in French). */
  malformed(line: number, reason: string, raw: string): void;
  /** A record: its fields by key (trimmed, '' when the column is absent). */
  record(get: (key: K) => string, line: number, raw: string): void;
}

/** Reads a CSV by the keys of `columns`; push text chunks, then `end()`. */
export function createKeyedCsvReader<K extends string>(
  columns: readonly ColumnSpec<K>[],
  handlers: KeyedCsvHandlers<K>,
): CsvReader {
  let slot: Record<K, number> | null = null;
  return new CsvReader({
    header(header) {
      const { index } = matchColumns(header.names, columns);
      handlers.header(index, header);
      const projection = projectColumns(index, columns);
      slot = projection.slot;
      return projection.columns;
    },
    record(record) {
      handlers.read();
      if (record.error !== null) {
        handlers.malformed(record.line, record.error, record.raw);
        return;
      }
      const slots = slot;
      if (slots === null) throw new Error('CSV record before its header');
      handlers.record((key) => fieldAt(record.fields, slots[key]).trim(), record.line, record.raw);
    },
  });
}
