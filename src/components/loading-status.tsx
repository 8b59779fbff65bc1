import { ProgressBar } from './progress-bar.tsx';

/** Props of {@link LoadingStatus}. */
export interface LoadingStatusProps {
  /** What is being done, in French, ending with an ellipsis. */
  message: string;
  /** Share done in 0..1 when known: a progress bar under the message (null: indeterminate). */
  progress?: number | null;
}

/** The loading indicator shown over the map area while data is being prepared. */
export function LoadingStatus({ message, progress }: LoadingStatusProps) {
  return (
    <div className="loading" data-testid="loading" role="status" aria-live="polite">
      <span className="loading-spinner" aria-hidden="true" />
      <span className="loading-text">
        <span>{message}</span>
        {progress !== undefined && <ProgressBar value={progress} label={message} />}
      </span>
    </div>
  );
}
