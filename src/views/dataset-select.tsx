import { datasetKindLabel, isObservedDataset } from '../db/dataset-kind.ts';
import type { DatasetInfo } from '../db/manifest.ts';
import { countNoun, formatCompact, formatCount, formatInteger } from '../domain/format.ts';

/** Rows and dwellings of a dataset. */
export interface DatasetTotals {
  rows: number;
  dwellings: number;
}

function describeCounts(dataset: DatasetInfo, totals: DatasetTotals | undefined): string {
  if (totals === undefined) return '';
  if (isObservedDataset(dataset)) return `${formatInteger(totals.rows)} DPE`;
  const dwellings =
    totals.dwellings < 10_000 ? formatInteger(totals.dwellings) : formatCompact(totals.dwellings);
  return `${dwellings} ${countNoun(totals.dwellings, 'logement', 'logements')}, ${formatCount(totals.rows, 'ligne', 'lignes')}`;
}

/** Props of {@link DatasetSelect}. */
export interface DatasetSelectProps {
  dataset: DatasetInfo;
  datasets: readonly DatasetInfo[];
  /** Totals by dataset id, once known. */
  totals: ReadonlyMap<string, DatasetTotals>;
  onChange: (id: string) => void;
}

/** « Jeu de données »: every dataset with its kind and counts. */
export function DatasetSelect({ dataset, datasets, totals, onChange }: DatasetSelectProps) {
  return (
    <label className="dataset-select">
      Jeu de données
      <select
        data-testid="dataset-select"
        value={dataset.id}
        onChange={(event) => onChange(event.target.value)}
      >
        {datasets.map((candidate) => (
          <option key={candidate.id} value={candidate.id} data-kind={candidate.kind}>
            {[
              candidate.name,
              datasetKindLabel(candidate),
              describeCounts(candidate, totals.get(candidate.id)),
            ]
              .filter((part) => part !== '')
              .join(' — ')}
          </option>
        ))}
      </select>
    </label>
  );
}
