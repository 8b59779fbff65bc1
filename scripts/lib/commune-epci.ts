/**
 * Commune → EPCI membership of the COG 2023, from the npm package
 * `@etalab/decoupage-administratif@3.1.1` (`data/epci.json`, INSEE COG + DGCL), for the import
 * command's per-EPCI counts. Arrondissements are not members: map them to their commune first.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Names the reference in reports. */
export const COMMUNE_EPCI_REFERENCE = 'COG 2023 (@etalab/decoupage-administratif 3.1.1)';

interface PackageEpci {
  code: string;
  membres: { code: string }[];
}

/** Commune INSEE code → EPCI SIREN, for every member commune of the package's EPCI. */
export function loadCommuneEpci(): Map<string, string> {
  const path = createRequire(import.meta.url).resolve(
    '@etalab/decoupage-administratif/data/epci.json',
  );
  const epcis = JSON.parse(readFileSync(path, 'utf8')) as PackageEpci[];
  const epciOf = new Map<string, string>();
  for (const epci of epcis) {
    for (const member of epci.membres) epciOf.set(member.code, epci.code);
  }
  return epciOf;
}
