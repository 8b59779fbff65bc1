/**
 * Content Security Policy of the production build. The page may talk to its own origin only:
 * DuckDB-WASM, MapLibre and the import reader run in workers served from the site itself, WASM
 * is compiled with `wasm-unsafe-eval` (never `unsafe-eval`), a basemap is reachable only
 * when its origin is listed at build time in `BASEMAP_HOSTS`, and an open-data API (the ADEME DPE
 * API of « Récupérer les DPE de ce territoire ») only when listed in `OPEN_DATA_HOSTS`.
 */
import type { Plugin } from 'vite';
import { DPE_API_DEFAULT, DPE_API_VARIABLE } from '../src/opendata/dpe-api.ts';

/** Name of the build-time variable listing the basemap origins (comma or space separated). */
export const BASEMAP_HOSTS_VARIABLE = 'BASEMAP_HOSTS';

/** Name of the build-time variable listing the open-data API origins the page may fetch. */
export const OPEN_DATA_HOSTS_VARIABLE = 'OPEN_DATA_HOSTS';

const ORIGIN = /^https:\/\/[a-z0-9.-]+(?::\d{1,5})?$/;
/** A server on this machine (the local data-fair server of the tests), plain HTTP allowed. */
const LOOPBACK = /^http:\/\/(?:127\.0\.0\.1|localhost)(?::\d{1,5})?$/;

function parseOrigins(value: string | undefined, variable: string, loopback: boolean): string[] {
  if (value === undefined || value.trim() === '') return [];
  const hosts = value.split(/[\s,]+/).filter((host) => host !== '');
  for (const host of hosts) {
    const origin = host.toLowerCase();
    if (!ORIGIN.test(origin) && !(loopback && LOOPBACK.test(origin))) {
      throw new Error(
        `${variable} : « ${host} » n’est pas une origine https://hôte[:port] (sans chemin, sans joker).`,
      );
    }
  }
  return [...new Set(hosts.map((host) => host.toLowerCase()))];
}

/**
 * Parses `BASEMAP_HOSTS` (`https://tiles.example.fr https://glyphs.example.fr`) into origins.
 * Anything other than an `https://host[:port]` origin is refused: a quote, a `;` or a wildcard
 * would let the variable rewrite the policy.
 */
export function parseBasemapHosts(value: string | undefined): string[] {
  return parseOrigins(value, BASEMAP_HOSTS_VARIABLE, false);
}

/**
 * Parses `OPEN_DATA_HOSTS` (`https://data.ademe.fr`) as {@link parseBasemapHosts} does, plain
 * `http://127.0.0.1[:port]` and `http://localhost[:port]` allowed besides, for a local server.
 */
export function parseOpenDataHosts(value: string | undefined): string[] {
  return parseOrigins(value, OPEN_DATA_HOSTS_VARIABLE, true);
}

/** What the page knows at build time about fetching open data (`__CASBA_OPEN_DATA__`). */
export function openDataBuildConfig(env: NodeJS.ProcessEnv = process.env): {
  hosts: string[];
  dpeApi: string;
} {
  return {
    hosts: parseOpenDataHosts(env[OPEN_DATA_HOSTS_VARIABLE]),
    dpeApi: env[DPE_API_VARIABLE] ?? DPE_API_DEFAULT,
  };
}

/** The policy text, one directive after another. */
export function contentSecurityPolicy(
  basemapHosts: readonly string[] = [],
  openDataHosts: readonly string[] = [],
): string {
  const remote = basemapHosts.length > 0 ? ` ${basemapHosts.join(' ')}` : '';
  const connect = [...new Set([...basemapHosts, ...openDataHosts])];
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src 'self'${connect.length > 0 ? ` ${connect.join(' ')}` : ''}`,
    `img-src 'self' data: blob:${remote}`,
    // Observable Plot writes a <style> element into each chart's SVG.
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/** The `<meta>` element carrying the policy. */
export function contentSecurityPolicyMeta(policy: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', '&quot;')}" />`;
}

/**
 * Vite plugin that writes the policy as the first element of `<head>` in the built page. Build
 * only: the dev server's hot reload needs inline scripts and a WebSocket.
 */
export function contentSecurityPolicyPlugin(
  basemapHosts = process.env[BASEMAP_HOSTS_VARIABLE],
  openDataHosts = process.env[OPEN_DATA_HOSTS_VARIABLE],
): Plugin {
  const policy = contentSecurityPolicy(
    parseBasemapHosts(basemapHosts),
    parseOpenDataHosts(openDataHosts),
  );
  return {
    name: 'casba-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(/<head>/i, `<head>\n    ${contentSecurityPolicyMeta(policy)}`),
    },
  };
}
