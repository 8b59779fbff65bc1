import { existsSync } from 'node:fs';
import { startStaticServer } from './lib/static-server.ts';

const port = Number(process.env.PORT ?? 4173);
if (!existsSync('dist/index.html')) {
  console.error('Le dossier dist/ est absent : lancez d’abord « npm run build ».');
  process.exit(1);
}
const { url } = await startStaticServer('dist', port);
console.error(`Site statique servi depuis dist/ sur ${url}`);
