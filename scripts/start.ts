/**
 * `npm start`: downloads the sources it lacks and builds what is missing (territory pack, demo
 * stock), then serves the dashboard with Vite on http://localhost:5173 (PORT overrides).
 * A failure prints one French message, without a stack trace, and exits with status 1.
 */
import { createServer } from 'vite';
import { SourcesUnavailableError } from './lib/ensure-sources.ts';
import { MissingSourceError } from './lib/sources.ts';
import { prepareAssets } from './prepare-assets.ts';

try {
  await prepareAssets();
} catch (error) {
  console.error(
    error instanceof MissingSourceError || error instanceof SourcesUnavailableError
      ? error.message
      : `Échec de la préparation des données : ${(error as Error).message}`,
  );
  process.exit(1);
}

const port = Number(process.env.PORT ?? 5173);
const server = await createServer({ server: { port, strictPort: true, host: '127.0.0.1' } });
await server.listen();
console.log(`Tableau de bord CaSBa : http://localhost:${port}/`);
server.printUrls();
