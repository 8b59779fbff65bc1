import { sqlString } from './sql-string.ts';
import { TERRITORY_COMMUNE_TABLE } from './tables.ts';

/** A row of {@link territoryCommunesSql}. */
export interface TerritoryCommuneCodeRow {
  code_commune: string;
}

/** The commune codes (current COG) of an EPCI, or the commune itself, in code order. */
export function territoryCommunesSql(level: 'epci' | 'commune', code: string): string {
  const column = level === 'epci' ? 'code_epci' : 'code_commune';
  return `SELECT code_commune FROM ${TERRITORY_COMMUNE_TABLE} WHERE ${column} = ${sqlString(code)} ORDER BY code_commune`;
}
