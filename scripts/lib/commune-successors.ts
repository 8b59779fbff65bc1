/**
 * COG history of merged communes ("communes nouvelles"), from the same npm package as the EPCI
 * membership (`@etalab/decoupage-administratif@3.1.1`, `data/communes.json`): each current
 * commune lists the codes it absorbed in `anciensCodes`. A record that still carries an absorbed
 * code is attached to the commune that absorbed it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface PackageCommune {
  code: string;
  type: string;
  anciensCodes?: string[];
}

/** Absorbed commune code → code of the current commune that absorbed it. */
export function loadCommuneSuccessors(): Map<string, string> {
  const path = createRequire(import.meta.url).resolve(
    '@etalab/decoupage-administratif/data/communes.json',
  );
  const communes = JSON.parse(readFileSync(path, 'utf8')) as PackageCommune[];
  const current = new Set(
    communes.filter((c) => c.type === 'commune-actuelle').map((commune) => commune.code),
  );
  const successors = new Map<string, string>();
  for (const commune of communes) {
    if (commune.type !== 'commune-actuelle') continue;
    for (const old of commune.anciensCodes ?? []) {
      // A code reused by a current commune is that commune, not a merged one.
      if (old !== commune.code && !current.has(old)) successors.set(old, commune.code);
    }
  }
  return successors;
}
