/**
 * The registry of import formats. Each line is a format of `src/ingest/formats/`; the header of a
 * file decides which one reads it (the best score), unless the user says so or maps its columns.
 * To add a format: one file implementing `TabularFormat`, and its line here.
 */

import type { ByteSource } from './byte-source.ts';
import { BDNB_FORMAT } from './formats/bdnb-format.ts';
import { DPE_FORMAT } from './formats/dpe-format.ts';
import type { FormatId, TabularFormat } from './formats/format.ts';
import { type ColumnMapping, mappedFormat } from './formats/mapped-format.ts';
import { STOCK_FORMAT } from './formats/stock-format.ts';
import { describeFoundColumns } from './header-match.ts';
import { ImportError } from './import-error.ts';
import {
  EXPECTED_FORMATS,
  type InspectedSource,
  inspectSource,
  sniffSource,
} from './inspect-source.ts';
import { parquetToCsv, spreadsheetToCsv } from './tabular-conversion.ts';

export type { ColumnMapping } from './formats/mapped-format.ts';

/** The formats recognised from their header, in order of precedence on equal scores. */
export const FORMATS: readonly TabularFormat[] = [BDNB_FORMAT, DPE_FORMAT, STOCK_FORMAT];

/**
 * A table whose header matches no format: the import dialog then proposes to map its columns
 * (`names`), and `npm run import` says how to (`--map`).
 */
export class UnknownFormatError extends ImportError {
  readonly names: readonly string[];

  constructor(names: readonly string[], file: string) {
    super(
      `Format non reconnu. Formats acceptés : ${EXPECTED_FORMATS}. Colonnes trouvées : ${describeFoundColumns(names)}.`,
      { file },
    );
    this.name = 'UnknownFormatError';
    this.names = names;
  }
}

/** The format recognised from a header, or null. */
function recogniseFormat(names: readonly string[]): TabularFormat | null {
  let best: TabularFormat | null = null;
  let bestScore = 0;
  for (const format of FORMATS) {
    const score = format.score(names);
    if (score > bestScore) {
      best = format;
      bestScore = score;
    }
  }
  return best;
}

/** The format that reads `inputs`, as forced, mapped or recognised. */
export function chooseFormat(
  inputs: readonly InspectedSource[],
  kind: 'auto' | FormatId,
  mapping: ColumnMapping | undefined,
): TabularFormat {
  if (mapping !== undefined || kind === 'mapped') {
    if (inputs.length > 1) {
      throw new ImportError(
        'Une correspondance de colonnes s’applique à un seul fichier à la fois.',
      );
    }
    return mappedFormat(mapping ?? {});
  }
  const chosen = inputs.map((input) => {
    if (kind !== 'auto') {
      const forced = FORMATS.find((format) => format.id === kind);
      if (forced === undefined) throw new Error(`unknown format ${kind}`);
      return forced;
    }
    const format = recogniseFormat(input.header.names);
    if (format === null) throw new UnknownFormatError(input.header.names, input.source.name);
    return format;
  });
  const first = chosen[0];
  if (first === undefined) throw new ImportError('Aucun fichier à importer.');
  if (inputs.length > 1 && chosen.some((format) => !format.multiFile)) {
    const formats = inputs.map((input, k) => `${input.source.name} : ${chosen[k]?.id}`).join(', ');
    throw new ImportError(
      `Plusieurs fichiers ne s’importent ensemble que pour la BDNB (tables jointes sur batiment_groupe_id) ; reçu ${formats}.`,
    );
  }
  return first;
}

/** What a file is for the data build: contours, or the format that reads it. */
export type SourceKind = 'contours' | FormatId;

/**
 * Recognises a source from its start (its first 64 KB; a workbook or Parquet file is converted
 * first, as the import does).
 */
export async function sourceKind(source: ByteSource): Promise<SourceKind> {
  const content = await sniffSource(source);
  if (content.type === 'contours') return 'contours';
  const csv =
    content.type === 'xlsx'
      ? (await spreadsheetToCsv(source)).source
      : content.type === 'parquet'
        ? await parquetToCsv(source)
        : source;
  const input = await inspectSource(csv);
  const format = recogniseFormat(input.header.names);
  if (format === null) throw new UnknownFormatError(input.header.names, source.name);
  return format.id;
}
