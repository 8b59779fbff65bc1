import { SECRET_THRESHOLD } from '../domain/statistical-secret.ts';

/** The « Mode public » switch of the header. */
export function PublicModeSwitch({
  on,
  onChange,
}: {
  on: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <label
      className="public-mode-switch"
      title="Applique le secret statistique à tous les effectifs de carnets et de travaux affichés"
    >
      <input
        type="checkbox"
        role="switch"
        aria-checked={on}
        data-testid="public-mode"
        checked={on}
        onChange={(event) => onChange(event.target.checked)}
      />
      Mode public
    </label>
  );
}

/** What the public mode does, shown while it is on. */
export function PublicModeBanner() {
  return (
    <div className="app-notice public-mode-banner" role="status" data-testid="public-mode-banner">
      <p
        title={`Un effectif de 1 à ${SECRET_THRESHOLD - 1}, ou qui permettrait d’en retrouver un par différence avec un total (commune, EPCI, région, total), est remplacé par « s », jamais par 0 ; un taux calculé à partir de lui aussi. Les fichiers chargés dans ce navigateur restent complets : ce mode sert aux présentations et aux documents publics.`}
      >
        <strong>Mode public</strong> : secret statistique sur les carnets et travaux ; « s »
        remplace tout effectif de 1 à {SECRET_THRESHOLD - 1} ou qui permettrait d’en retrouver un
        par différence (jamais 0).
      </p>
    </div>
  );
}
