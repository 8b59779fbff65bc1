import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import {
  contentSecurityPolicyPlugin,
  openDataBuildConfig,
} from './scripts/content-security-policy.ts';

// maplibre-gl and duckdb-wasm are excluded from the dependency optimiser: pre-bundling them
// breaks MapLibre's worker (504 on maplibre-gl-worker.mjs) and DuckDB's worker URLs
// (architecture.md §2).
export default defineConfig({
  base: './',
  plugins: [react(), contentSecurityPolicyPlugin()],
  // Which open-data API the page may fetch (CSP `connect-src`, `OPEN_DATA_HOSTS`) and where.
  define: { __CASBA_OPEN_DATA__: JSON.stringify(openDataBuildConfig()) },
  optimizeDeps: { exclude: ['maplibre-gl', '@duckdb/duckdb-wasm'] },
  server: { port: Number(process.env.PORT ?? 5173), strictPort: true, host: '127.0.0.1' },
  preview: { port: Number(process.env.PORT ?? 4173), strictPort: true, host: '127.0.0.1' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  worker: { format: 'es' },
});
