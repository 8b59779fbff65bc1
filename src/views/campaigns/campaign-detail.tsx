import { ErrorScreen } from '../../components/error-screen.tsx';
import { LoadingStatus } from '../../components/loading-status.tsx';
import {
  CAMPAIGN_ACTIONS,
  CAMPAIGN_PHASES,
  type Campaign,
  type ComparisonRule,
  campaignPhase,
  type FollowUp,
  WINDOW_MONTHS,
} from '../../domain/campaign.ts';
import { formatCount } from '../../domain/format.ts';
import { formatLongDate } from '../../domain/programme-dates.ts';
import { describeWeights } from '../../export/target-list.ts';
import { CampaignEffectPanel } from './campaign-effect-panel.tsx';
import { FollowUpTable } from './follow-up-table.tsx';
import { comparisonRules, LabelOptions } from './label-options.tsx';
import type { CampaignMeasuresState } from './use-campaign-measures.ts';

/** Props of {@link CampaignDetail}. */
export interface CampaignDetailProps {
  campaign: Campaign;
  measures: CampaignMeasuresState;
  today: string;
  onSave: (campaign: Campaign) => void;
  onDelete: () => void;
}

function sourceText(state: Extract<CampaignMeasuresState, { status: 'ready' }>): string {
  const files =
    state.origin === 'import'
      ? `fichiers importés dans « Pilotage du programme » (${state.carnetsFile})`
      : 'données de démonstration du programme';
  return `${files}${state.demo ? ', fictives' : ''}`;
}

/** One campaign: what it is, how it was targeted, its follow-up and its measured effect. */
export function CampaignDetail({
  campaign,
  measures,
  today,
  onSave,
  onDelete,
}: CampaignDetailProps) {
  const edit = (patch: Partial<Campaign>) =>
    onSave({ ...campaign, ...patch, modifie_le: new Date().toISOString() });
  const setFollowUp = (code: string, suivi: FollowUp) =>
    edit({
      territoires: campaign.territoires.map((t) => (t.code === code ? { ...t, suivi } : t)),
    });
  const levelNames = campaign.niveau === 'commune' ? ['commune', 'communes'] : ['EPCI', 'EPCI'];
  const measure = measures.status === 'ready' ? measures.measures.get(campaign.id) : undefined;
  const { ciblage } = campaign;
  return (
    <article className="campaign-detail" data-testid="campaign-detail" data-id={campaign.id}>
      <header className="campaign-detail-header">
        <div>
          <h2>{campaign.nom}</h2>
          <p className="muted">
            {CAMPAIGN_ACTIONS[campaign.action]} · du {formatLongDate(campaign.debut)} au{' '}
            {formatLongDate(campaign.fin)} ·{' '}
            <strong>{CAMPAIGN_PHASES[campaignPhase(campaign, today)]}</strong> ·{' '}
            {formatCount(campaign.territoires.length, levelNames[0] ?? '', levelNames[1] ?? '')}
          </p>
          {campaign.commentaire !== '' && (
            <p className="campaign-comment">{campaign.commentaire}</p>
          )}
          {ciblage !== null && (
            <p className="small muted" data-testid="campaign-targeting">
              Ciblage : parc « {ciblage.jeu.nom} »
              {ciblage.territoire_classe && `, ${ciblage.territoire_classe.nom}`} · filtres :{' '}
              {ciblage.filtres} · poids : {describeWeights(ciblage.poids)}
            </p>
          )}
        </div>
        <button type="button" className="button" data-testid="campaign-delete" onClick={onDelete}>
          Supprimer la campagne
        </button>
      </header>
      <FollowUpTable campaign={campaign} onChange={setFollowUp} />
      <div className="campaign-measure-settings">
        <label>
          Territoires de comparaison{' '}
          <select
            value={campaign.comparaison}
            data-testid="campaign-comparison-rule"
            onChange={(event) => edit({ comparaison: event.target.value as ComparisonRule })}
          >
            <LabelOptions labels={comparisonRules(campaign.niveau)} />
          </select>
        </label>
        <label>
          Mois observés avant et après le début{' '}
          <input
            type="number"
            min={WINDOW_MONTHS.min}
            max={WINDOW_MONTHS.max}
            value={campaign.fenetre_mois}
            onChange={(event) => {
              const months = Number(event.target.value);
              if (
                Number.isInteger(months) &&
                months >= WINDOW_MONTHS.min &&
                months <= WINDOW_MONTHS.max
              ) {
                edit({ fenetre_mois: months });
              }
            }}
          />
        </label>
      </div>
      {measures.status === 'error' && <ErrorScreen error={measures.error} />}
      {measures.status === 'loading' && <LoadingStatus message="Mesure de l’effet…" />}
      {measures.status === 'ready' && measure !== undefined && (
        <CampaignEffectPanel
          campaign={campaign}
          measure={measure}
          publicMode={measures.publicMode}
          source={sourceText(measures)}
        />
      )}
    </article>
  );
}
