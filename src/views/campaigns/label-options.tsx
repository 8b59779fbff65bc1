import { type CampaignLevel, COMPARISON_RULES } from '../../domain/campaign.ts';

/** The `<option>`s of a table of French labels by id (actions, statuses, rules). */
export function LabelOptions({ labels }: { labels: Readonly<Record<string, string>> }) {
  return (
    <>
      {Object.entries(labels).map(([id, label]) => (
        <option key={id} value={id}>
          {label}
        </option>
      ))}
    </>
  );
}

/** The comparison rules a campaign of `level` may use (« même EPCI » is for communes only). */
export function comparisonRules(level: CampaignLevel): Partial<typeof COMPARISON_RULES> {
  if (level === 'commune') return COMPARISON_RULES;
  const { meme_type_taille } = COMPARISON_RULES;
  return { meme_type_taille };
}
