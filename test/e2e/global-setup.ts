import { spawnSync } from 'node:child_process';
import type { Server } from 'node:http';
import type { TestProject } from 'vitest/node';
import { startStaticServer } from '../../scripts/lib/static-server.ts';
import { prepareAssets } from '../../scripts/prepare-assets.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/**
 * Browser tests run against the production build served by a plain static server, so that
 * they also prove `npm run build` works without Vite's dev server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await prepareAssets();
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build a échoué');
  const { url, server }: { url: string; server: Server } = await startStaticServer('dist');
  project.provide('baseUrl', url);
  return async () => {
    await new Promise<void>((done) => server.close(() => done()));
  };
}
