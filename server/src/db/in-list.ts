import type { Dialect, SqlValue } from './types.js';

/**
 * The right side of `IN` for a list of values: `(?, ?, …)`; on a dialect with a parameter ceiling
 * (D1 binds at most 100 a statement) the whole list as one JSON parameter (`jsonValues`: json_each on SQLite and D1), so a
 * page of 500 ids or a stream of many customers still fits one statement.
 */
export function inList(dialect: Dialect, values: SqlValue[]): { sql: string; params: SqlValue[] } {
  if (dialect.maxParams !== undefined)
    return { sql: `(${dialect.jsonValues})`, params: [JSON.stringify(values)] };
  return { sql: `(${values.map(() => '?').join(', ')})`, params: values };
}
