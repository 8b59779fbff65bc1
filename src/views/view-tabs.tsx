import type { AppViewId } from '../state/url-schema.ts';

const TABS: readonly { id: AppViewId; label: string }[] = [
  { id: 'parc', label: 'Parc et passoires' },
  { id: 'pilotage', label: 'Pilotage du programme' },
  { id: 'campagnes', label: 'Campagnes' },
];

/** Props of {@link ViewTabs}. */
export interface ViewTabsProps {
  value: AppViewId;
  onChange: (view: AppViewId) => void;
}

/** Switch between the stock view, the programme steering view and the campaigns. */
export function ViewTabs({ value, onChange }: ViewTabsProps) {
  return (
    <div className="view-tabs" role="tablist" aria-label="Vues du tableau de bord">
      {TABS.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={value === tab.id}
          className={value === tab.id ? 'view-tab view-tab-active' : 'view-tab'}
          data-testid={`view-tab-${tab.id}`}
          onClick={() => onChange(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
