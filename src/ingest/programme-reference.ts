import type { ProgrammeConfig } from '../domain/programme-config.ts';
import type {
  ProgrammeImportContext,
  ProgrammeReference,
  ReferenceCommune,
  ReferenceEpci,
} from './programme-csv.ts';

/** The COG rows a programme import checks codes against. */
export interface ProgrammeReferenceRows {
  /** Names the reference in messages (« COG 2026 »). */
  name: string;
  communes: readonly (ReferenceCommune & { code_commune: string })[];
  epcis: readonly (ReferenceEpci & { code_epci: string })[];
  /** COG history: absorbed commune code → current commune. */
  successors?: ReadonlyMap<string, string>;
}

/**
 * What a programme import is checked against: the configuration's calendar, partner regions and
 * kinds of works, and the COG reference when its rows are given. The one builder of the command
 * line, the browser's import worker and the tests.
 */
export function programmeImportContext(
  config: Pick<ProgrammeConfig, 'calendar' | 'partner_regions' | 'work_types'>,
  rows?: ProgrammeReferenceRows,
): ProgrammeImportContext {
  const context: ProgrammeImportContext = {
    calendar: config.calendar,
    partnerRegions: config.partner_regions,
    workTypes: config.work_types.map((type) => type.id),
  };
  if (rows !== undefined) {
    context.reference = programmeReferenceFromRows(
      rows.name,
      rows.communes,
      rows.epcis,
      rows.successors,
    );
  }
  return context;
}

/**
 * The territory reference of a programme import from the rows of the COG tables (the browser's
 * stock database, or the COG read by the command line): communes by INSEE code, EPCI by SIREN,
 * and the current commune of a code merged since (`successors`, old code → current code).
 */
function programmeReferenceFromRows(
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
