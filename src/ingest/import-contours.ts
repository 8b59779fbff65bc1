/** A GeoJSON or TopoJSON file of contours as an import run (command line and data:build). */
import { STOCK_COLUMN_KINDS } from '../domain/stock-schema.ts';
import { type ByteSource, readBytes } from './byte-source.ts';
import { createSmallTable } from './engine-tables.ts';
import { readGeoText } from './geo-reader.ts';
import type { ImportEngine } from './import-engine.ts';
import { sniffSource } from './inspect-source.ts';
import type { ImportRun } from './run-import.ts';

/** A GeoJSON or TopoJSON file of contours, read whole (command line and data:build). */
export async function readContours(
  source: ByteSource,
  prefix: string,
  engine: ImportEngine,
): Promise<Omit<ImportRun, 'dispose'>> {
  const bytes = await readBytes(source, 0, source.size);
  const content = await sniffSource(source);
  const encoding = content.type === 'text' ? content.encoding : 'utf-8';
  const result = readGeoText(new TextDecoder(encoding).decode(bytes), { file: source.name });
  const rejected = result.report.rejections;
  await createSmallTable(
    engine,
    `${prefix}accepted`,
    STOCK_COLUMN_KINDS.map(
      ([name, kind]) => [name, kind === 'number' ? 'DOUBLE' : 'VARCHAR'] as const,
    ),
    [],
  );
  return {
    report: result.report,
    format: 'geo',
    kind: 'modelled',
    files: [source.name],
    headerRaw: 'proprietes',
    separator: ';',
    acceptedSql: `SELECT * FROM ${prefix}accepted`,
    acceptedInOrderSql: `SELECT * FROM ${prefix}accepted`,
    features: result.features,
    rejectedRows: async () => ({
      lines: Uint32Array.from(rejected, (r) => r.line),
      reasons: rejected.map((r) => r.reason),
      raws: rejected.map((r) => r.raw ?? ''),
      files: null,
      truncated: false,
    }),
  };
}
