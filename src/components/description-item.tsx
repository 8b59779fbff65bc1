import type { ReactNode } from 'react';

/** One term and its value in a description list (`<dl>`). */
export function DescriptionItem({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
