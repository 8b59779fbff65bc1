import type { CampaignLevel } from '../../domain/campaign.ts';
import type { CampaignMeasure } from '../../domain/campaign-measure.ts';
import { formatCount, formatDecimal, formatInteger } from '../../domain/format.ts';
import { addMonths, formatMonthLong } from '../../domain/programme-dates.ts';

/** Consecutive months as ranges: « avril 2021 – septembre 2021 ». */
function monthRanges(months: readonly string[]): string {
  const ranges: string[][] = [];
  for (const month of months) {
    const last = ranges.at(-1);
    const previous = last?.at(-1);
    if (last !== undefined && previous !== undefined && addMonths(previous, 1) === month) {
      last.push(month);
    } else ranges.push([month]);
  }
  return ranges
    .map((range) =>
      range.length === 1
        ? formatMonthLong(range[0] ?? '')
        : `${formatMonthLong(range[0] ?? '')} – ${formatMonthLong(range.at(-1) ?? '')}`,
    )
    .join(', ');
}

/**
 * Where a campaign's measure comes from and how it is made: programme data and its coverage, the
 * months the data lacks, the stock of the F/G dwellings, the comparison territories, the notes,
 * and the method.
 */
export function MeasureContext({
  measure,
  source,
  level,
}: {
  measure: CampaignMeasure;
  source: string;
  level: CampaignLevel;
}) {
  const { coverage, window, comparison } = measure;
  const method = measure.estimate?.method;
  return (
    <div className="campaign-measure-context small">
      <p data-testid="campaign-coverage">
        Carnets et travaux : {source}
        {coverage === null
          ? ' (aucune date).'
          : `, de ${formatMonthLong(coverage.first)} à ${formatMonthLong(coverage.last)}.`}{' '}
        Logements F/G : parc « {measure.dataset.nom} ».
      </p>
      {window.uncovered.length > 0 && (
        <p className="inline-notice" data-testid="campaign-uncovered">
          Les données du programme ne couvrent pas{' '}
          {formatCount(window.uncovered.length, 'mois', 'mois')} de la période demandée (
          {formatInteger(window.requested)} mois avant et après le début) :{' '}
          {monthRanges(window.uncovered)}.
        </p>
      )}
      <details>
        <summary>
          Comparaison : {comparison.description} —{' '}
          {formatCount(
            comparison.territories.length,
            level === 'commune' ? 'commune' : 'EPCI',
            level === 'commune' ? 'communes' : 'EPCI',
          )}
        </summary>
        <p data-testid="campaign-comparison-list">
          {comparison.territories.map((t) => t.nom).join(', ') || 'aucun territoire'}
        </p>
      </details>
      {measure.notes.length > 0 && (
        <ul className="campaign-notes" data-testid="campaign-notes">
          {measure.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {method && (
        <details>
          <summary>Méthode de l’estimation</summary>
          <p>
            Taux = carnets (ou travaux) de la période pour 1 000 logements F/G du groupe. Estimation
            = évolution du taux des territoires ciblés entre les deux périodes, moins celle des
            territoires de comparaison sur les mêmes mois (différence de différences) : une tendance
            commune aux deux groupes n’est pas comptée comme un effet. Elle suppose que, sans la
            campagne, les ciblés auraient évolué comme la comparaison. Intervalle : bootstrap par
            territoires ({formatInteger(method.resamples)} tirages avec remise des territoires de
            chaque groupe, effectifs de chaque territoire tirés selon une loi de Poisson, graine
            fixe {method.seed}), percentiles {formatDecimal(((1 - method.level) / 2) * 100, 1)} % et{' '}
            {formatDecimal(((1 + method.level) / 2) * 100, 1)} %. Même calcul que{' '}
            <code>npm run campaign -- effect</code>.
          </p>
        </details>
      )}
    </div>
  );
}
