/**
 * Quotes a value as a SQL string literal: single quotes doubled, wrapped in single quotes.
 * Rejects NUL characters, which DuckDB would not store and which only an attacker would send.
 */
export function sqlString(value: string): string {
  if (value.includes('\u0000'))
    throw new Error('Une valeur SQL ne peut pas contenir le caractère NUL.');
  return `'${value.replaceAll("'", "''")}'`;
}
