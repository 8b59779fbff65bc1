import type { DatasetInfo } from '../db/manifest.ts';
import { describeProvenance } from '../domain/provenance.ts';

/** Props of {@link DatasetProvenanceNote}. */
export interface DatasetProvenanceNoteProps {
  dataset: Pick<DatasetInfo, 'provenance'>;
}

/**
 * Where a fetched dataset comes from (source, address, date of fetch, records, caveat), one French
 * sentence; nothing for datasets without provenance (demonstration, files imported by hand).
 */
export function DatasetProvenanceNote({ dataset }: DatasetProvenanceNoteProps) {
  if (dataset.provenance == null) return null;
  return (
    <p className="muted dataset-provenance" data-testid="dataset-provenance">
      {describeProvenance(dataset.provenance)}
    </p>
  );
}
