/** Props of {@link CapBar}. */
export interface CapBarProps {
  /** Share of the cap reached, 0..1 (values above 1 are drawn full). */
  value: number;
  /** Accessible name of the bar. */
  label: string;
  /** The value said in words, for screen readers (« 79,0 % de l'objectif »). */
  valueText: string;
  /** A second mark on the bar (0..1), e.g. where the target trajectory stands today. */
  marker?: number | null;
  markerLabel?: string;
  tone?: 'kpi' | 'budget';
}

const clamp = (x: number) => Math.min(Math.max(x, 0), 1);

/** A horizontal bar of progress against a target or a cap (role=meter). */
export function CapBar({
  value,
  label,
  valueText,
  marker,
  markerLabel,
  tone = 'kpi',
}: CapBarProps) {
  const percent = Math.round(clamp(value) * 1000) / 10;
  return (
    // biome-ignore lint/a11y/useSemanticElements: <meter> cannot hold the trajectory marker nor be styled alike in every browser.
    <div
      className={`cap-bar cap-bar-${tone}${value > 1 ? ' cap-bar-over' : ''}`}
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
    >
      <div className="cap-bar-fill" style={{ width: `${percent}%` }} />
      {marker != null && (
        <div
          className="cap-bar-marker"
          style={{ left: `${clamp(marker) * 100}%` }}
          title={markerLabel}
          aria-hidden="true"
        />
      )}
    </div>
  );
}
