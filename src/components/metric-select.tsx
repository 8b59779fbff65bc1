import { METRICS, type MetricId } from '../map/metrics.ts';

/** Props of {@link MetricSelect}. */
export interface MetricSelectProps {
  value: MetricId;
  onChange: (metric: MetricId) => void;
}

/** The labelled switch between map metrics. */
export function MetricSelect({ value, onChange }: MetricSelectProps) {
  return (
    <div className="metric-select">
      <label htmlFor="metric-select">Indicateur cartographié</label>
      <select
        id="metric-select"
        data-testid="metric-select"
        value={value}
        onChange={(event) => {
          const metric = METRICS.find((candidate) => candidate.id === event.target.value);
          if (metric) onChange(metric.id);
        }}
      >
        {METRICS.map((metric) => (
          <option key={metric.id} value={metric.id}>
            {metric.label}
          </option>
        ))}
      </select>
    </div>
  );
}
