/** The machine block of the results: what the figures were measured on. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import type { MachineInfo } from './bench-types.ts';
import { nativeVersion } from './native-db.ts';

function packageVersion(name: string): string {
  const path = join('node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
}

/** Load average over the last minute, two decimals. */
export function loadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

/** CPU, memory, load and versions (Chromium's is filled in once the browser runs). */
export async function collectMachineInfo(wasmCoreVersion: string): Promise<MachineInfo> {
  const processors = cpus();
  return {
    cpu_model: processors[0]?.model.trim() ?? 'unknown',
    cpus: processors.length,
    memory_gb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    load_average_1m_start: loadAverage(),
    node: process.version,
    chromium: null,
    duckdb_wasm: `${packageVersion('@duckdb/duckdb-wasm')} (DuckDB ${wasmCoreVersion})`,
    duckdb_native: `${await nativeVersion()} (@duckdb/node-api ${packageVersion('@duckdb/node-api')})`,
    date: new Date().toISOString(),
    platform: `${process.platform} ${process.arch}`,
  };
}
