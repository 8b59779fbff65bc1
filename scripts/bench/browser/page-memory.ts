/** Memory figures inside Chromium (precise only with --enable-precise-memory-info). */
import type { Table } from 'apache-arrow';
import { toMb } from '../bench-stats.ts';

interface ChromeMemory {
  usedJSHeapSize: number;
}

/** A full collection when `gc` is exposed (Chromium started with `--js-flags=--expose-gc`). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The page's JS heap in use, MiB, after a collection when `gc` is exposed; null elsewhere. */
export function jsHeapMb(): number | null {
  collectGarbage();
  const memory = (globalThis as { performance: { memory?: ChromeMemory } }).performance.memory;
  return memory === undefined ? null : toMb(memory.usedJSHeapSize);
}

/**
 * Memory DuckDB-WASM accounts for (`duckdb_memory()`), MiB. The worker's WASM linear memory is
 * out of the page's reach, so this is a lower bound of the WASM heap.
 */
export async function duckdbMemoryMb(query: (sql: string) => Promise<Table>): Promise<number> {
  const table = await query(
    'SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS b FROM duckdb_memory()',
  );
  return toMb(Number(table.getChild('b')?.get(0) ?? 0));
}
