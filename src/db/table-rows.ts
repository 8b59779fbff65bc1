import type { Table } from 'apache-arrow';

/**
 * Materialises an Arrow result as plain objects keyed by column name. For small results only
 * (aggregates, distributions); the caller states the row type that its SQL produces.
 */
export function tableRows<Row>(table: Table): Row[] {
  const names = table.schema.fields.map((field) => field.name);
  const columns = names.map((name) => table.getChild(name));
  const rows: Row[] = [];
  for (let index = 0; index < table.numRows; index++) {
    const row: Record<string, unknown> = {};
    names.forEach((name, column) => {
      row[name] = columns[column]?.get(index) ?? null;
    });
    rows.push(row as Row);
  }
  return rows;
}
