import { createContext, useContext } from 'react';
import { useUrlParam } from './use-url-param.ts';

/** URL parameter of the public mode: `?public=1`. */
const PUBLIC_MODE_PARAM = 'public';

/** Whether a query string asks for the public mode. */
function readPublicMode(search: string): boolean {
  return new URLSearchParams(search).get(PUBLIC_MODE_PARAM) === '1';
}

/** Writes the public mode into a query string, keeping the other parameters. */
function writePublicMode(on: boolean, search: string): string {
  const params = new URLSearchParams(search);
  if (on) params.set(PUBLIC_MODE_PARAM, '1');
  else params.delete(PUBLIC_MODE_PARAM);
  const text = params.toString().replaceAll('%2C', ',');
  return text === '' ? '' : `?${text}`;
}

/** The public mode, kept in the URL so that a shared link or a printed report stays public. */
export function usePublicModeState(): [boolean, (on: boolean) => void] {
  return useUrlParam(readPublicMode, writePublicMode);
}

const PublicModeContext = createContext(false);

/** Provides the public mode to the views. */
export const PublicModeProvider = PublicModeContext.Provider;

/** Whether the statistical secret applies to what the views show. */
export function usePublicMode(): boolean {
  return useContext(PublicModeContext);
}
