import { createContext, useContext } from 'react';
import type { DatasetProvenance } from '../domain/provenance.ts';

/** Files to import through the import dialog, named and described by whoever made them. */
export interface ImportRequest {
  files: File[];
  name: string;
  caption: string;
  provenance?: DatasetProvenance;
}

/** Opens the import dialog on files made in the page (fetched open data). */
export const ImportRequestContext = createContext<((request: ImportRequest) => void) | null>(null);

/** The function that hands files to the import dialog; null outside the app. */
export function useImportRequest(): ((request: ImportRequest) => void) | null {
  return useContext(ImportRequestContext);
}
