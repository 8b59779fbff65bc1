import { CapBar } from '../../components/programme/cap-bar.tsx';
import { DemoDataBadge } from '../../components/programme/demo-data-badge.tsx';
import { formatDecimal, formatInteger, formatPercent } from '../../domain/format.ts';
import type {
  CallSplit,
  CappedAmount,
  FundingEnvelope,
  ProgrammeBudget,
} from '../../domain/programme-budget.ts';
import type { ProgrammeConfig } from '../../domain/programme-config.ts';
import { formatFrenchDate } from '../../domain/programme-dates.ts';
import { formatEuros } from '../../domain/programme-money.ts';

/** Props of {@link BudgetPanel}. */
export interface BudgetPanelProps {
  config: ProgrammeConfig;
  budget: ProgrammeBudget;
  calls: readonly CallSplit[];
  funding: FundingEnvelope;
  /** Whether the counts behind the proportional costs are demonstration data. */
  demo: boolean;
}

function CapRow({
  id,
  title,
  amount,
  detail,
}: {
  id: string;
  title: string;
  amount: CappedAmount;
  detail: string;
}) {
  const share = amount.cap > 0 ? amount.spent / amount.cap : 0;
  return (
    <div
      className="budget-cap"
      data-testid={`budget-${id}`}
      data-spent={amount.spent}
      data-cap={amount.cap}
      data-uncapped={amount.uncapped}
      data-remaining={amount.remaining}
    >
      <div className="budget-cap-head">
        <h3>{title}</h3>
        <p>
          <strong>{formatEuros(amount.spent)}</strong> sur {formatEuros(amount.cap)} HT
          <span className="muted"> ({formatPercent(share, 1)})</span>
        </p>
      </div>
      <CapBar
        tone="budget"
        value={share}
        label={`${title} : dépense par rapport au plafond`}
        valueText={`${formatEuros(amount.spent)} sur ${formatEuros(amount.cap)}`}
      />
      <p className="muted small">
        {detail} Reste sous le plafond : {formatEuros(amount.remaining)}.
        {amount.excess > 0 && (
          <strong className="budget-excess">
            {' '}
            Dépassement non financé : {formatEuros(amount.excess)}.
          </strong>
        )}
      </p>
    </div>
  );
}

/**
 * The convention's budget (art. 5 and 6): fixed, proportional and total spend against each cap,
 * the detailed lines, the calls for funds split between the funders, and the remaining envelope.
 */
export function BudgetPanel({ config, budget, calls, funding, demo }: BudgetPanelProps) {
  const p = budget.proportional;
  const invoiced = budget.fixed.lines.some((line) => line.uncapped > 0);
  const packages = new Map(config.work_packages.map((wp) => [wp.id, wp.name]));
  return (
    <section
      className="programme-section budget-panel"
      aria-labelledby="budget-title"
      data-testid="budget"
    >
      <h2 id="budget-title">
        Budget de la convention (€ HT) {demo && <DemoDataBadge testId="demo-tag" />}
      </h2>
      <div className="budget-caps">
        <CapRow
          id="fixed"
          title="Coûts fixes"
          amount={budget.fixed}
          detail={
            invoiced
              ? 'Dépenses sur factures saisies par ligne dans la configuration, chacune dans la limite de son plafond.'
              : 'Aucune facture saisie dans la configuration (spent_to_date = 0 sur chaque ligne).'
          }
        />
        <CapRow
          id="proportional"
          title="Coûts proportionnels"
          amount={p}
          detail={`${formatInteger(p.territories)} territoires × ${formatEuros(p.per_territory)} + ${formatInteger(p.carnets)} carnets × ${formatEuros(p.per_carnet)}.`}
        />
        <CapRow
          id="total"
          title="Total"
          amount={budget.total}
          detail="Coûts fixes + proportionnels, dans le plafond de la convention."
        />
      </div>

      <div className="budget-details">
        <div>
          <h3>Coûts proportionnels</h3>
          <table className="programme-table compact" data-testid="budget-proportional-lines">
            <thead>
              <tr>
                <th scope="col">Poste</th>
                <th scope="col" className="numeric">
                  Unité
                </th>
                <th scope="col" className="numeric">
                  Quantité
                </th>
                <th scope="col" className="numeric">
                  Montant
                </th>
              </tr>
            </thead>
            <tbody>
              {p.parts.map((part) => (
                <tr key={part.id}>
                  <th scope="row">{part.label}</th>
                  <td className="numeric">{formatEuros(part.unit_amount)}</td>
                  <td className="numeric">{formatInteger(p.territories)}</td>
                  <td className="numeric">{formatEuros(part.amount)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Carnets ouverts</th>
                <td className="numeric">{formatEuros(p.per_carnet)}</td>
                <td className="numeric">{formatInteger(p.carnets)}</td>
                <td className="numeric">{formatEuros(p.carnets_amount)}</td>
              </tr>
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total avant plafond
                </th>
                <td className="numeric">{formatEuros(p.uncapped)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <div>
          <h3>Coûts fixes par ligne</h3>
          <table className="programme-table compact" data-testid="budget-fixed-lines">
            <thead>
              <tr>
                <th scope="col">Ligne</th>
                <th scope="col">Brique</th>
                <th scope="col" className="numeric">
                  Plafond
                </th>
                <th scope="col" className="numeric">
                  Dépensé
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.fixed.lines.map((line) => (
                <tr key={line.id}>
                  <th scope="row">{line.label}</th>
                  <td>{(packages.get(line.work_package) ?? line.work_package).split(' : ')[0]}</td>
                  <td className="numeric">{formatEuros(line.cap)}</td>
                  <td className="numeric">{formatEuros(line.spent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>

      <div className="budget-details">
        <div>
          <h3>Appels de fonds</h3>
          <table className="programme-table compact" data-testid="calls-for-funds">
            <thead>
              <tr>
                <th scope="col">Appel</th>
                <th scope="col" className="numeric">
                  Fixe
                </th>
                <th scope="col" className="numeric">
                  Variable
                </th>
                <th scope="col" className="numeric">
                  Montant
                </th>
                {config.funders.map((f) => (
                  <th key={f.id} scope="col" className="numeric">
                    {f.name} ({formatDecimal(f.share * 100, 0)} %)
                  </th>
                ))}
              </tr>
            </thead>
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
            <div>
              <dt>Enveloppe de la convention</dt>
              <dd>{formatEuros(funding.cap)}</dd>
            </div>
            <div>
              <dt>Dépensé à date</dt>
              <dd>{formatEuros(funding.spent)}</dd>
            </div>
            <div>
              <dt>Appelé auprès des financeurs</dt>
              <dd>{formatEuros(funding.called)}</dd>
            </div>
            <div>
              <dt>Reste à dépenser</dt>
              <dd>
                <strong>{formatEuros(funding.remaining_to_spend)}</strong>
              </dd>
            </div>
            <div>
              <dt>Reste à appeler</dt>
              <dd>{formatEuros(funding.remaining_to_call)}</dd>
            </div>
            <div>
              <dt>Dépenses non encore appelées</dt>
              <dd>{formatEuros(funding.spend_not_called)}</dd>
            </div>
          </dl>
          <table className="programme-table compact" data-testid="funders">
            <thead>
              <tr>
                <th scope="col">Financeur</th>
                <th scope="col" className="numeric">
                  Engagement
                </th>
                <th scope="col" className="numeric">
                  Appelé
                </th>
                <th scope="col" className="numeric">
                  Part des dépenses
                </th>
                <th scope="col" className="numeric">
                  Reste à appeler
                </th>
              </tr>
            </thead>
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
            Chaque appel de fonds est réparti entre les financeurs selon leur part (moitié chacun
            pour {config.name}), au centime près.
          </p>
        </div>
      </div>
    </section>
  );
}
