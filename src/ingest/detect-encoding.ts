/**
 * Text encoding of a file from its first bytes: UTF-8 (with or without BOM), UTF-16 with a BOM
 * (Excel's "texte Unicode"), else Windows-1252, which is what French spreadsheets write when they
 * do not write UTF-8.
 */

/** Encodings the importers decode (labels of the WHATWG Encoding standard). */
export type TextEncodingLabel = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Guesses the encoding from the first bytes of a file (a few KB are enough). */
export function detectTextEncoding(head: Uint8Array): TextEncodingLabel {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  try {
    // stream: true tolerates a multi-byte sequence cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}
