import { formatCount, formatDecimal, formatPercent } from '../../domain/format.ts';
import type { PriorityCriterionId } from '../../domain/priority-score.ts';

/** Colour of each criterion in the score breakdown bars (Okabe–Ito, readable by colour-blind users). */
export const CRITERION_COLOURS: Readonly<Record<PriorityCriterionId, string>> = {
  fg_count: '#d55e00',
  fg_share: '#e69f00',
  g_plus_count: '#cc79a7',
  fossil_heating_share: '#0072b2',
  owner_occupied_share: '#009e73',
  carnet_penetration: '#56b4e9',
  works_conversion: '#6b6b6b',
};

/** A criterion's raw value in French, with its unit. */
export function formatCriterionValue(id: PriorityCriterionId, value: number | null): string {
  if (value === null) return 'inconnu';
  switch (id) {
    case 'fg_count':
    case 'g_plus_count':
      return formatCount(value, 'logement', 'logements');
    case 'fg_share':
    case 'fossil_heating_share':
    case 'owner_occupied_share':
      return formatPercent(value, 1);
    case 'carnet_penetration':
      return `${formatDecimal(value, 1)} carnets pour 1 000 F/G`;
    case 'works_conversion':
      return `${formatPercent(value, 1)} des carnets`;
  }
}
