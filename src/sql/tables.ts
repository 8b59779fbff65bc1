/**
 * Qualified names of the tables the SQL builders read. The browser attaches `stock.duckdb` as the
 * catalog `stock` (see `src/db/duckdb.ts`); imported datasets live in the in-memory catalog
 * `memory`, and {@link STOCK_TABLE} is a view over both. Tests build the same catalogs.
 */

/** Every stock row the app can show: the attached stock and the imported datasets. */
export const STOCK_TABLE = 'memory.main.all_stock';

/** Stock rows of the attached database (the manifest's datasets). */
export const ATTACHED_STOCK_TABLE = 'stock.main.stock';

/** Stock rows of the datasets imported in this session. */
export const IMPORTED_STOCK_TABLE = 'memory.main.imported_stock';

/** Commune reference (COG) of the stock database: commune → EPCI, département, région. */
export const TERRITORY_COMMUNE_TABLE = 'stock.main.territory_commune';

/** EPCI reference table of the stock database. */
export const TERRITORY_EPCI_TABLE = 'stock.main.territory_epci';

/**
 * Merged commune codes → current commune (COG history): a view over `stock.main.commune_successor`,
 * or an empty view when the attached database predates it (see `communeSuccessorSetupSql`).
 */
export const COMMUNE_SUCCESSOR_TABLE = 'memory.main.commune_successor';

/** Period source of each commune of a modelled dataset (census of the commune, of its EPCI…). */
export const MODEL_SUPPORT_TABLE = 'stock.main.model_support';
