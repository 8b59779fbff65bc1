/**
 * Text encoding of a file from its first bytes: UTF-8 (with or without BOM), UTF-16 with a BOM
 * (Excel's "texte Unicode") or without one when the text is mostly ASCII (every other byte NUL),
 * else Windows-1252, which is what French spreadsheets write when they
 * do not write UTF-8.
 */

/** Encodings the importers decode (labels of the WHATWG Encoding standard). */
export type TextEncodingLabel = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Guesses the encoding from the first bytes of a file (a few KB are enough). `complete` says the
 * bytes are the whole file: a multi-byte sequence cut at the end is then an error, not a cut.
 */
export function detectTextEncoding(head: Uint8Array, complete = false): TextEncodingLabel {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const utf16 = utf16WithoutBom(head);
  if (utf16 !== null) return utf16;
  try {
    // stream: true tolerates a multi-byte sequence cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * UTF-16 without a byte order mark, recognised by its NUL high bytes: ASCII text (CSV headers
 * are) puts a NUL in every odd (LE) or even (BE) byte. Null when the sample does not look so.
 */
function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(head.length >> 1, 512);
  if (pairs < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenNul++;
    if (head[2 * i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.9 && evenNul === 0) return 'utf-16le';
  if (evenNul >= pairs * 0.9 && oddNul === 0) return 'utf-16be';
  return null;
}
