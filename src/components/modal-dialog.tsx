import { type ReactNode, useEffect, useRef } from 'react';

/** Props of {@link ModalDialog}. */
export interface ModalDialogProps {
  open: boolean;
  /** Called when the dialog closes by itself (Escape, close button, form of method dialog). */
  onClose: () => void;
  /** Called each time the dialog opens, before it shows (to reset a form). */
  onOpen?: () => void;
  className: string;
  testId: string;
  titleId: string;
  title: ReactNode;
  /** Class of a header holding the title and a « Fermer » button; without it, the title alone. */
  headerClassName?: string;
  children: ReactNode;
}

/** A modal `<dialog>` shown and closed with `open`, titled, closed by Escape. */
export function ModalDialog({
  open,
  onClose,
  onOpen,
  className,
  testId,
  titleId,
  title,
  headerClassName,
  children,
}: ModalDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) {
      onOpen?.();
      element.showModal();
    } else if (!open && element.open) element.close();
  }, [open, onOpen]);
  const heading = <h2 id={titleId}>{title}</h2>;
  return (
    <dialog
      ref={dialog}
      className={className}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
      onCancel={onClose}
    >
      {headerClassName === undefined ? (
        heading
      ) : (
        <header className={headerClassName}>
          {heading}
          <button type="button" className="close-button" aria-label="Fermer" onClick={onClose}>
            ×
          </button>
        </header>
      )}
      {children}
    </dialog>
  );
}
