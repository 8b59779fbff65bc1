import type { PriorityCandidate } from '../../domain/priority-score.ts';
import { priorityValues } from '../../domain/priority-score.ts';
import type { TargetingCriteriaRow } from '../../sql/targeting-sql.ts';

/** Carnets and works of a territory; null when the statistical secret withholds the count. */
export interface ShownProgrammeCounts {
  carnets: number | null;
  works: number | null;
}

/**
 * The candidates of the priority score: every territory on the map, with its stock criteria and
 * its programme counts. Without programme data (`programme` null) the programme criteria are
 * unknown; with it, a territory without carnets has 0 carnets (a real zero, not a missing value).
 * A count withheld by the statistical secret (public mode) leaves its criteria unknown.
 */
export function targetingCandidates(
  territories: readonly { code: string; name: string }[],
  rows: readonly TargetingCriteriaRow[],
  programme: ReadonlyMap<string, ShownProgrammeCounts> | null,
): PriorityCandidate[] {
  const byCode = new Map(rows.map((row) => [row.code, row]));
  return territories.map(({ code, name }) => {
    const row = byCode.get(code);
    const counts = programme === null ? null : (programme.get(code) ?? { carnets: 0, works: 0 });
    return {
      code,
      name,
      values: priorityValues({
        labelledDwellings: row?.labelled ?? null,
        fg: row?.fg ?? null,
        gPlus: row?.g_plus ?? null,
        fossilHeatingShare: row?.fossil_share ?? null,
        ownerOccupiedShare: row?.owner_share ?? null,
        carnets: counts?.carnets ?? null,
        works: counts?.works ?? null,
      }),
    };
  });
}
