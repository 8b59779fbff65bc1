import { AssetError } from '../db/asset-error.ts';
import { DbQueryError } from '../db/db-query-error.ts';

/** Props of {@link ErrorScreen}. */
export interface ErrorScreenProps {
  error: unknown;
}

function describeCause(error: unknown): string | null {
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause === undefined) return null;
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Explains why the dashboard cannot be shown. A missing asset names the file and the commands
 * that build it; a failed query shows its SQL.
 */
export function ErrorScreen({ error }: ErrorScreenProps) {
  const message = error instanceof Error ? error.message : String(error);
  const cause = describeCause(error);
  const missing = error instanceof AssetError && error.missing;
  const assetProblem = error instanceof AssetError;
  return (
    <div className="error-screen" role="alert" data-testid="error">
      <h2>{missing ? 'Données introuvables' : 'Le tableau de bord ne peut pas s’afficher'}</h2>
      <p className="error-message">
        {missing && error instanceof AssetError ? (
          <>
            Fichier introuvable : <code data-testid="error-file">{error.file}</code>
          </>
        ) : (
          message
        )}
      </p>
      {assetProblem && (
        <div className="error-help">
          <p>Construisez les données du tableau de bord, puis rechargez la page :</p>
          <ul>
            <li>
              <code>npm start</code> construit les données manquantes puis lance l’application ;
            </li>
            <li>
              <code>npm run data:demo</code> reconstruit le jeu de démonstration dans{' '}
              <code>public/data/</code>.
            </li>
          </ul>
        </div>
      )}
      {(cause !== null || error instanceof DbQueryError) && (
        <details className="error-details">
          <summary>Détails techniques</summary>
          {cause !== null && <p>{cause}</p>}
          {error instanceof DbQueryError && <pre>{error.sql}</pre>}
        </details>
      )}
    </div>
  );
}
