import { createContext, useContext } from 'react';
import { PUBLIC_MODE } from '../state/url-schema.ts';
import { useUrlParam } from './use-url-param.ts';

/** The public mode, kept in the URL so that a shared link or a printed report stays public. */
export function usePublicModeState(): [boolean, (on: boolean) => void] {
  return useUrlParam(PUBLIC_MODE);
}

const PublicModeContext = createContext(false);

/** Provides the public mode to the views. */
export const PublicModeProvider = PublicModeContext.Provider;

/** Whether the statistical secret applies to what the views show. */
export function usePublicMode(): boolean {
  return useContext(PublicModeContext);
}
