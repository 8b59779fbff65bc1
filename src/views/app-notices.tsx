import type { ReactNode } from 'react';

function Notice({
  role,
  testId,
  closeLabel,
  onClose,
  children,
}: {
  role: 'alert' | 'status';
  testId: string;
  /** Label of the close button; none without `onClose`. */
  closeLabel?: string;
  onClose?: () => void;
  children: ReactNode;
}) {
  return (
    <div className="app-notice" role={role} data-testid={testId}>
      {children}
      {onClose && (
        <button type="button" className="close-button" aria-label={closeLabel} onClick={onClose}>
          ×
        </button>
      )}
    </div>
  );
}

/** Props of {@link AppNotices}. */
export interface AppNoticesProps {
  /** Why datasets stored in this browser could not be reloaded. */
  stored: string | null;
  /** What the last import added. */
  imported: string | null;
  onDismissImported: () => void;
  /** Parameters of the link that were ignored. */
  url: readonly string[];
  onDismissUrl: () => void;
}

/** The messages under the header: stored datasets, the last import, an ill-formed link. */
export function AppNotices(props: AppNoticesProps) {
  return (
    <>
      {props.stored && (
        <Notice role="alert" testId="stored-notice">
          <span>{props.stored}</span>
        </Notice>
      )}
      {props.imported && (
        <Notice
          role="status"
          testId="import-notice"
          closeLabel="Fermer le message"
          onClose={props.onDismissImported}
        >
          <span>{props.imported}</span>
        </Notice>
      )}
      {props.url.length > 0 && (
        <Notice
          role="status"
          testId="url-notice"
          closeLabel="Fermer le message sur les paramètres ignorés"
          onClose={props.onDismissUrl}
        >
          <div>
            <p>Lien partiellement lu : ces paramètres ont été ignorés.</p>
            <ul>
              {props.url.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        </Notice>
      )}
    </>
  );
}
