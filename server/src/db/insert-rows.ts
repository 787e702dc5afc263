import type { Queryable, SqlValue } from './types.js';

/**
 * One multi-row INSERT … ON CONFLICT (the same statement on both dialects). With `returning`,
 * answers the named column of the rows actually inserted.
 */
export async function insertRows(
  q: Queryable,
  table: string,
  columns: string[],
  rows: SqlValue[][],
  opts: { onConflict: string; returning?: string },
): Promise<string[]> {
  if (rows.length === 0) return [];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} ${opts.onConflict}${
    opts.returning ? ` RETURNING ${opts.returning}` : ''
  }`;
  const params = rows.flat();
  if (!opts.returning) {
    await q.run(sql, params);
    return [];
  }
  const out = await q.all<Record<string, string>>(sql, params);
  return out.map((r) => r[opts.returning!]!);
}
