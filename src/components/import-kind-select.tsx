import { FORMATS } from '../ingest/formats.ts';
import type { ImportKind } from '../ingest/import-protocol.ts';

/** The kinds offered, with their French names and what files each expects: the registry's. */
export const IMPORT_KINDS: readonly { kind: ImportKind; label: string; hint: string }[] = [
  {
    kind: 'auto',
    label: 'Détection automatique',
    hint:
      'CSV, Excel (.xlsx) ou Parquet. Le format est reconnu d’après la ligne d’en-tête ; si les ' +
      'colonnes ne le sont pas, une correspondance avec les champs attendus vous est proposée.',
  },
  ...FORMATS.flatMap((format) => (format.choice ? [{ kind: format.id, ...format.choice }] : [])),
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
