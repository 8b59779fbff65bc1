import { useState } from 'react';
import { LoadingStatus } from '../../components/loading-status.tsx';
import { TableHead } from '../../components/table-head.tsx';
import type { DatasetInfo } from '../../db/manifest.ts';
import {
  CAMPAIGN_ACTIONS,
  CAMPAIGN_PHASES,
  type Campaign,
  campaignPhase,
  followUpCounts,
} from '../../domain/campaign.ts';
import { formatInteger } from '../../domain/format.ts';
import { formatFrenchDate } from '../../domain/programme-dates.ts';
import { SELECTED_CAMPAIGN } from '../../state/url-schema.ts';
import { useUrlParam } from '../use-url-param.ts';
import { CampaignDetail } from './campaign-detail.tsx';
import { CampaignFileControls } from './campaign-file-controls.tsx';
import { useCampaigns } from './campaign-store.tsx';
import { EstimateCell } from './estimate-cell.tsx';
import { type CampaignMeasuresState, useCampaignMeasures } from './use-campaign-measures.ts';
import './campaigns.css';

function CampaignList(props: {
  campaigns: readonly Campaign[];
  measures: CampaignMeasuresState;
  selected: string | null;
  today: string;
  onSelect: (id: string) => void;
}) {
  const { campaigns, measures, selected, today, onSelect } = props;
  return (
    <table className="campaign-list" data-testid="campaign-list">
      <TableHead
        labels={[
          'Campagne',
          'Action',
          'Dates',
          'Statut',
          'Territoires',
          'Contactés',
          'Effet carnets (pour 1 000 F/G)',
        ]}
        text={7}
      />
      <tbody>
        {campaigns.map((campaign) => {
          const counts = followUpCounts(campaign);
          const phase = campaignPhase(campaign, today);
          return (
            <tr
              key={campaign.id}
              data-id={campaign.id}
              data-phase={phase}
              aria-selected={campaign.id === selected}
              className={campaign.id === selected ? 'campaign-row-selected' : undefined}
            >
              <th scope="row">
                <button
                  type="button"
                  className="campaign-link"
                  onClick={() => onSelect(campaign.id)}
                >
                  {campaign.nom}
                </button>
              </th>
              <td>{CAMPAIGN_ACTIONS[campaign.action]}</td>
              <td>
                {formatFrenchDate(campaign.debut)} – {formatFrenchDate(campaign.fin)}
              </td>
              <td>
                <span className={`campaign-phase campaign-phase-${phase}`}>
                  {CAMPAIGN_PHASES[phase]}
                </span>
              </td>
              <td>{formatInteger(campaign.territoires.length)}</td>
              <td>
                {formatInteger(campaign.territoires.length - counts.non_contacte)} /{' '}
                {formatInteger(campaign.territoires.length)}
              </td>
              <td>
                <EstimateCell measures={measures} id={campaign.id} outcome="carnets" />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The « Campagnes » view: every campaign kept in this browser with its status, the JSON export
 * and import, and the selected campaign's follow-up and measured effect.
 */
export function CampaignsView({ datasets }: { datasets: readonly DatasetInfo[] }) {
  const store = useCampaigns();
  const { campaigns } = store;
  const measures = useCampaignMeasures(campaigns, datasets);
  const [selectedId, setSelected] = useUrlParam(SELECTED_CAMPAIGN);
  const [error, setError] = useState<string | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const selected = campaigns.find((c) => c.id === selectedId) ?? campaigns.at(-1) ?? null;
  const run = (action: Promise<void>) =>
    action.catch((cause: unknown) =>
      setError(
        `Enregistrement impossible dans ce navigateur : ${cause instanceof Error ? cause.message : String(cause)}`,
      ),
    );

  return (
    <div className="campaigns-view" data-testid="campaigns-view" data-status={store.status}>
      <header className="campaigns-header">
        <div>
          <h1>Campagnes</h1>
          <p className="muted small">
            Courriers, réunions publiques, porte-à-porte… sur une liste de territoires, leur suivi,
            et leur effet mesuré sur les carnets ouverts et les travaux. Une campagne se crée depuis
            l’écran Ciblage (« Enregistrer comme campagne ») ; elle est gardée dans ce navigateur.
          </p>
        </div>
        <CampaignFileControls campaigns={campaigns} importAll={store.importAll} />
      </header>
      {store.notice && (
        <p className="form-error" role="alert" data-testid="campaigns-notice">
          {store.notice}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {store.status === 'loading' && <LoadingStatus message="Lecture des campagnes…" />}
      {store.status === 'ready' && campaigns.length === 0 && (
        <p className="campaigns-empty" data-testid="campaigns-empty">
          Aucune campagne dans ce navigateur. Ouvrez « Parc et passoires », niveau Commune ou EPCI,
          bouton « Ciblage » : composez la liste cible puis « Enregistrer comme campagne ». Ou
          importez le fichier JSON d’une campagne partagée.
        </p>
      )}
      {campaigns.length > 0 && (
        <CampaignList
          campaigns={campaigns}
          measures={measures}
          selected={selected?.id ?? null}
          today={today}
          onSelect={setSelected}
        />
      )}
      {selected !== null && (
        <CampaignDetail
          key={selected.id}
          campaign={selected}
          measures={measures}
          today={today}
          onSave={(campaign) => void run(store.save(campaign))}
          onDelete={() => {
            if (window.confirm(`Supprimer la campagne « ${selected.nom} » de ce navigateur ?`)) {
              setSelected(null);
              void run(store.remove(selected.id));
            }
          }}
        />
      )}
    </div>
  );
}
