import { Fragment, useState } from 'react';
import { ShownValue } from '../../components/secret-mark.tsx';
import { formatDecimal } from '../../domain/format.ts';
import {
  type ContributionFlag,
  PRIORITY_CRITERIA,
  type PriorityCriterionId,
  type PriorityScore,
} from '../../domain/priority-score.ts';
import { CRITERION_COLOURS, formatCriterionValue } from './criterion-display.ts';

/** Props of {@link RankingTable}. */
export interface RankingTableProps {
  scores: readonly PriorityScore[];
  selected: ReadonlySet<string>;
  onToggle: (code: string) => void;
  /** French name of one territory of the level (« commune », « EPCI »). */
  levelName: string;
  /** Whether the statistical secret withholds a territory's criterion (public mode). */
  withheld?: (code: string, criterion: PriorityCriterionId) => boolean;
}

const FLAG_TEXT: Readonly<Record<ContributionFlag, string>> = {
  missing: 'valeur inconnue : critère retiré du score de ce territoire',
  constant: 'même valeur partout : ne départage pas',
  unweighted: 'poids nul',
};

const SECRET_FLAG_TEXT =
  'secret statistique : effectif de carnets ou de travaux masqué, critère retiré du score de ce territoire';

const label = (id: string) => PRIORITY_CRITERIA.find((c) => c.id === id)?.label ?? id;

function BreakdownBar({ score }: { score: PriorityScore }) {
  const parts = score.contributions.filter((c) => c.points > 0);
  const text = parts
    .map((c) => `${label(c.criterion)} ${formatDecimal(c.points, 1)} points`)
    .join(', ');
  return (
    <div
      className="targeting-bar"
      role="img"
      aria-label={`Décomposition : ${text || 'aucun point'}`}
    >
      {parts.map((c) => (
        <span
          key={c.criterion}
          style={{ width: `${c.points}%`, background: CRITERION_COLOURS[c.criterion] }}
          title={`${label(c.criterion)} : ${formatDecimal(c.points, 1)} points`}
        />
      ))}
    </div>
  );
}

/**
 * Territories ranked by priority score: a box to add each to the target list, the score, its
 * breakdown as a stacked bar (100 points wide), and on demand the criterion by criterion detail.
 */
export function RankingTable({
  scores,
  selected,
  onToggle,
  levelName,
  withheld,
}: RankingTableProps) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="targeting-table" data-testid="ranking-table">
      <caption className="visually-hidden">
        Classement des territoires par score de priorité, du plus prioritaire au moins prioritaire
      </caption>
      <thead>
        <tr>
          <th scope="col">Cible</th>
          <th scope="col">Rang</th>
          <th scope="col">{levelName}</th>
          <th scope="col">Score (0–100)</th>
          <th scope="col">Décomposition du score</th>
        </tr>
      </thead>
      <tbody>
        {scores.map((score) => {
          const name = score.name ?? score.code;
          const expanded = open === score.code;
          return (
            <Fragment key={score.code}>
              <tr data-code={score.code} className={selected.has(score.code) ? 'is-selected' : ''}>
                <td>
                  <input
                    type="checkbox"
                    checked={selected.has(score.code)}
                    aria-label={`Ajouter ${name} à la liste cible`}
                    onChange={() => onToggle(score.code)}
                  />
                </td>
                <td>{score.rank}</td>
                <th scope="row">
                  {name} <span className="muted small">{score.code}</span>
                </th>
                <td className="number">
                  {score.score === null ? 'non calculable' : formatDecimal(score.score, 1)}
                </td>
                <td>
                  <div className="targeting-breakdown">
                    <BreakdownBar score={score} />
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={expanded}
                      aria-controls={`detail-${score.code}`}
                      onClick={() => setOpen(expanded ? null : score.code)}
                    >
                      {expanded ? 'Masquer le détail' : 'Détail'}
                    </button>
                  </div>
                </td>
              </tr>
              {expanded && (
                <tr id={`detail-${score.code}`} className="targeting-detail">
                  <td colSpan={5}>
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">Critère</th>
                          <th scope="col">Valeur</th>
                          <th scope="col">Normalisé (0–1)</th>
                          <th scope="col">Poids</th>
                          <th scope="col">Points</th>
                        </tr>
                      </thead>
                      <tbody>
                        {score.contributions.map((c) => {
                          const secret = withheld?.(score.code, c.criterion) ?? false;
                          return (
                            <tr key={c.criterion} data-criterion={c.criterion}>
                              <th scope="row">{label(c.criterion)}</th>
                              <td>
                                {secret ? (
                                  <ShownValue value="secret" format={String} />
                                ) : (
                                  formatCriterionValue(c.criterion, c.raw)
                                )}
                              </td>
                              <td>
                                {c.normalised === null ? '—' : formatDecimal(c.normalised, 2)}
                              </td>
                              <td>{c.weight}</td>
                              <td>
                                {formatDecimal(c.points, 1)}
                                {secret && c.flag === 'missing'
                                  ? ` (${SECRET_FLAG_TEXT})`
                                  : c.flag
                                    ? ` (${FLAG_TEXT[c.flag]})`
                                    : ''}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
