import type { DatasetInfo } from './manifest.ts';

/** French name of each dataset kind (`datasets[].kind` of the manifest, or of an import). */
const KIND_LABELS: Record<string, string> = {
  observed: 'DPE observés',
  modelled: 'parc modélisé',
  buildings: 'bâtiments BDNB',
};

/** French name of a dataset's kind; the kind itself when unknown. */
export function datasetKindLabel(dataset: Pick<DatasetInfo, 'kind'>): string {
  return KIND_LABELS[dataset.kind] ?? dataset.kind;
}

/**
 * Whether a dataset holds observed DPE records, which ADEME warns do not represent the stock:
 * such a dataset is always shown with that caveat.
 */
export function isObservedDataset(dataset: Pick<DatasetInfo, 'kind'>): boolean {
  return dataset.kind === 'observed';
}

/** Whether a dataset describes the whole stock through a model (typology cells or synthetic). */
export function isModelledDataset(dataset: Pick<DatasetInfo, 'kind'>): boolean {
  return dataset.kind === 'modelled';
}
