/** Props of {@link DemoDataBadge}. */
export interface DemoDataBadgeProps {
  /** Longer explanation, shown on hover and to screen readers. */
  detail?: string;
  /** Test id (several badges can be on the page). */
  testId?: string;
}

/** Marks figures computed from the fictitious demonstration programme. */
export function DemoDataBadge({ detail, testId = 'programme-demo-badge' }: DemoDataBadgeProps) {
  return (
    <span className="programme-demo-badge" data-testid={testId} title={detail}>
      Données de démonstration
    </span>
  );
}
