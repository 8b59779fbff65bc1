/**
 * A territory given on the command line (`--epci SIREN`, `--departement CODE`, `--commune INSEE`)
 * resolved to its communes through the current COG (`@etalab/decoupage-administratif`, COG 2026).
 * A commune code absorbed since is taken as its commune nouvelle; an arrondissement of Paris, Lyon
 * or Marseille stays itself (the ADEME DPE file it under its own code).
 */
import { departementOfCommune, isMunicipalArrondissement } from '../../src/domain/codes.ts';
import { UsageError } from './cli-error.ts';
import { type CogCommune, type CogEpci, readPackageData } from './cog-territory.ts';
import { loadCommuneSuccessors } from './commune-successors.ts';

/** Kind of territory. */
export type TerritoryKind = 'epci' | 'departement' | 'commune';

/** A territory and its communes. */
export interface TerritorySelection {
  kind: TerritoryKind;
  code: string;
  name: string;
  /** Commune codes (COG 2026), sorted. */
  communes: string[];
  /** Départements of those communes, sorted. */
  departements: string[];
}

/** French label of a territory: « EPCI 200046977 (Métropole de Lyon) ». */
export function territoryLabel(territory: Pick<TerritorySelection, 'kind' | 'code' | 'name'>) {
  const kind = { epci: 'EPCI', departement: 'département', commune: 'commune' }[territory.kind];
  return `${kind} ${territory.code} (${territory.name})`;
}

function finish(kind: TerritoryKind, code: string, name: string, communes: string[]) {
  const sorted = [...new Set(communes)].sort();
  const departements = [
    ...new Set(sorted.map((c) => departementOfCommune(c)).filter((d) => d !== null)),
  ].sort() as string[];
  return { kind, code, name, communes: sorted, departements };
}

/** Resolves a territory to its communes; a French {@link UsageError} when it is unknown. */
export function resolveTerritory(kind: TerritoryKind, rawCode: string): TerritorySelection {
  const code = rawCode.trim().toUpperCase();
  if (kind === 'epci') {
    const epci = readPackageData<CogEpci[]>('epci.json').find((e) => e.code === code);
    if (epci === undefined) {
      throw new UsageError(
        `EPCI inconnu du COG 2026 : « ${rawCode} » (SIREN à 9 chiffres attendu).`,
      );
    }
    return finish(
      kind,
      code,
      epci.nom,
      epci.membres.map((m) => m.code),
    );
  }
  const communes = readPackageData<CogCommune[]>('communes.json');
  if (kind === 'departement') {
    const members = communes.filter((c) => c.type === 'commune-actuelle' && c.departement === code);
    if (members.length === 0) {
      throw new UsageError(`Département inconnu du COG 2026 : « ${rawCode} » (ex. 69, 2A).`);
    }
    const name = readPackageData<{ code: string; nom: string }[]>('departements.json').find(
      (d) => d.code === code,
    )?.nom;
    return finish(
      kind,
      code,
      name ?? code,
      members.map((c) => c.code),
    );
  }
  const successor = loadCommuneSuccessors().get(code) ?? code;
  const commune = communes.find(
    (c) =>
      c.code === successor &&
      (c.type === 'commune-actuelle' ||
        (c.type === 'arrondissement-municipal' && isMunicipalArrondissement(c.code))),
  );
  if (commune === undefined) {
    throw new UsageError(
      `Commune inconnue du COG 2026 : « ${rawCode} » (code INSEE à 5 caractères).`,
    );
  }
  return finish(kind, commune.code, commune.nom, [commune.code]);
}
