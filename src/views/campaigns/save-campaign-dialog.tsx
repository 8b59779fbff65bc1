import { useCallback, useState } from 'react';
import { ModalDialog } from '../../components/modal-dialog.tsx';
import {
  CAMPAIGN_ACTIONS,
  type Campaign,
  type CampaignAction,
  type CampaignLevel,
  type CampaignTargeting,
  type ComparisonRule,
  defaultWindowMonths,
  initialFollowUp,
  WINDOW_MONTHS,
} from '../../domain/campaign.ts';
import { parseCampaign } from '../../domain/campaign-file.ts';
import { formatCount } from '../../domain/format.ts';
import { addDays } from '../../domain/programme-dates.ts';
import { DateInput } from './date-input.tsx';
import { comparisonRules, LabelOptions } from './label-options.tsx';

/** Props of {@link SaveCampaignDialog}. */
export interface SaveCampaignDialogProps {
  open: boolean;
  onClose: () => void;
  level: CampaignLevel;
  targets: readonly { code: string; name: string }[];
  /** The targeting state that produced the list. */
  targeting: () => CampaignTargeting;
  defaultName: string;
  onSave: (campaign: Campaign) => Promise<void>;
}

function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `camp-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * « Enregistrer comme campagne »: name, action, dates, months compared, comparison rule and a
 * comment for the target list; the campaign is validated like an imported one before it is kept.
 */
export function SaveCampaignDialog(props: SaveCampaignDialogProps) {
  const { open, onClose, level, targets, targeting, defaultName, onSave } = props;
  const today = new Date().toISOString().slice(0, 10);
  const [name, setName] = useState(defaultName);
  const [action, setAction] = useState<CampaignAction>('courrier');
  const [start, setStart] = useState(today);
  const [end, setEnd] = useState(addDays(today, 30));
  const [months, setMonths] = useState<number | null>(null);
  const [rule, setRule] = useState<ComparisonRule>(
    level === 'commune' ? 'meme_epci' : 'meme_type_taille',
  );
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<string[]>([]);

  const onOpen = useCallback(() => {
    setName(defaultName);
    setErrors([]);
  }, [defaultName]);

  const windowMonths =
    months ?? (start <= end ? defaultWindowMonths(start, end) : WINDOW_MONTHS.default);
  const submit = async () => {
    const now = new Date().toISOString();
    const candidate = {
      id: newId(),
      nom: name.trim(),
      action,
      debut: start,
      fin: end,
      niveau: level,
      fenetre_mois: windowMonths,
      comparaison: rule,
      territoires: targets.map((t) => ({ code: t.code, nom: t.name, suivi: initialFollowUp() })),
      ciblage: targeting(),
      commentaire: comment,
      cree_le: now,
      modifie_le: now,
    };
    const checked = parseCampaign(candidate);
    if (!checked.ok) {
      setErrors(checked.errors.map((e) => e.replace(/^campagne\.?/, '')));
      return;
    }
    try {
      await onSave(checked.value);
      onClose();
    } catch (error) {
      setErrors([
        `Enregistrement impossible dans ce navigateur : ${error instanceof Error ? error.message : String(error)}`,
      ]);
    }
  };

  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      onOpen={onOpen}
      className="campaign-save-dialog"
      testId="campaign-save-dialog"
      titleId="campaign-save-title"
      title="Enregistrer la liste comme campagne"
    >
      <p className="small">
        {level === 'commune'
          ? formatCount(targets.length, 'commune ciblée', 'communes ciblées')
          : formatCount(targets.length, 'EPCI ciblé', 'EPCI ciblés')}
        . Filtres et poids du ciblage sont gardés avec la campagne, dans ce navigateur.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="campaign-save-fields">
          <label className="campaign-save-wide">
            Nom
            <input
              value={name}
              required
              maxLength={200}
              data-testid="campaign-name"
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label>
            Action
            <select
              value={action}
              data-testid="campaign-action"
              onChange={(e) => setAction(e.target.value as CampaignAction)}
            >
              <LabelOptions labels={CAMPAIGN_ACTIONS} />
            </select>
          </label>
          <label>
            Territoires de comparaison
            <select value={rule} onChange={(e) => setRule(e.target.value as ComparisonRule)}>
              <LabelOptions labels={comparisonRules(level)} />
            </select>
          </label>
          <DateInput label="Début" value={start} testId="campaign-start" onChange={setStart} />
          <DateInput label="Fin" value={end} testId="campaign-end" onChange={setEnd} />
          <label>
            Mois observés avant et après le début
            <input
              type="number"
              min={WINDOW_MONTHS.min}
              max={WINDOW_MONTHS.max}
              value={windowMonths}
              data-testid="campaign-window"
              onChange={(e) => setMonths(Number(e.target.value))}
            />
          </label>
          <label className="campaign-save-wide">
            Commentaire
            <textarea
              value={comment}
              rows={3}
              maxLength={5000}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
        </div>
        {errors.length > 0 && (
          <ul className="form-error" role="alert" data-testid="campaign-save-errors">
            {errors.map((error) => (
              <li key={error}>{error}</li>
            ))}
          </ul>
        )}
        <div className="campaign-save-actions">
          <button type="submit" className="button button-primary" data-testid="campaign-save">
            Enregistrer la campagne
          </button>
          <button type="button" className="button" onClick={onClose}>
            Annuler
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
