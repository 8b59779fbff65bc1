/**
 * Props of {@link TableHead}: the column labels (false leaves a column out); the first `text`
 * columns are text, the others numeric (right-aligned).
 */
export interface TableHeadProps {
  labels: readonly (string | false)[];
  text?: number;
}

/** The header row of a table of figures. */
export function TableHead({ labels, text = 1 }: TableHeadProps) {
  return (
    <thead>
      <tr>
        {labels.map(
          (label, index) =>
            label !== false && (
              <th key={label} scope="col" className={index < text ? undefined : 'numeric'}>
                {label}
              </th>
            ),
        )}
      </tr>
    </thead>
  );
}
