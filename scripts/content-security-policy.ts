/**
 * Content Security Policy of the production build. The page may talk to its own origin only:
 * DuckDB-WASM, MapLibre and the import reader run in workers served from the site itself, WASM
 * is compiled with `wasm-unsafe-eval` (never `unsafe-eval`), and a basemap is reachable only
 * when its origin is listed at build time in `BASEMAP_HOSTS`.
 */
import type { Plugin } from 'vite';

/** Name of the build-time variable listing the basemap origins (comma or space separated). */
export const BASEMAP_HOSTS_VARIABLE = 'BASEMAP_HOSTS';

const ORIGIN = /^https:\/\/[a-z0-9.-]+(?::\d{1,5})?$/;

/**
 * Parses `BASEMAP_HOSTS` (`https://tiles.example.fr https://glyphs.example.fr`) into origins.
 * Anything other than an `https://host[:port]` origin is refused: a quote, a `;` or a wildcard
 * would let the variable rewrite the policy.
 */
export function parseBasemapHosts(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  const hosts = value.split(/[\s,]+/).filter((host) => host !== '');
  for (const host of hosts) {
    if (!ORIGIN.test(host.toLowerCase())) {
      throw new Error(
        `${BASEMAP_HOSTS_VARIABLE} : « ${host} » n’est pas une origine https://hôte[:port] (sans chemin, sans joker).`,
      );
    }
  }
  return [...new Set(hosts.map((host) => host.toLowerCase()))];
}

/** The policy text, one directive after another. */
export function contentSecurityPolicy(basemapHosts: readonly string[] = []): string {
  const remote = basemapHosts.length > 0 ? ` ${basemapHosts.join(' ')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self' blob:",
    `connect-src 'self'${remote}`,
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
): Plugin {
  const policy = contentSecurityPolicy(parseBasemapHosts(basemapHosts));
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
