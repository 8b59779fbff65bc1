import { useState } from 'react';
import type { Campaign } from '../../domain/campaign.ts';
import {
  campaignFileText,
  MAX_CAMPAIGN_FILE_BYTES,
  readCampaignFileText,
} from '../../domain/campaign-file.ts';
import { formatCount, formatInteger } from '../../domain/format.ts';
import { downloadText } from '../programme/download.ts';

/** Props of {@link CampaignFileControls}. */
export interface CampaignFileControlsProps {
  campaigns: readonly Campaign[];
  importAll: (campaigns: readonly Campaign[]) => Promise<{ added: number; replaced: number }>;
}

type Outcome = { kind: 'done'; text: string } | { kind: 'refused'; file: string; errors: string[] };

/**
 * Export of every campaign as one JSON file (format casba-campagnes, version 1), and import of
 * such a file: validated entirely before anything is kept, refused with its French list of errors.
 */
export function CampaignFileControls({ campaigns, importAll }: CampaignFileControlsProps) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const exportAll = () => {
    const now = new Date().toISOString();
    downloadText(
      `campagnes-${now.slice(0, 10)}.json`,
      campaignFileText(campaigns, now),
      'application/json',
    );
  };

  const read = async (file: File) => {
    setOutcome(null);
    if (file.size > MAX_CAMPAIGN_FILE_BYTES) {
      setOutcome({
        kind: 'refused',
        file: file.name,
        errors: [
          `Fichier trop gros (${formatInteger(file.size)} octets, ${formatInteger(MAX_CAMPAIGN_FILE_BYTES)} au plus).`,
        ],
      });
      return;
    }
    const result = readCampaignFileText(await file.text());
    if (!result.ok) {
      setOutcome({ kind: 'refused', file: file.name, errors: result.errors });
      return;
    }
    try {
      const { added, replaced } = await importAll(result.value);
      setOutcome({
        kind: 'done',
        text: `« ${file.name} » : ${formatCount(result.value.length, 'campagne importée', 'campagnes importées')} (${formatCount(added, 'nouvelle', 'nouvelles')}, ${formatCount(replaced, 'remplacée', 'remplacées')}).`,
      });
    } catch (error) {
      setOutcome({
        kind: 'refused',
        file: file.name,
        errors: [
          `Enregistrement impossible dans ce navigateur : ${error instanceof Error ? error.message : String(error)}`,
        ],
      });
    }
  };

  return (
    <div className="campaign-file-controls">
      <button
        type="button"
        className="button"
        data-testid="campaigns-export"
        disabled={campaigns.length === 0}
        onClick={exportAll}
      >
        Exporter les campagnes (JSON)
      </button>
      <label className="button">
        Importer des campagnes (JSON)
        <input
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          data-testid="campaigns-import"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void read(file);
          }}
        />
      </label>
      {outcome?.kind === 'done' && (
        <p role="status" className="small" data-testid="campaigns-import-done">
          {outcome.text}
        </p>
      )}
      {outcome?.kind === 'refused' && (
        <div role="alert" className="form-error" data-testid="campaigns-import-errors">
          <p>
            Fichier « {outcome.file} » refusé, rien n’a été importé (
            {formatCount(outcome.errors.length, 'erreur', 'erreurs')}) :
          </p>
          <ul>
            {outcome.errors.slice(0, 50).map((error, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a list of texts that never reorders.
              <li key={i}>{error}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
