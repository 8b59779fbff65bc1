import { useEffect, useState } from 'react';
import { type DbStatus, getDbStatus, onDbStatus } from '../db/duckdb.ts';

/** Says when DuckDB's worker crashed and was restarted with the data reloaded. */
export function DbStatusNotice() {
  const [status, setStatus] = useState<DbStatus>(getDbStatus);
  useEffect(() => onDbStatus(setStatus), []);
  if (status.restarts === 0) return null;
  const text =
    status.state === 'restarting'
      ? 'Le moteur DuckDB s’est arrêté : redémarrage et rechargement des données en cours…'
      : status.state === 'failed'
        ? `Le moteur DuckDB n’a pas pu redémarrer (${status.lastCrash ?? 'cause inconnue'}). Rechargez la page.`
        : `Le moteur DuckDB s’est arrêté et a redémarré ; les données ont été rechargées (${status.restarts} redémarrage${status.restarts > 1 ? 's' : ''}).`;
  return (
    <div
      className="app-notice"
      role="status"
      data-testid="db-status"
      data-state={status.state}
      data-restarts={status.restarts}
    >
      <span>{text}</span>
    </div>
  );
}
