import { useEffect, useState } from 'react';
import { MappingFields } from '../components/mapping-fields.tsx';
import { MappingPreviewPanel } from '../components/mapping-preview.tsx';
import { type MappingPreview, previewBrowserImport } from '../db/browser-import.ts';
import { readSavedMappings, type SavedMapping, saveMapping } from '../db/mapping-store.ts';
import type { CommuneLocator } from '../ingest/commune-locator.ts';
import { type ColumnMapping, mappingProblem } from '../ingest/formats/mapped-format.ts';
import { suggestMapping } from '../ingest/mapping-suggestion.ts';
import './import-mapping.css';

/** Props of {@link ImportMapping}. */
export interface ImportMappingProps {
  file: File;
  /** The file's columns. */
  columns: readonly string[];
  /** Why the file was not recognised (the message of the unknown format). */
  reason: string;
  locator?: CommuneLocator;
  onConfirm: (mapping: ColumnMapping) => void;
  onBack: () => void;
}

const PREVIEW_DELAY_MS = 250;

/**
 * The mapping step of the import dialog, for a table whose headers match no known format: one
 * select per canonical field, pre-filled from the column names, a preview of the first rows as
 * they would be imported (and of the rejected ones, with their reason), and mappings saved by name.
 */
export function ImportMapping({
  file,
  columns,
  reason,
  locator,
  onConfirm,
  onBack,
}: ImportMappingProps) {
  const [mapping, setMapping] = useState<ColumnMapping>(() => suggestMapping(columns));
  const [saved, setSaved] = useState<SavedMapping[]>(() => readSavedMappings());
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const problem = mappingProblem(mapping);

  useEffect(() => {
    if (problem !== null) {
      setPreview(null);
      setError(null);
      return;
    }
    let current = true;
    setPending(true);
    const timer = setTimeout(() => {
      previewBrowserImport(file, mapping, locator).then(
        (result) => {
          if (!current) return;
          setPreview(result);
          setError(null);
          setPending(false);
        },
        (failure: unknown) => {
          if (!current) return;
          setError(failure instanceof Error ? failure.message : String(failure));
          setPending(false);
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [file, mapping, locator, problem]);

  const apply = (entryName: string) => {
    const entry = saved.find((candidate) => candidate.name === entryName);
    if (entry === undefined) return;
    const usable = Object.fromEntries(
      Object.entries(entry.mapping).filter(([, column]) => columns.includes(column)),
    ) as ColumnMapping;
    setMapping(usable);
    setNotice(`Correspondance « ${entry.name} » appliquée.`);
  };

  const save = () => {
    const trimmed = name.trim();
    if (trimmed === '') return;
    const ok = saveMapping({ name: trimmed, mapping });
    setSaved(readSavedMappings());
    setNotice(
      ok
        ? `Correspondance enregistrée sous « ${trimmed} » dans ce navigateur.`
        : 'Ce navigateur refuse d’enregistrer la correspondance.',
    );
  };

  return (
    <section
      className="import-mapping"
      data-testid="import-mapping"
      aria-labelledby="mapping-title"
    >
      <h3 id="mapping-title">Associer les colonnes de {file.name}</h3>
      <details className="mapping-reason">
        <summary>Format non reconnu</summary>
        <p data-testid="mapping-reason">{reason}</p>
      </details>
      <p className="muted">
        Les en-têtes ne correspondent à aucun format connu. Indiquez la colonne de chaque
        information : une proposition d’après les noms des colonnes est pré-remplie. Sans code
        commune, les coordonnées rattachent chaque ligne à sa commune.
      </p>
      {saved.length > 0 && (
        <label className="mapping-saved">
          Correspondance enregistrée :{' '}
          <select
            data-testid="mapping-saved"
            value=""
            onChange={(event) => apply(event.target.value)}
          >
            <option value="">— choisir —</option>
            {saved.map((entry) => (
              <option key={entry.name} value={entry.name}>
                {entry.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <MappingFields columns={columns} mapping={mapping} onChange={setMapping} />
      {problem !== null && (
        <p className="import-error" role="alert" data-testid="mapping-problem">
          {problem}
        </p>
      )}
      <MappingPreviewPanel preview={preview} error={error} pending={pending} />
      <div className="mapping-save">
        <label>
          Nom de la correspondance{' '}
          <input
            type="text"
            data-testid="mapping-name"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button type="button" className="button" onClick={save} disabled={name.trim() === ''}>
          Enregistrer la correspondance
        </button>
      </div>
      {notice && (
        <p className="muted" role="status" data-testid="mapping-notice">
          {notice}
        </p>
      )}
      <div className="mapping-actions">
        <button type="button" className="button" onClick={onBack}>
          Retour
        </button>
        <button
          type="button"
          className="button button-primary"
          data-testid="mapping-confirm"
          disabled={problem !== null || error !== null}
          onClick={() => onConfirm(mapping)}
        >
          Importer avec cette correspondance
        </button>
      </div>
    </section>
  );
}
