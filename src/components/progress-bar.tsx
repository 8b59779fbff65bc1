/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  /** Progress in 0..1, or null when unknown (indeterminate bar). */
  value: number | null;
  /** Accessible name of the bar. */
  label: string;
  /** Progress said in words, for screen readers (e.g. "42 % — 120 000 lignes lues"). */
  valueText?: string;
}

/** A horizontal progress bar (role=progressbar, aria-valuenow in percent). */
export function ProgressBar({ value, label, valueText }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(Math.min(Math.max(value, 0), 1) * 100);
  return (
    <div
      className={percent === null ? 'progress-bar progress-bar-indeterminate' : 'progress-bar'}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={valueText}
    >
      <div
        className="progress-bar-fill"
        style={percent === null ? undefined : { width: `${percent}%` }}
      />
    </div>
  );
}
