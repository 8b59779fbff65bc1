import { useId, useState } from 'react';
import { LABEL_OBSTACLE } from '../../map/label-obstacles.ts';
import { validateStyleUrl } from './basemap-setting.ts';

/** Props of {@link BasemapControl}. */
export interface BasemapControlProps {
  url: string | null;
  /** Why the current style failed to load, if it did. */
  error: string | null;
  onChange: (url: string | null) => void;
}

/**
 * « Fond de carte (URL de style, optionnel) »: a MapLibre style URL for online users, kept in this
 * browser. Without it the map makes no request.
 */
export function BasemapControl({ url, error, onChange }: BasemapControlProps) {
  const id = useId();
  const [text, setText] = useState(url ?? '');
  const [invalid, setInvalid] = useState<string | null>(null);
  return (
    <details className="basemap-control" data-testid="basemap-control" {...LABEL_OBSTACLE}>
      <summary>Fond de carte</summary>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() === '') {
            setInvalid(null);
            onChange(null);
            return;
          }
          const checked = validateStyleUrl(text);
          if ('error' in checked) setInvalid(checked.error);
          else {
            setInvalid(null);
            onChange(checked.url);
          }
        }}
      >
        <label htmlFor={`${id}-url`}>Fond de carte (URL de style, optionnel)</label>
        <input
          id={`${id}-url`}
          type="url"
          inputMode="url"
          placeholder="https://…/style.json"
          value={text}
          aria-invalid={invalid !== null}
          onChange={(event) => setText(event.target.value)}
        />
        <p className="muted">
          Enregistré dans ce navigateur seulement. Sans fond, la carte ne fait aucune requête.
        </p>
        <div className="basemap-actions">
          <button type="submit" className="button">
            Appliquer
          </button>
          {url !== null && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setText('');
                onChange(null);
              }}
            >
              Retirer le fond
            </button>
          )}
        </div>
        {(invalid ?? error) !== null && (
          <p className="inline-error" role="alert">
            {invalid ?? `Fond de carte illisible : ${error}`}
          </p>
        )}
      </form>
    </details>
  );
}
