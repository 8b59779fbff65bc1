/** Props of {@link LoadingStatus}. */
export interface LoadingStatusProps {
  /** What is being done, in French, ending with an ellipsis. */
  message: string;
}

/** The loading indicator shown over the map area while data is being prepared. */
export function LoadingStatus({ message }: LoadingStatusProps) {
  return (
    <div className="loading" data-testid="loading" role="status" aria-live="polite">
      <span className="loading-spinner" aria-hidden="true" />
      <span>{message}</span>
    </div>
  );
}
