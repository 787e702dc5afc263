import type { InsertOptions, SqlValue } from './types.js';

/** One multi-row INSERT statement with its parameters (PostgreSQL inserts a batch this way). */
export function buildMultiRowInsert(
  table: string,
  columns: string[],
  rows: SqlValue[][],
  opts: InsertOptions,
) {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const returning = opts.returning ? ` RETURNING ${opts.returning}` : '';
  return {
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} ${opts.onConflict}${returning}`,
    params: rows.flat(),
  };
}

/** A single-row INSERT (SQLite runs it once a row: faster there than one long statement). */
export function buildSingleRowInsert(table: string, columns: string[], opts: InsertOptions): string {
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ${opts.onConflict}`;
}
