import { useState } from 'react';
import type { CampaignTargeting } from '../../domain/campaign.ts';
import type { TargetListMetadata } from '../../export/target-list.ts';
import { useCampaigns } from '../campaigns/campaign-store.tsx';
import { SaveCampaignDialog } from '../campaigns/save-campaign-dialog.tsx';

/** The targeting context of an export, as a campaign keeps it. */
function campaignTargeting(metadata: TargetListMetadata): CampaignTargeting {
  return {
    jeu: { id: metadata.dataset.id, nom: metadata.dataset.name },
    territoire_classe: metadata.parent && { code: metadata.parent.code, nom: metadata.parent.name },
    filtres: metadata.filters,
    poids: { ...metadata.weights },
    methodes: [...metadata.methods],
    polygone: metadata.polygon?.map(([lon, lat]) => [lon, lat]) ?? null,
  };
}

/** « Enregistrer comme campagne » under the target list, with its dialog and its notice. */
export function SaveCampaignButton(props: {
  level: 'commune' | 'epci';
  targets: readonly { code: string; name: string }[];
  metadata: () => TargetListMetadata;
  parentName: string | null;
}) {
  const { level, targets, metadata, parentName } = props;
  const { save } = useCampaigns();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="save-campaign"
        disabled={targets.length === 0}
        onClick={() => {
          setSaved(null);
          setOpen(true);
        }}
      >
        Enregistrer comme campagne
      </button>
      {saved && (
        <p role="status" className="small" data-testid="campaign-saved">
          Campagne « {saved} » enregistrée dans ce navigateur : suivi et effet mesuré dans l’onglet
          « Campagnes ».
        </p>
      )}
      <SaveCampaignDialog
        open={open}
        onClose={() => setOpen(false)}
        level={level}
        targets={targets}
        targeting={() => campaignTargeting(metadata())}
        defaultName={`Campagne ${parentName ?? ''}`.trim()}
        onSave={async (campaign) => {
          await save(campaign);
          setSaved(campaign.nom);
        }}
      />
    </>
  );
}
