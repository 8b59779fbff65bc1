/**
 * Commune → EPCI membership of the current COG, from the npm package
 * `@etalab/decoupage-administratif` (`data/epci.json`, INSEE COG + DGCL), for the import
 * command's per-EPCI counts. Arrondissements are not members: map them to their commune first.
 */
import { COG_REFERENCE, type CogEpci, readPackageData } from './cog-territory.ts';

/** Names the reference in reports. */
export const COMMUNE_EPCI_REFERENCE = COG_REFERENCE;

/** Commune INSEE code → EPCI SIREN, for every member commune of the package's EPCI. */
export function loadCommuneEpci(): Map<string, string> {
  const epciOf = new Map<string, string>();
  for (const epci of readPackageData<CogEpci[]>('epci.json')) {
    for (const member of epci.membres) epciOf.set(member.code, epci.code);
  }
  return epciOf;
}
