/**
 * Guardrail against datasets too large for the browser (issue 7): estimate the memory an import
 * needs from the file size (and the row count when known) and compare it with what the browser
 * can give, so that the page refuses early with a French message instead of crashing the tab.
 */
import { formatBytes } from '../domain/format.ts';

/** Command that pre-aggregates a large stock with the scripts, outside the browser. */
export const PRE_AGGREGATE_COMMAND = 'npm run data:build';

/**
 * DuckDB-WASM memory per byte of CSV read: 148.5 MB of WASM heap for the 1M-row DPE file of the
 * benchmark (about 85 MB; `bench/results/latest.json`, scenario `import`, Chromium).
 */
export const WASM_BYTES_PER_FILE_BYTE = 1.8;
/** DuckDB-WASM memory per imported row, when the row count is known (same measurement). */
const WASM_BYTES_PER_ROW = 160;
/**
 * Page and worker memory per byte of CSV, on top of DuckDB: typed columns while reading (≈ 1×),
 * the Arrow IPC stream handed to DuckDB (≈ 1×), the copy kept to reload it after a crash (≈ 0,5×).
 */
export const JS_BYTES_PER_FILE_BYTE = 2.5;
/** A 32-bit WebAssembly memory cannot grow beyond 4 GiB. */
export const WASM_MEMORY_LIMIT = 4 * 1024 ** 3;
/** Share of each limit the guard lets an import use. */
const USABLE_SHARE = 0.6;

/** What the browser says it can give; null when it does not say. */
export interface MemoryCapacity {
  /** `performance.memory.jsHeapSizeLimit` (Chromium only). */
  jsHeapLimit: number | null;
  /** `navigator.deviceMemory` in bytes (rounded, at most 8 GiB, by the browser). */
  deviceMemory: number | null;
}

/** The guard's decision. */
export type MemoryVerdict =
  | { ok: true; wasmBytes: number; totalBytes: number; budgetBytes: number }
  | { ok: false; wasmBytes: number; totalBytes: number; budgetBytes: number; message: string };

/** Reads the capacity the browser exposes. */
export function probeMemoryCapacity(): MemoryCapacity {
  const memory = (performance as Performance & { memory?: { jsHeapSizeLimit?: number } }).memory;
  const device = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return {
    jsHeapLimit:
      typeof memory?.jsHeapSizeLimit === 'number' && memory.jsHeapSizeLimit > 0
        ? memory.jsHeapSizeLimit
        : null,
    deviceMemory: typeof device === 'number' && device > 0 ? device * 1024 ** 3 : null,
  };
}

/**
 * Whether an import of `fileBytes` (and `rows`, when known) fits. Three limits, each used at 60 %
 * (the attached stock and the page need the rest): DuckDB's share under the 4 GiB WASM limit; the
 * page's share under the JS heap limit; the whole under the device memory. The last two apply
 * only when the browser reports them.
 */
export function assessImportMemory(
  size: { fileBytes: number; rows?: number },
  capacity: MemoryCapacity,
): MemoryVerdict {
  const wasmBytes = Math.max(
    size.fileBytes * WASM_BYTES_PER_FILE_BYTE,
    (size.rows ?? 0) * WASM_BYTES_PER_ROW,
  );
  const jsBytes = size.fileBytes * JS_BYTES_PER_FILE_BYTE;
  const totalBytes = wasmBytes + jsBytes;
  const checks: { need: number; limit: number | null }[] = [
    { need: wasmBytes, limit: WASM_MEMORY_LIMIT },
    { need: jsBytes, limit: capacity.jsHeapLimit },
    { need: totalBytes, limit: capacity.deviceMemory },
  ];
  // What the import may use in all, given the tightest limit.
  let budgetBytes = Number.POSITIVE_INFINITY;
  let fits = true;
  for (const { need, limit } of checks) {
    if (limit === null || need === 0) continue;
    const usable = limit * USABLE_SHARE;
    budgetBytes = Math.min(budgetBytes, (usable / need) * totalBytes);
    if (need > usable) fits = false;
  }
  if (fits) return { ok: true, wasmBytes, totalBytes, budgetBytes };
  return {
    ok: false,
    wasmBytes,
    totalBytes,
    budgetBytes,
    message:
      `Fichier trop volumineux pour ce navigateur : son import demanderait environ ${formatBytes(totalBytes)} de mémoire, ` +
      `au-delà des ${formatBytes(budgetBytes)} que la page peut raisonnablement utiliser. ` +
      `Pré-agrégez-le hors du navigateur avec les scripts (${PRE_AGGREGATE_COMMAND}), ou importez un extrait (un département, une région).`,
  };
}

const OUT_OF_MEMORY =
  /out of memory|array buffer allocation failed|cannot allocate|allocation failed|memory access out of bounds|invalid array length|maximum call stack|Le moteur DuckDB s’est arrêté/i;

/** Whether an error (or its cause) looks like the browser or DuckDB running out of memory. */
export function isOutOfMemoryError(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current != null && depth < 5; depth++) {
    const text = current instanceof Error ? `${current.name}: ${current.message}` : String(current);
    if (OUT_OF_MEMORY.test(text)) return true;
    current = current instanceof Error ? current.cause : null;
  }
  return false;
}

/** The French message of an import that ran out of memory. */
export function outOfMemoryMessage(): string {
  return `La mémoire du navigateur n’a pas suffi pour ce fichier : rien n’a été chargé et la page reste utilisable. Pré-agrégez-le hors du navigateur avec les scripts (${PRE_AGGREGATE_COMMAND}), ou importez un extrait plus petit.`;
}
