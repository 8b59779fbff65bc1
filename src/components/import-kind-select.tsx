import type { ImportKind } from '../ingest/import-protocol.ts';

/** The kinds offered, with their French names and what files each expects. */
export const IMPORT_KINDS: readonly { kind: ImportKind; label: string; hint: string }[] = [
  {
    kind: 'auto',
    label: 'Détection automatique',
    hint: 'Le format est reconnu d’après la ligne d’en-tête.',
  },
  {
    kind: 'dpe',
    label: 'DPE ADEME',
    hint: 'Export CSV des DPE des logements (en-têtes d’avant ou d’après 2025).',
  },
  {
    kind: 'bdnb',
    label: 'BDNB (plusieurs fichiers)',
    hint: 'batiment_groupe, batiment_groupe_ffo_bat, batiment_groupe_dpe_representatif_logement et, s’il y a lieu, batiment_groupe_simulations_dpe.',
  },
  {
    kind: 'stock',
    label: 'Parc canonique (CSV)',
    hint: 'Une ligne par cellule de parc avec code_commune et weight (nombre de logements).',
  },
];

/** Props of {@link ImportKindSelect}. */
export interface ImportKindSelectProps {
  value: ImportKind;
  onChange: (kind: ImportKind) => void;
}

/** The radio group choosing what the imported files are. */
export function ImportKindSelect({ value, onChange }: ImportKindSelectProps) {
  return (
    <fieldset className="import-kind" data-testid="import-kind">
      <legend>Type de données</legend>
      {IMPORT_KINDS.map((entry) => (
        <label key={entry.kind} className="import-kind-option">
          <input
            type="radio"
            name="import-kind"
            value={entry.kind}
            checked={value === entry.kind}
            onChange={() => onChange(entry.kind)}
          />
          {entry.label}
        </label>
      ))}
    </fieldset>
  );
}
