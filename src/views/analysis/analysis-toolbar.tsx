import { LabelledSelect } from '../../components/labelled-select.tsx';
import { availableIndicators, getIndicator } from '../../domain/indicators.ts';
import { TERRITORY_LEVELS, type TerritoryRef } from '../../domain/territory.ts';
import { childLevel, LEVEL_NAMES, type TerritoryInfo } from '../../domain/territory-hierarchy.ts';
import type { AnalysisState } from '../../state/analysis-url-state.ts';
import { Breadcrumb } from './breadcrumb.tsx';

/** The indicators of the metric select (and the columns of the table). */
export const METRIC_IDS = availableIndicators().map((indicator) => indicator.id);
const METRIC_OPTIONS = METRIC_IDS.map((id) => ({ id, label: getIndicator(id).label }));
const VIEW_BUTTONS = [
  { id: 'map', label: 'Carte', testId: 'show-map' },
  { id: 'table', label: 'Tableau', testId: 'show-table' },
  { id: 'targeting', label: 'Ciblage', testId: 'show-targeting' },
] as const;
const LEVEL_OPTIONS = TERRITORY_LEVELS.map((id) => ({ id, label: LEVEL_NAMES[id].one }));

/** Props of {@link AnalysisToolbar}. */
export interface AnalysisToolbarProps {
  state: AnalysisState;
  update: (patch: Partial<AnalysisState>) => void;
  /** The selection and its ancestors, from France down. */
  path: readonly TerritoryInfo[];
  targeting: boolean;
  onTargeting: (on: boolean) => void;
}

/** The analysis toolbar: breadcrumb, drill button, level and indicator, map / table / targeting. */
export function AnalysisToolbar({
  state,
  update,
  path,
  targeting,
  onTargeting,
}: AnalysisToolbarProps) {
  const { level, selection, metric } = state;
  const next = selection === null ? null : childLevel(selection.level);
  const selectionName = path.at(-1)?.name ?? null;
  const shown = targeting ? 'targeting' : state.table ? 'table' : 'map';
  return (
    <div className="analysis-toolbar">
      <Breadcrumb
        path={path}
        onNavigate={(ref: TerritoryRef | null) =>
          update({
            selection: ref,
            level: ref === null ? 'region' : (childLevel(ref.level) ?? ref.level),
            map: null,
          })
        }
      />
      <div className="analysis-toolbar-controls">
        {selection !== null && next !== null && level !== next && (
          <button
            type="button"
            className="button button-primary"
            data-testid="drill-button"
            onClick={() => update({ level: next, map: null })}
          >
            Voir les {LEVEL_NAMES[next].many} de {selectionName ?? selection.code}
          </button>
        )}
        <LabelledSelect
          className="toolbar-field"
          label="Niveau"
          testId="level-select"
          value={level}
          options={LEVEL_OPTIONS}
          onChange={(value) => update({ level: value, map: null })}
        />
        <LabelledSelect
          className="toolbar-field"
          label="Indicateur"
          testId="metric-select"
          value={metric}
          options={METRIC_OPTIONS}
          onChange={(value) => update({ metric: value, thresholds: null })}
        />
        <fieldset className="view-switch">
          <legend className="visually-hidden">Affichage</legend>
          {VIEW_BUTTONS.map((button) => (
            <button
              key={button.id}
              type="button"
              aria-pressed={shown === button.id}
              data-testid={button.testId}
              onClick={() => {
                onTargeting(button.id === 'targeting');
                if (button.id !== 'targeting') update({ table: button.id === 'table' });
              }}
            >
              {button.label}
            </button>
          ))}
        </fieldset>
      </div>
    </div>
  );
}
