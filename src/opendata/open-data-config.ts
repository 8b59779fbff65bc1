/**
 * Whether this build may fetch the ADEME DPE API from the page: the build lists the API's origin
 * in `OPEN_DATA_HOSTS` (written into the CSP's `connect-src` and into `__CASBA_OPEN_DATA__`);
 * `ADEME_DPE_API` at build time moves the API (a local server).
 */
import { DPE_API_DEFAULT } from './dpe-api.ts';

declare const __CASBA_OPEN_DATA__: { hosts: string[]; dpeApi: string } | undefined;

/** The open-data fetch settings of this build. */
export interface OpenDataConfig {
  /** Whether the DPE API's origin is allowed by this build. */
  enabled: boolean;
  dpeApi: string;
  hosts: readonly string[];
}

/** Decides from the build-time settings (absent outside a Vite build: disabled). */
export function openDataConfig(
  settings:
    | { hosts: readonly string[]; dpeApi: string }
    | undefined = typeof __CASBA_OPEN_DATA__ === 'undefined' ? undefined : __CASBA_OPEN_DATA__,
): OpenDataConfig {
  const dpeApi = settings?.dpeApi ?? DPE_API_DEFAULT;
  const hosts = settings?.hosts ?? [];
  let origin = '';
  try {
    origin = new URL(dpeApi).origin.toLowerCase();
  } catch {
    origin = '';
  }
  return { enabled: origin !== '' && hosts.includes(origin), dpeApi, hosts };
}
