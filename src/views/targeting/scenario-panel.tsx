import { useMemo, useState } from 'react';
import { formatDecimal, formatInteger, formatPercent } from '../../domain/format.ts';
import type { ProgrammeTargets } from '../../domain/programme-config-sections.ts';
import {
  computeRenovationScenario,
  type PassoireStock,
  type ScenarioTarget,
} from '../../domain/renovation-scenario.ts';

/** Props of {@link ScenarioPanel}. */
export interface ScenarioPanelProps {
  stock: { F: PassoireStock; G: PassoireStock };
  /** What the stock covers, in French (« les 12 communes de la liste cible »). */
  scopeText: string;
  targets: ProgrammeTargets | null;
}

const DEFAULT_SHARE = 20;

/**
 * « Porter N % des passoires F/G à l’étiquette C (ou B) » for the target list (or every territory
 * ranked when the list is empty): savings, GHG, investment and what it means for the programme,
 * with the method and the assumptions of renovation-scenario.ts beside the figures.
 */
export function ScenarioPanel({ stock, scopeText, targets }: ScenarioPanelProps) {
  const [shareText, setShareText] = useState(String(DEFAULT_SHARE));
  const [target, setTarget] = useState<ScenarioTarget>('C');
  const share = Number(shareText.replace(',', '.'));
  const shareError =
    shareText.trim() === '' || !Number.isFinite(share) || share < 0 || share > 100
      ? 'Saisissez une part entre 0 et 100 %.'
      : null;
  const scenario = useMemo(() => {
    if (shareError !== null || targets === null) return null;
    return computeRenovationScenario({ ...stock, sharePercent: share, target }, targets);
  }, [stock, share, target, targets, shareError]);

  return (
    <section
      className="targeting-scenario"
      data-testid="scenario-panel"
      aria-labelledby="scenario-title"
    >
      <h2 id="scenario-title">Scénario de rénovation</h2>
      <p className="small">Pour {scopeText}.</p>
      <div className="targeting-scenario-inputs">
        <label>
          Porter
          <input
            type="text"
            inputMode="decimal"
            value={shareText}
            size={4}
            data-testid="scenario-share"
            aria-invalid={shareError !== null}
            aria-describedby="scenario-share-error"
            onChange={(event) => setShareText(event.target.value)}
          />
          % des passoires F/G
        </label>
        <label>
          à l’étiquette
          <select
            value={target}
            data-testid="scenario-target"
            onChange={(event) => setTarget(event.target.value === 'B' ? 'B' : 'C')}
          >
            <option value="C">C</option>
            <option value="B">B</option>
          </select>
        </label>
      </div>
      {shareError && (
        <p id="scenario-share-error" className="form-error" role="alert">
          {shareError}
        </p>
      )}
      {targets === null && <p className="small">Chargement des objectifs du programme…</p>}
      {scenario && (
        <div className="targeting-scenario-body">
          <dl className="targeting-scenario-figures" data-testid="scenario-figures">
            <div>
              <dt>Logements rénovés</dt>
              <dd data-figure="dwellings">{formatInteger(scenario.dwellings)}</dd>
            </div>
            <div>
              <dt>Énergie finale économisée</dt>
              <dd data-figure="final">{formatDecimal(scenario.final_mwh_per_year, 1)} MWh/an</dd>
            </div>
            <div>
              <dt>Énergie primaire économisée</dt>
              <dd data-figure="primary">
                {formatDecimal(scenario.primary_mwh_per_year, 1)} MWhEP/an
              </dd>
            </div>
            <div>
              <dt>Émissions évitées</dt>
              <dd data-figure="ghg">{formatDecimal(scenario.tco2e_per_year, 1)} tCO2e/an</dd>
            </div>
            <div>
              <dt>Investissement</dt>
              <dd data-figure="investment">
                {formatInteger(scenario.investment_eur.low)} à{' '}
                {formatInteger(scenario.investment_eur.high)} €
              </dd>
            </div>
            <div>
              <dt>Carnets (objectif {formatInteger(scenario.programme.carnets_target)})</dt>
              <dd data-figure="carnets">
                {formatInteger(scenario.programme.carnets)} (
                {formatPercent(scenario.programme.carnets_share, 1)} de l’objectif)
              </dd>
            </div>
            <div>
              <dt>Travaux (objectif {formatInteger(scenario.programme.works_target)})</dt>
              <dd data-figure="works">
                {formatInteger(scenario.programme.works)} (
                {formatPercent(scenario.programme.works_share, 1)} de l’objectif)
              </dd>
            </div>
          </dl>
          <div className="targeting-scenario-method">
            <h3>Méthode</h3>
            <ul>
              {scenario.method.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <h3>Hypothèses</h3>
            <ul>
              {scenario.assumptions.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
