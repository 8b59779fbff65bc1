import { OBSERVED_CAVEAT } from '../domain/provenance.ts';

/** Props of {@link ObservedCaveat}. */
export interface ObservedCaveatProps {
  /** Smaller inline form, next to a single figure. */
  compact?: boolean;
}

/** The caveat that goes with every figure computed from observed DPE records. */
export function ObservedCaveat({ compact = false }: ObservedCaveatProps) {
  return (
    <p
      className={compact ? 'observed-caveat observed-caveat-compact' : 'observed-caveat'}
      data-testid="observed-caveat"
    >
      <span aria-hidden="true" className="observed-caveat-icon">
        !
      </span>
      {OBSERVED_CAVEAT}
    </p>
  );
}
