import type { ProgrammeReference, ReferenceCommune, ReferenceEpci } from './programme-csv.ts';

/**
 * The territory reference of a programme import from the rows of the COG tables (the browser's
 * stock database, or the COG read by the command line): communes by INSEE code, EPCI by SIREN,
 * and the current commune of a code merged since (`successors`, old code → current code).
 */
export function programmeReferenceFromRows(
  name: string,
  communes: readonly (ReferenceCommune & { code_commune: string })[],
  epcis: readonly (ReferenceEpci & { code_epci: string })[],
  successors: ReadonlyMap<string, string> = new Map(),
): ProgrammeReference {
  const communeByCode = new Map(communes.map((c) => [c.code_commune, c]));
  const epciByCode = new Map(epcis.map((e) => [e.code_epci, e]));
  return {
    name,
    commune(code) {
      const c = communeByCode.get(code);
      return (
        c && { nom_commune: c.nom_commune, code_epci: c.code_epci, code_region: c.code_region }
      );
    },
    epci(siren) {
      const e = epciByCode.get(siren);
      return e && { nom_epci: e.nom_epci, code_region: e.code_region };
    },
    successor: (code) => successors.get(code),
  };
}
