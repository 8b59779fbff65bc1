/**
 * Qualified names of the tables of the stock database. The browser attaches `stock.duckdb` as the
 * catalog `stock` (see `src/db/duckdb.ts`); tests attach an in-memory catalog of the same name.
 */
export const STOCK_TABLE = 'stock.main.stock';

/** EPCI reference table of the stock database. */
export const TERRITORY_EPCI_TABLE = 'stock.main.territory_epci';
