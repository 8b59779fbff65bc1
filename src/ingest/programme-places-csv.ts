/**
 * Importers of the programme's adopting territories and carnets (docs/programme-csv.md): carnets
 * are checked against the accepted territories (warnings only).
 */
import { arrondissementToCommune, isSiren, normaliseInseeCode } from '../domain/codes.ts';
import type { ProgrammeCarnet, ProgrammeTerritory } from '../domain/programme-data.ts';
import type {
  ProgrammeCsvImport,
  ProgrammeImportContext,
  ProgrammeReference,
  ProgrammeReportBuilder,
  ReferenceCommune,
} from './programme-csv-reader.ts';
import { createProgrammeImport, optional, readDate, spec } from './programme-csv-reader.ts';

type TerritoryColumn =
  | 'siren_epci'
  | 'code_region_partenaire'
  | 'date_adoption'
  | 'operateur'
  | 'source';

const TERRITORY_COLUMNS = [
  spec<TerritoryColumn>('siren_epci', 'siren', 'code_epci', 'epci'),
  spec<TerritoryColumn>('code_region_partenaire', 'region_partenaire', 'code_region'),
  spec<TerritoryColumn>('date_adoption', 'date_adhesion', "date d'adoption", "date d'adhésion"),
  spec<TerritoryColumn>('operateur', 'operateur_terrain'),
  spec<TerritoryColumn>('source'),
];

/**
 * Reads a carnet's commune: an INSEE code, arrondissements mapped to their commune, a commune
 * merged since to the commune that absorbed it, known to the reference when there is one.
 */
function readCarnetCommune(
  raw: string,
  reference: ProgrammeReference | undefined,
  report: ProgrammeReportBuilder,
): { commune: string; known: ReferenceCommune | undefined } | string {
  if (raw === '') return 'code_commune absent';
  const code = normaliseInseeCode(raw);
  if (code === null)
    return `code_commune invalide : « ${raw} » (code INSEE à 5 caractères attendu)`;
  let commune = arrondissementToCommune(code);
  if (commune !== code) {
    report.warn(
      'arrondissement_ramene_a_la_commune',
      'Codes d’arrondissement municipal (Paris, Lyon, Marseille) ramenés à leur commune.',
      `${code} → ${commune}`,
    );
  }
  let known = reference?.commune(commune);
  const successor = known === undefined ? reference?.successor?.(commune) : undefined;
  if (successor !== undefined && reference !== undefined) {
    report.warn(
      'commune_fusionnee',
      `Communes fusionnées (historique du ${reference.name}) : carnets rattachés à la commune nouvelle.`,
      `${commune} → ${successor}`,
    );
    commune = successor;
    known = reference.commune(successor);
  }
  if (reference !== undefined && known === undefined) {
    return `code_commune inconnu du ${reference.name} : ${commune}`;
  }
  return { commune, known };
}

/** Reads a SIREN cell (spaces removed): the SIREN, or a rejection reason. */
function readSiren(raw: string): string | { error: string } {
  const siren = raw.replace(/[\s\u00a0\u202f]/g, '');
  if (siren === '') return { error: 'siren_epci absent' };
  if (!isSiren(siren)) {
    return {
      error: `siren_epci invalide : « ${raw} » (9 chiffres dont une clé de contrôle attendus)`,
    };
  }
  return siren;
}

/**
 * Starts the import of adopting territories: `siren_epci` (valid SIREN, known EPCI when a
 * reference is given, once per file), `code_region_partenaire` (one of the partner regions),
 * `date_adoption` (in the calendar), `operateur` (not empty).
 */
export function createTerritoriesImport(
  context: ProgrammeImportContext,
  file?: string,
): ProgrammeCsvImport<ProgrammeTerritory> {
  const regions = new Map(context.partnerRegions.map((r) => [r.code, r.name]));
  const expected = [...regions.keys()].join(', ');
  const reference = context.reference;
  return createProgrammeImport<TerritoryColumn, ProgrammeTerritory>(
    {
      kind: 'territoires',
      columns: TERRITORY_COLUMNS,
      required: ['siren_epci', 'code_region_partenaire', 'date_adoption', 'operateur'],
      mapper() {
        const seen = new Map<string, number>();
        return (get, line, report) => {
          const siren = readSiren(get('siren_epci'));
          if (typeof siren !== 'string') return siren.error;
          const epci = reference?.epci(siren);
          if (reference !== undefined && epci === undefined) {
            return `EPCI inconnu du ${reference.name} : ${siren}`;
          }
          const previous = seen.get(siren);
          if (previous !== undefined)
            return `territoire en double : SIREN ${siren} déjà lu ligne ${previous}`;
          const region = get('code_region_partenaire').replace(/\.0+$/, '').padStart(2, '0');
          if (!regions.has(region)) {
            return `code_region_partenaire « ${get('code_region_partenaire')} » : pas une région partenaire du programme (attendu : ${expected})`;
          }
          const date = readDate(get('date_adoption'), 'date_adoption', context.calendar);
          if (typeof date === 'string') return date;
          const operateur = get('operateur');
          if (operateur === '') return 'operateur absent';
          if (epci !== undefined && epci.code_region !== region) {
            report.warn(
              'region_partenaire_differente',
              'Territoires rattachés à une région partenaire différente de la région de leur EPCI (gardés).',
              `${siren} : ${region} ≠ ${epci.code_region}`,
            );
          }
          seen.set(siren, line);
          return {
            siren_epci: siren,
            nom_epci: epci?.nom_epci ?? null,
            code_region_partenaire: region,
            date_adoption: date.date,
            operateur,
            source: optional(get('source')),
          };
        };
      },
    },
    file,
  );
}

type CarnetColumn = 'id_carnet' | 'code_commune' | 'date_ouverture' | 'operateur' | 'source';

const CARNET_COLUMNS = [
  spec<CarnetColumn>('id_carnet', 'identifiant_carnet', 'carnet'),
  spec<CarnetColumn>('code_commune', 'code_insee', 'commune'),
  spec<CarnetColumn>('date_ouverture', "date d'ouverture"),
  spec<CarnetColumn>('operateur', 'operateur_terrain'),
  spec<CarnetColumn>('source'),
];

/**
 * Starts the import of carnets: `id_carnet` (once per file), `code_commune` (INSEE code, known to
 * the reference; arrondissements mapped to their commune, communes merged since to the commune
 * that absorbed them), `date_ouverture` (in the calendar),
 * `operateur`. Carnets outside the adopting territories, or opened before their territory
 * adopted the programme, are kept with a warning.
 */
export function createCarnetsImport(
  context: ProgrammeImportContext,
  territories: readonly ProgrammeTerritory[],
  file?: string,
): ProgrammeCsvImport<ProgrammeCarnet> {
  const reference = context.reference;
  const adopting = new Map(territories.map((t) => [t.siren_epci, t]));
  return createProgrammeImport<CarnetColumn, ProgrammeCarnet>(
    {
      kind: 'carnets',
      columns: CARNET_COLUMNS,
      required: ['id_carnet', 'code_commune', 'date_ouverture', 'operateur'],
      mapper() {
        const seen = new Map<string, number>();
        return (get, line, report) => {
          const id = get('id_carnet');
          if (id === '') return 'id_carnet absent';
          const previous = seen.get(id);
          if (previous !== undefined)
            return `id_carnet en double : « ${id} » déjà lu ligne ${previous}`;
          const place = readCarnetCommune(get('code_commune'), reference, report);
          if (typeof place === 'string') return place;
          const { commune, known } = place;
          const date = readDate(get('date_ouverture'), 'date_ouverture', context.calendar);
          if (typeof date === 'string') return date;
          const operateur = get('operateur');
          if (operateur === '') return 'operateur absent';
          const epci = known?.code_epci ?? null;
          const territory = epci === null ? undefined : adopting.get(epci);
          if (known !== undefined && territory === undefined) {
            report.warn(
              'carnet_hors_territoire_adherent',
              'Carnets ouverts dans une commune hors des territoires adhérents (gardés, comptés à part).',
              commune,
            );
          } else if (territory !== undefined && date.date < territory.date_adoption) {
            report.warn(
              'carnet_avant_adhesion',
              'Carnets ouverts avant la date d’adoption de leur territoire (gardés).',
              `${id} : ${date.date} < ${territory.date_adoption}`,
            );
          }
          seen.set(id, line);
          return {
            id_carnet: id,
            code_commune: commune,
            nom_commune: known?.nom_commune ?? null,
            code_epci: epci,
            code_region: known?.code_region ?? null,
            date_ouverture: date.date,
            operateur,
            source: optional(get('source')),
          };
        };
      },
    },
    file,
  );
}
