import {
  DEFAULT_PRIORITY_WEIGHTS,
  MAX_PRIORITY_WEIGHT,
  PRIORITY_CRITERIA,
  type PriorityCriterionId,
} from '../../domain/priority-score.ts';
import { CRITERION_COLOURS } from './criterion-display.ts';

/** Props of {@link WeightControls}. */
export interface WeightControlsProps {
  weights: Readonly<Record<PriorityCriterionId, number>>;
  onChange: (weights: Record<PriorityCriterionId, number>) => void;
  /** Criteria that cannot be computed here (e.g. no programme data), with the reason. */
  unavailable: Partial<Record<PriorityCriterionId, string>>;
}

/** One labelled slider per criterion (0–5, arrow keys move it by one), with its definition. */
export function WeightControls({ weights, onChange, unavailable }: WeightControlsProps) {
  return (
    <fieldset className="targeting-weights" data-testid="targeting-weights">
      <legend>Poids des critères (0 : ignoré, {MAX_PRIORITY_WEIGHT} : le plus important)</legend>
      <ul>
        {PRIORITY_CRITERIA.map((criterion) => {
          const id = `weight-${criterion.id}`;
          return (
            <li key={criterion.id}>
              <label htmlFor={id}>
                <span
                  className="targeting-swatch"
                  style={{ background: CRITERION_COLOURS[criterion.id] }}
                  aria-hidden="true"
                />
                {criterion.label}
              </label>
              <input
                id={id}
                type="range"
                min={0}
                max={MAX_PRIORITY_WEIGHT}
                step={1}
                value={weights[criterion.id]}
                data-testid={id}
                aria-describedby={`${id}-definition`}
                onChange={(event) =>
                  onChange({ ...weights, [criterion.id]: Number(event.target.value) })
                }
              />
              <output htmlFor={id}>{weights[criterion.id]}</output>
              <p id={`${id}-definition`} className="targeting-definition">
                {criterion.definition}
                {unavailable[criterion.id] ? ` ${unavailable[criterion.id]}` : ''}
              </p>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="button"
        onClick={() => onChange({ ...DEFAULT_PRIORITY_WEIGHTS })}
      >
        Poids par défaut
      </button>
    </fieldset>
  );
}
