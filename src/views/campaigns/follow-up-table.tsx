import { useState } from 'react';
import { TableHead } from '../../components/table-head.tsx';
import {
  type Campaign,
  type CampaignTarget,
  FOLLOW_UP_STATUSES,
  type FollowUp,
  type FollowUpStatus,
  followUpCounts,
} from '../../domain/campaign.ts';
import { formatCount } from '../../domain/format.ts';
import { isIsoDate } from '../../domain/programme-dates.ts';
import { LabelOptions } from './label-options.tsx';

/** Props of {@link FollowUpTable}. */
export interface FollowUpTableProps {
  campaign: Campaign;
  /** Keeps the campaign with one target's follow-up changed. */
  onChange: (code: string, followUp: FollowUp) => void;
}

function NoteField({
  target,
  onChange,
}: {
  target: CampaignTarget;
  onChange: (note: string) => void;
}) {
  const [draft, setDraft] = useState(target.suivi.note);
  return (
    <input
      type="text"
      className="follow-up-note"
      value={draft}
      maxLength={5000}
      aria-label={`Note pour ${target.nom}`}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={() => {
        if (draft !== target.suivi.note) onChange(draft);
      }}
    />
  );
}

/** The follow-up of each target: status, date of the last step and a note, saved as they change. */
export function FollowUpTable({ campaign, onChange }: FollowUpTableProps) {
  const counts = followUpCounts(campaign);
  const summary = (Object.keys(FOLLOW_UP_STATUSES) as FollowUpStatus[])
    .filter((status) => counts[status] > 0)
    .map((status) => `${FOLLOW_UP_STATUSES[status].toLowerCase()} : ${counts[status]}`)
    .join(' · ');
  return (
    <section aria-labelledby="follow-up-title" className="campaign-follow-up">
      <h3 id="follow-up-title">Suivi des territoires</h3>
      <p className="small muted" data-testid="follow-up-summary">
        {formatCount(campaign.territoires.length, 'territoire', 'territoires')} — {summary}
      </p>
      <table className="follow-up-table" data-testid="follow-up-table">
        <TableHead labels={['Territoire', 'Statut', 'Date', 'Note']} text={4} />
        <tbody>
          {campaign.territoires.map((target) => (
            <tr key={target.code} data-code={target.code}>
              <th scope="row">
                {target.nom} <span className="muted">({target.code})</span>
              </th>
              <td>
                <select
                  value={target.suivi.statut}
                  aria-label={`Statut de ${target.nom}`}
                  data-testid="follow-up-status"
                  onChange={(event) =>
                    onChange(target.code, {
                      ...target.suivi,
                      statut: event.target.value as FollowUpStatus,
                    })
                  }
                >
                  <LabelOptions labels={FOLLOW_UP_STATUSES} />
                </select>
              </td>
              <td>
                <input
                  type="date"
                  value={target.suivi.date ?? ''}
                  aria-label={`Date pour ${target.nom}`}
                  onChange={(event) => {
                    const value = event.target.value;
                    if (value === '' || isIsoDate(value)) {
                      onChange(target.code, { ...target.suivi, date: value === '' ? null : value });
                    }
                  }}
                />
              </td>
              <td>
                <NoteField
                  target={target}
                  onChange={(note) => onChange(target.code, { ...target.suivi, note })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
