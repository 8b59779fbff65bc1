/** DuckDB's worker stopped (crash, out of memory) while a task ran; the engine is restarted. */
export class DuckDbCrashError extends Error {
  constructor(reason: string) {
    super(
      `Le moteur DuckDB s’est arrêté (${reason}). Il redémarre et recharge les données ; relancez l’action si elle n’a pas abouti.`,
    );
    this.name = 'DuckDbCrashError';
  }
}
