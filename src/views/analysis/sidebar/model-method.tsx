import type { JSX } from 'react';
import type { IndicatorId } from '../../../domain/indicators.ts';
import {
  BASIS_LABELS,
  type ModelMethod,
  modelSupportWarning,
  variablesOf,
} from '../../../domain/model-method.ts';
import type { ModelSupportRow } from '../../../sql/model-support-sql.ts';
import { useQuery } from '../../use-query.ts';

/**
 * « Méthode » of one modelled indicator: the variables it rests on, each with how it is known
 * (census, modelled, assumed), the inputs with their vintage and source, and the assumptions.
 */
export function IndicatorMethod(props: {
  method: ModelMethod;
  indicator: IndicatorId;
}): JSX.Element | null {
  const { method, indicator } = props;
  const variables = variablesOf(method, indicator);
  if (variables.length === 0) return null;
  return (
    <details className="indicator-method" data-testid={`method-${indicator}`}>
      <summary>Méthode</summary>
      <p>{method.summary}</p>
      <p className="method-heading">Repose sur :</p>
      <ul>
        {variables.map((variable) => (
          <li key={variable.key} data-basis={variable.basis}>
            <strong>{variable.label}</strong>{' '}
            <span className={`method-basis method-basis-${variable.basis}`}>
              {BASIS_LABELS[variable.basis]}
            </span>{' '}
            — {variable.detail}
          </li>
        ))}
      </ul>
      <p className="method-heading">Sources :</p>
      <ul>
        {method.inputs.map((input) => (
          <li key={input.title}>
            {input.title} — {input.producer}, millésime {input.vintage}
            {input.url !== '' && (
              <>
                {' '}
                (<a href={input.url}>source</a>)
              </>
            )}
          </li>
        ))}
      </ul>
      {method.validation.length > 0 && (
        <>
          <p className="method-heading">Validation :</p>
          <ul>
            {method.validation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {method.assumptions.length > 0 && (
        <>
          <p className="method-heading">Hypothèses et limites :</p>
          <ul>
            {method.assumptions.map((assumption) => (
              <li key={assumption}>{assumption}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}

/**
 * Flags a modelled territory whose estimate rests on few typology cells (under the filters shown)
 * or on assumptions only (no census periods for its communes).
 */
export function ModelSupportFlag(props: { sql: string; cells: number }): JSX.Element | null {
  const support = useQuery<ModelSupportRow>(props.sql);
  if (support.status !== 'ready') return null;
  const row = support.rows[0];
  const warning = modelSupportWarning({
    cells: props.cells,
    communes: row?.communes ?? 0,
    censusCommunes: row?.census_communes ?? 0,
  });
  if (warning === null) return null;
  return (
    <p className="small-count-flag" role="note" data-testid="model-support-flag">
      Estimation modélisée fragile : {warning}.
    </p>
  );
}
