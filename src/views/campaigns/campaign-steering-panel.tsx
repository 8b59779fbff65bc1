import { useMemo } from 'react';
import { ProgrammeSection } from '../../components/programme/programme-section.tsx';
import { TableHead } from '../../components/table-head.tsx';
import type { DatasetInfo } from '../../db/manifest.ts';
import { CAMPAIGN_ACTIONS, CAMPAIGN_PHASES, campaignPhase } from '../../domain/campaign.ts';
import { campaignSteeringRows } from '../../domain/campaign-steering.ts';
import { formatCount } from '../../domain/format.ts';
import { formatFrenchDate } from '../../domain/programme-dates.ts';
import type { EpciReferenceRow } from '../../sql/programme-reference-sql.ts';
import { useCampaigns } from './campaign-store.tsx';
import { EstimateCell } from './estimate-cell.tsx';
import { useCampaignMeasures } from './use-campaign-measures.ts';
import './campaigns.css';

/** Props of {@link CampaignSteeringPanel}. */
export interface CampaignSteeringPanelProps {
  datasets: readonly DatasetInfo[];
  epcis: readonly EpciReferenceRow[];
  /** French name of a région code. */
  regionName: (code: string) => string;
}

/**
 * The campaigns of this browser in the steering view and its printed annual report: per région
 * and EPCI of their targets, with their effect estimates side by side.
 */
export function CampaignSteeringPanel({ datasets, epcis, regionName }: CampaignSteeringPanelProps) {
  const { campaigns } = useCampaigns();
  const measures = useCampaignMeasures(campaigns, datasets);
  const rows = useMemo(
    () =>
      measures.status === 'ready'
        ? campaignSteeringRows(campaigns, measures.measures, epcis, regionName)
        : [],
    [campaigns, measures, epcis, regionName],
  );
  const today = new Date().toISOString().slice(0, 10);
  const regions = new Set(rows.flatMap((row) => row.regions.map((r) => r.code)));
  const epciCount = new Set(rows.flatMap((row) => row.epcis.map((e) => e.code))).size;
  return (
    <ProgrammeSection
      titleId="campaign-steering-title"
      title="Campagnes et effet mesuré"
      demo={measures.status === 'ready' && measures.demo}
      className="campaign-steering"
      testId="campaign-steering"
      data={{ 'data-count': campaigns.length }}
    >
      {campaigns.length === 0 ? (
        <p className="muted small">
          Aucune campagne enregistrée dans ce navigateur (onglet « Campagnes » : importez celles des
          territoires, ou créez-en depuis l’écran Ciblage).
        </p>
      ) : (
        <>
          <p className="small muted">
            {formatCount(campaigns.length, 'campagne', 'campagnes')} dans{' '}
            {formatCount(epciCount, 'EPCI', 'EPCI')} de{' '}
            {formatCount(regions.size, 'région', 'régions')}. Effet : différence de différences pour
            1 000 logements F/G face aux territoires comparables, intervalle à 95 % ; détail et
            méthode dans l’onglet « Campagnes ».
          </p>
          <table className="campaign-steering-table" data-testid="campaign-steering-table">
            <TableHead
              labels={[
                'Région',
                'EPCI',
                'Campagne',
                'Action',
                'Dates',
                'Statut',
                'Effet sur les carnets',
                'Effet sur les travaux',
              ]}
              text={8}
            />
            <tbody>
              {rows.map(({ campaign, regions: names, epcis: epciNames }) => (
                <tr key={campaign.id} data-id={campaign.id}>
                  <td>{names.map((r) => r.nom).join(', ') || '–'}</td>
                  <td>{epciNames.map((e) => e.nom).join(', ') || '–'}</td>
                  <th scope="row">{campaign.nom}</th>
                  <td>{CAMPAIGN_ACTIONS[campaign.action]}</td>
                  <td>
                    {formatFrenchDate(campaign.debut)} – {formatFrenchDate(campaign.fin)}
                  </td>
                  <td>{CAMPAIGN_PHASES[campaignPhase(campaign, today)]}</td>
                  <td>
                    <EstimateCell measures={measures} id={campaign.id} outcome="carnets" />
                  </td>
                  <td>
                    <EstimateCell measures={measures} id={campaign.id} outcome="works" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </ProgrammeSection>
  );
}
