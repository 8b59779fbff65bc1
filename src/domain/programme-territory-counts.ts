/**
 * Carnets and works of the programme per commune and per EPCI, for the targeting criteria (carnet
 * penetration, works conversion). A work counts for the commune of its carnet; a work whose carnet
 * is unknown cannot be placed and is counted in `unplaced`, never dropped silently.
 */
import type { ProgrammeData } from './programme-data.ts';

/** Carnets and works of one territory. */
export interface ProgrammeCounts {
  carnets: number;
  works: number;
}

/** Counts per commune INSEE code and per EPCI SIREN. */
export interface ProgrammeTerritoryCounts {
  communes: ReadonlyMap<string, ProgrammeCounts>;
  epcis: ReadonlyMap<string, ProgrammeCounts>;
  /** Works whose carnet is not in the carnets table. */
  unplaced: number;
}

function bump(map: Map<string, ProgrammeCounts>, code: string, key: keyof ProgrammeCounts) {
  const counts = map.get(code) ?? { carnets: 0, works: 0 };
  counts[key] += 1;
  map.set(code, counts);
}

/** Counts the carnets and works of `data` per commune and per EPCI. */
export function countProgrammeByTerritory(data: ProgrammeData): ProgrammeTerritoryCounts {
  const communes = new Map<string, ProgrammeCounts>();
  const epcis = new Map<string, ProgrammeCounts>();
  const carnetPlace = new Map<string, { commune: string; epci: string | null }>();
  for (const carnet of data.carnets) {
    carnetPlace.set(carnet.id_carnet, { commune: carnet.code_commune, epci: carnet.code_epci });
    bump(communes, carnet.code_commune, 'carnets');
    if (carnet.code_epci !== null) bump(epcis, carnet.code_epci, 'carnets');
  }
  let unplaced = 0;
  for (const work of data.works) {
    const place = carnetPlace.get(work.id_carnet);
    if (place === undefined) {
      unplaced += 1;
      continue;
    }
    bump(communes, place.commune, 'works');
    if (place.epci !== null) bump(epcis, place.epci, 'works');
  }
  return { communes, epcis, unplaced };
}
