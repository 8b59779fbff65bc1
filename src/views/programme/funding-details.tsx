import { DescriptionItem } from '../../components/description-item.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { formatDecimal } from '../../domain/format.ts';
import type { CallSplit, FundingEnvelope } from '../../domain/programme-budget.ts';
import type { ProgrammeConfig } from '../../domain/programme-config.ts';
import { formatFrenchDate } from '../../domain/programme-dates.ts';
import { formatEuros } from '../../domain/programme-money.ts';

/** Props of {@link FundingDetails}. */
export interface FundingDetailsProps {
  config: ProgrammeConfig;
  calls: readonly CallSplit[];
  funding: FundingEnvelope;
}

/** The calls for funds split between the funders, the envelope and what each funder has left. */
export function FundingDetails({ config, calls, funding }: FundingDetailsProps) {
  return (
    <div className="budget-details">
      <div>
        <h3>Appels de fonds</h3>
        <table className="programme-table compact" data-testid="calls-for-funds">
          <TableHead
            labels={[
              'Appel',
              'Fixe',
              'Variable',
              'Montant',
              ...config.funders.map((f) => `${f.name} (${formatDecimal(f.share * 100, 0)} %)`),
            ]}
          />
          <tbody>
            {calls.map((call) => (
              <tr key={call.id}>
                <th scope="row">
                  {call.label}
                  {call.date !== null && (
                    <span className="muted"> · {formatFrenchDate(call.date)}</span>
                  )}
                </th>
                <td className="numeric">{formatEuros(call.fixed)}</td>
                <td className="numeric">{formatEuros(call.variable)}</td>
                <td className="numeric">{formatEuros(call.amount)}</td>
                {call.parts.map((part) => (
                  <td
                    key={part.funder_id}
                    className="numeric"
                    data-funder={part.funder_id}
                    data-amount={part.amount}
                  >
                    {formatEuros(part.amount)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <h3>Enveloppe et financeurs</h3>
        <dl
          className="budget-envelope"
          data-testid="funding-envelope"
          data-remaining-to-spend={funding.remaining_to_spend}
          data-remaining-to-call={funding.remaining_to_call}
        >
          <DescriptionItem term="Enveloppe de la convention">
            {formatEuros(funding.cap)}
          </DescriptionItem>
          <DescriptionItem term="Dépensé à date">{formatEuros(funding.spent)}</DescriptionItem>
          <DescriptionItem term="Appelé auprès des financeurs">
            {formatEuros(funding.called)}
          </DescriptionItem>
          <DescriptionItem term="Reste à dépenser">
            <strong>{formatEuros(funding.remaining_to_spend)}</strong>
          </DescriptionItem>
          <DescriptionItem term="Reste à appeler">
            {formatEuros(funding.remaining_to_call)}
          </DescriptionItem>
          <DescriptionItem term="Dépenses non encore appelées">
            {formatEuros(funding.spend_not_called)}
          </DescriptionItem>
        </dl>
        <table className="programme-table compact" data-testid="funders">
          <TableHead
            labels={['Financeur', 'Engagement', 'Appelé', 'Part des dépenses', 'Reste à appeler']}
          />
          <tbody>
            {funding.funders.map((f) => (
              <tr key={f.funder_id} data-funder={f.funder_id}>
                <th scope="row">
                  {f.funder} <span className="muted">({formatDecimal(f.share * 100, 0)} %)</span>
                </th>
                <td className="numeric">{formatEuros(f.commitment)}</td>
                <td className="numeric">{formatEuros(f.called)}</td>
                <td className="numeric">{formatEuros(f.share_of_spend)}</td>
                <td className="numeric">{formatEuros(f.remaining_commitment)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">
          Chaque appel de fonds est réparti entre les financeurs selon leur part (moitié chacun pour{' '}
          {config.name}), au centime près.
        </p>
      </div>
    </div>
  );
}
