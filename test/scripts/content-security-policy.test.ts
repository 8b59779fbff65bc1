import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  contentSecurityPolicyMeta,
  contentSecurityPolicyPlugin,
  openDataBuildConfig,
  parseBasemapHosts,
  parseOpenDataHosts,
} from '../../scripts/content-security-policy.ts';
import { openDataConfig } from '../../src/opendata/open-data-config.ts';

function directive(policy: string, name: string): string | undefined {
  return policy
    .split('; ')
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1);
}

describe('contentSecurityPolicy', () => {
  it('allows only the page’s own origin, WASM compilation and blob workers', () => {
    const policy = contentSecurityPolicy();
    expect(directive(policy, 'default-src')).toBe("'self'");
    expect(directive(policy, 'script-src')).toBe("'self' 'wasm-unsafe-eval'");
    expect(directive(policy, 'connect-src')).toBe("'self'");
    expect(directive(policy, 'worker-src')).toBe("'self' blob:");
    expect(directive(policy, 'object-src')).toBe("'none'");
    expect(directive(policy, 'form-action')).toBe("'none'");
    expect(policy).not.toContain("'unsafe-eval'");
  });

  it('adds the configured basemap origins to connect-src and img-src only', () => {
    const policy = contentSecurityPolicy(['https://tuiles.example.fr']);
    expect(directive(policy, 'connect-src')).toBe("'self' https://tuiles.example.fr");
    expect(directive(policy, 'img-src')).toBe("'self' data: blob: https://tuiles.example.fr");
    expect(directive(policy, 'script-src')).toBe("'self' 'wasm-unsafe-eval'");
  });
});

describe('parseBasemapHosts', () => {
  it('reads origins separated by commas or spaces, without duplicates', () => {
    expect(
      parseBasemapHosts(' https://a.example.fr, https://B.example.fr:8443  https://a.example.fr'),
    ).toEqual(['https://a.example.fr', 'https://b.example.fr:8443']);
    expect(parseBasemapHosts(undefined)).toEqual([]);
    expect(parseBasemapHosts('  ')).toEqual([]);
  });

  it.each([
    "https://a.fr; script-src 'unsafe-inline'",
    'http://a.fr',
    'https://*.a.fr',
    'https://a.fr/tuiles',
    "'unsafe-eval'",
    '*',
  ])('refuses %j with a French message', (value) => {
    expect(() => parseBasemapHosts(value)).toThrow(/n’est pas une origine https/);
  });
});

describe('open-data hosts (OPEN_DATA_HOSTS)', () => {
  it('adds the API origins to connect-src only, the loopback allowed in plain HTTP', () => {
    const policy = contentSecurityPolicy([], ['https://data.ademe.fr']);
    expect(directive(policy, 'connect-src')).toBe("'self' https://data.ademe.fr");
    expect(directive(policy, 'img-src')).toBe("'self' data: blob:");
    expect(parseOpenDataHosts('http://127.0.0.1:8080 https://data.ademe.fr')).toEqual([
      'http://127.0.0.1:8080',
      'https://data.ademe.fr',
    ]);
    expect(() => parseOpenDataHosts('http://data.ademe.fr')).toThrow(/OPEN_DATA_HOSTS/);
    expect(() => parseBasemapHosts('http://127.0.0.1:8080')).toThrow(/BASEMAP_HOSTS/);
  });

  it('enables the in-app fetch only when the API’s origin is listed', () => {
    const listed = openDataBuildConfig({ OPEN_DATA_HOSTS: 'https://data.ademe.fr' });
    expect(listed.dpeApi).toBe('https://data.ademe.fr/data-fair/api/v1/datasets/dpe03existant');
    expect(openDataConfig(listed).enabled).toBe(true);
    expect(openDataConfig(openDataBuildConfig({})).enabled).toBe(false);
    const moved = openDataBuildConfig({
      OPEN_DATA_HOSTS: 'https://data.ademe.fr',
      ADEME_DPE_API: 'http://127.0.0.1:9000/data-fair/api/v1/datasets/dpe03existant',
    });
    expect(openDataConfig(moved).enabled).toBe(false);
    // Outside a Vite build (no __CASBA_OPEN_DATA__): disabled.
    expect(openDataConfig().enabled).toBe(false);
  });
});

describe('contentSecurityPolicyPlugin', () => {
  it('writes the meta element first in <head>, for the build only', () => {
    const plugin = contentSecurityPolicyPlugin('');
    expect(plugin.apply).toBe('build');
    const transform = plugin.transformIndexHtml as {
      handler: (html: string) => string;
    };
    const html = transform.handler('<html><head><meta charset="UTF-8" /></head></html>');
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('charset'));
    expect(html).toContain(contentSecurityPolicyMeta(contentSecurityPolicy()));
  });
});
