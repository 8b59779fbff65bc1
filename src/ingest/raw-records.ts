/**
 * The raw lines of records rejected by the SQL mapping, which only keeps the columns it reads:
 * the source is read and lexed again, and the records of the wanted ordinals are decoded. Paid
 * only when rows were rejected, and stopped as soon as every wanted line is found.
 */
import type { ByteSource } from './byte-source.ts';
import { CsvLexer } from './csv-lexer.ts';
import type { TextEncodingLabel } from './detect-encoding.ts';
import { Utf8Windows } from './utf8-windows.ts';

const CHUNK_BYTES = 16 * 1024 * 1024;

/** The raw text of the records of `ordinals` (data records in file order, from 0). */
export async function fetchRawRecords(
  source: ByteSource,
  encoding: TextEncodingLabel,
  ordinals: ReadonlySet<number>,
  maxChars = Number.POSITIVE_INFINITY,
): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (ordinals.size === 0) return found;
  const decoder = new TextDecoder('utf-8');
  let chars = 0;
  const lexer = new CsvLexer({
    onRecord(ordinal, bytes, start, end) {
      if (!ordinals.has(ordinal) || chars > maxChars) return;
      const raw = decoder.decode(bytes.subarray(start, end));
      chars += raw.length;
      found.set(ordinal, raw);
    },
  });
  const windows = new Utf8Windows(source, encoding, CHUNK_BYTES);
  let leftover: Uint8Array = new Uint8Array(0);
  for (;;) {
    const window = await windows.next(leftover);
    const chunk = lexer.lex(window.bytes, window.final);
    leftover = window.bytes.subarray(chunk.consumed);
    if (window.final || found.size === ordinals.size || chars > maxChars) break;
  }
  return found;
}
