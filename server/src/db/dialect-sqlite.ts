import type { Dialect } from './types.js';

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  monthStartMs: (c) => `(CAST(strftime('%s', ${c} / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000)`,
  serialPrimaryKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  lockRows: '',
  rollupSlots: 1,
  jsonValues: 'SELECT value FROM json_each(?)',
  inJsonArray: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  // CROSS JOIN fixes the loop order in SQLite: over the ids, seeking each in the table.
  rowsWithIds: (table, alias, idColumn) =>
    `(SELECT value FROM json_each(?)) ids CROSS JOIN ${table} ${alias} WHERE ${alias}.${idColumn} = ids.value`,
  jsonRows: (columns) =>
    `SELECT ${columns.map(([name], i) => `value ->> ${i} AS ${name}`).join(', ')} FROM json_each(?)`,
  randomId: (prefix) => `'${prefix}' || lower(hex(randomblob(12)))`,
  jsonObject: (pairs) => `json_object(${pairs.map(([k, e]) => `'${k}', ${e}`).join(', ')})`,
  joinText: (expr, orderBy) => `group_concat(${expr}, ', ' ORDER BY ${orderBy})`,
  rowByRow: '',
};
