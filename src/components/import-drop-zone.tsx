import { type DragEvent, useId, useState } from 'react';

/** Props of {@link ImportDropZone}. */
export interface ImportDropZoneProps {
  /** Several files may be chosen at once (BDNB tables). */
  multiple: boolean;
  /** What the zone accepts, said under the main line. */
  hint: string;
  onFiles: (files: File[]) => void;
}

/** A drop target for files that is also a keyboard-operable file picker. */
export function ImportDropZone({ multiple, hint, onFiles }: ImportDropZoneProps) {
  const [dragging, setDragging] = useState(false);
  const hintId = useId();

  const onDragOver = (event: DragEvent<HTMLLabelElement>) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  };

  return (
    <label
      className={dragging ? 'import-drop-zone import-drop-zone-active' : 'import-drop-zone'}
      data-testid="import-drop-zone"
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <input
        type="file"
        className="visually-hidden"
        data-testid="import-file-input"
        accept=".csv,.txt,.tsv,.xlsx,.xlsm,.parquet,text/csv"
        multiple={multiple}
        aria-describedby={hintId}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          // Reset so that choosing the same file again starts a new import.
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <span className="import-drop-zone-title">
        {multiple ? 'Déposez les fichiers ici' : 'Déposez le fichier ici'}
      </span>
      <span className="import-drop-zone-or">ou</span>
      <span className="import-drop-zone-button">
        {multiple ? 'Choisir les fichiers…' : 'Choisir un fichier…'}
      </span>
      <span id={hintId} className="import-drop-zone-hint">
        {hint}
      </span>
    </label>
  );
}
