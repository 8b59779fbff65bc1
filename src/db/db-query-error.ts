/** A query that DuckDB refused or failed to run, with the SQL text and the original error. */
export class DbQueryError extends Error {
  /** The SQL text that failed. */
  readonly sql: string;

  constructor(sql: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`La requête DuckDB a échoué : ${reason}`, { cause });
    this.name = 'DbQueryError';
    this.sql = sql;
  }
}
