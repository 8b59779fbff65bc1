/** « Rapport annuel (PDF) »: prints the steering view (print styles make it the annual report). */
export function PrintReportButton() {
  return (
    <button
      type="button"
      className="button button-primary"
      data-testid="print-report"
      onClick={() => window.print()}
    >
      Rapport annuel (PDF)
    </button>
  );
}
