import { useMemo } from 'react';
import type { DatasetInfo } from '../../db/manifest.ts';
import type { EpciProperties } from '../../domain/territory.ts';
import { type EpciAggregateRow, epciAggregatesSql } from '../../sql/epci-aggregates-sql.ts';
import { EpciPanel } from '../epci-panel.tsx';
import { useQuery } from '../use-query.ts';

/** Props of {@link EpciDetails}. */
export interface EpciDetailsProps {
  epci: EpciProperties;
  dataset: DatasetInfo;
  datasets: readonly DatasetInfo[];
  onClose: () => void;
}

/**
 * The panel of the first view for the selected EPCI (whole stock, no filter): identity, A–G
 * distribution and the observed-versus-modelled comparison.
 */
export function EpciDetails({ epci, dataset, datasets, onClose }: EpciDetailsProps) {
  const aggregates = useQuery<EpciAggregateRow>(epciAggregatesSql({ dataset: dataset.id }));
  const row = useMemo(
    () =>
      aggregates.status === 'ready'
        ? aggregates.rows.find((candidate) => candidate.code_epci === epci.code)
        : undefined,
    [aggregates, epci.code],
  );
  return (
    <EpciPanel
      key={`${dataset.id}:${epci.code}`}
      epci={epci}
      aggregates={row}
      dataset={dataset}
      datasets={datasets}
      onClose={onClose}
    />
  );
}
