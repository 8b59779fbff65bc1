import type { TerritoryRef } from '../../domain/territory.ts';
import type { TerritoryInfo } from '../../domain/territory-hierarchy.ts';

/** Props of {@link Breadcrumb}. */
export interface BreadcrumbProps {
  /** From the région down to the selection (empty for France). */
  path: readonly TerritoryInfo[];
  /** Goes to a territory of the path (null: France). */
  onNavigate: (ref: TerritoryRef | null) => void;
}

/** « France › Centre-Val de Loire › Indre › … », each crumb but the current one a button. */
export function Breadcrumb({ path, onNavigate }: BreadcrumbProps) {
  const last = path.length - 1;
  return (
    <nav aria-label="Fil d’Ariane" className="breadcrumb" data-testid="breadcrumb">
      <ol>
        <li>
          {last < 0 ? (
            <span aria-current="location">France</span>
          ) : (
            <button type="button" className="link-button" onClick={() => onNavigate(null)}>
              France
            </button>
          )}
        </li>
        {path.map((entry, index) => (
          <li key={`${entry.level}:${entry.code}`} data-level={entry.level} data-code={entry.code}>
            <span aria-hidden="true" className="breadcrumb-separator">
              ›
            </span>
            {index === last ? (
              <span aria-current="location">{entry.name}</span>
            ) : (
              <button
                type="button"
                className="link-button"
                onClick={() => onNavigate({ level: entry.level, code: entry.code })}
              >
                {entry.name}
              </button>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
