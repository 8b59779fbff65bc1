import { CapBar } from '../../components/programme/cap-bar.tsx';
import { ProgrammeSection } from '../../components/programme/programme-section.tsx';
import { TableHead } from '../../components/table-head.tsx';
import { formatInteger, formatPercent } from '../../domain/format.ts';
import type {
  CallSplit,
  CappedAmount,
  FundingEnvelope,
  ProgrammeBudget,
} from '../../domain/programme-budget.ts';
import type { ProgrammeConfig } from '../../domain/programme-config.ts';
import { formatEuros } from '../../domain/programme-money.ts';
import { FundingDetails } from './funding-details.tsx';

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
    <ProgrammeSection
      titleId="budget-title"
      title="Budget de la convention (€ HT)"
      demo={demo}
      className="budget-panel"
      testId="budget"
    >
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
            <TableHead labels={['Poste', 'Unité', 'Quantité', 'Montant']} />
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
            <TableHead labels={['Ligne', 'Brique', 'Plafond', 'Dépensé']} text={2} />
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

      <FundingDetails config={config} calls={calls} funding={funding} />
    </ProgrammeSection>
  );
}
