import type { ReactNode } from 'react';
import { DemoDataBadge } from './demo-data-badge.tsx';

/** Props of {@link ProgrammeSection}. */
export interface ProgrammeSectionProps {
  titleId: string;
  title: ReactNode;
  /** Whether the figures are demonstration data: a tag beside the title. */
  demo: boolean;
  /** Class beside `programme-section`. */
  className?: string;
  testId?: string;
  /** `data-*` attributes the tests read. */
  data?: Record<`data-${string}`, string | number | boolean>;
  children: ReactNode;
}

/** A section of the steering view: its title, the demo tag, then the content. */
export function ProgrammeSection({
  titleId,
  title,
  demo,
  className,
  testId,
  data,
  children,
}: ProgrammeSectionProps) {
  return (
    <section
      className={className === undefined ? 'programme-section' : `programme-section ${className}`}
      aria-labelledby={titleId}
      data-testid={testId}
      {...data}
    >
      <h2 id={titleId}>
        {title} {demo && <DemoDataBadge testId="demo-tag" />}
      </h2>
      {children}
    </section>
  );
}
