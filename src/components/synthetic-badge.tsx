/** Props of {@link SyntheticBadge}. */
export interface SyntheticBadgeProps {
  /** The dataset caption, shown on hover and to screen readers. */
  caption: string;
}

/** A persistent warning that the figures shown come from generated data. */
export function SyntheticBadge({ caption }: SyntheticBadgeProps) {
  return (
    <span className="synthetic-badge" data-testid="synthetic-badge" title={caption || undefined}>
      Données synthétiques de démonstration
    </span>
  );
}
