import { useState } from 'react';
import { clearCampaigns } from '../db/campaign-store.ts';
import { clearStoredDatasets } from '../db/dataset-store.ts';
import { clearSettings } from '../db/settings-store.ts';

/**
 * « Effacer les données importées de ce navigateur »: deletes the datasets, campaigns and settings kept in
 * this browser, after confirmation, then reopens the dashboard without them.
 */
export function ClearStoredDataButton() {
  const [error, setError] = useState<string | null>(null);
  const clear = async () => {
    const confirmed = window.confirm(
      'Effacer les jeux de données importés, les campagnes et les réglages gardés dans ce navigateur ? Les fichiers d’origine ne sont pas touchés (exportez d’abord les campagnes pour les garder).',
    );
    if (!confirmed) return;
    try {
      await clearStoredDatasets();
      await clearCampaigns();
      clearSettings();
      // A fresh page: DuckDB and the switcher forget the imported datasets at once.
      window.location.assign(window.location.pathname);
    } catch (cause) {
      setError(`Effacement impossible : ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  };
  return (
    <>
      <button type="button" className="button" data-testid="clear-stored-data" onClick={clear}>
        Effacer les données importées de ce navigateur
      </button>
      {error && (
        <span role="alert" className="stored-data-error">
          {error}
        </span>
      )}
    </>
  );
}
