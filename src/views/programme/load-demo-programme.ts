import { runProgrammeImport } from './programme-import-client.ts';
import type { LoadedProgramme } from './programme-import-dialog.tsx';
import { type ProgrammeBase, programmeImportContext } from './use-programme-base.ts';

/** Loads the demo programme files of the manifest through the import worker. */
export function loadDemoProgramme(base: ProgrammeBase): Promise<LoadedProgramme> {
  const absolute = (path: string) => new URL(path, document.baseURI).href;
  const names = {
    territories: base.paths.territories.split('/').pop() ?? 'territoires.csv',
    carnets: base.paths.carnets.split('/').pop() ?? 'carnets.csv',
    works: base.paths.works.split('/').pop() ?? 'travaux.csv',
  };
  return runProgrammeImport({
    inputs: {
      territories: { url: absolute(base.paths.territories) },
      carnets: { url: absolute(base.paths.carnets) },
      works: { url: absolute(base.paths.works) },
    },
    names,
    ...programmeImportContext(base),
  }).then((result) => {
    if (result.status === 'failed') {
      throw new Error(
        `Données de démonstration du programme illisibles : ${result.message}${result.file ? ` (${result.file})` : ''}`,
      );
    }
    return { origin: 'demo', names, result };
  });
}
