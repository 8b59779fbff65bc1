import { DPE_LABELS, type DpeLabel } from '../domain/stock-schema.ts';

/** Dwellings of one DPE label and their share of the labelled dwellings. */
export interface LabelCount {
  label: DpeLabel;
  dwellings: number;
  /** Share of the labelled dwellings (0–1); 0 when nothing is labelled. */
  share: number;
}

/** A complete A–G distribution, plus the dwellings without label. */
export interface LabelDistribution {
  counts: LabelCount[];
  unlabelled: number;
  labelled: number;
}

function isDpeLabel(value: string | null): value is DpeLabel {
  return DPE_LABELS.some((label) => label === value);
}

/**
 * Completes query rows (label, dwellings) to all seven labels A–G in order, with zeros where a
 * label has no dwelling; rows with another or no label count as unlabelled.
 */
export function completeLabelDistribution(
  rows: readonly { label: string | null; dwellings: number }[],
): LabelDistribution {
  const byLabel = new Map<DpeLabel, number>();
  let unlabelled = 0;
  for (const row of rows) {
    if (isDpeLabel(row.label))
      byLabel.set(row.label, (byLabel.get(row.label) ?? 0) + row.dwellings);
    else unlabelled += row.dwellings;
  }
  const labelled = [...byLabel.values()].reduce((sum, value) => sum + value, 0);
  const counts = DPE_LABELS.map((label) => {
    const dwellings = byLabel.get(label) ?? 0;
    return { label, dwellings, share: labelled > 0 ? dwellings / labelled : 0 };
  });
  return { counts, unlabelled, labelled };
}
