import type { Dialect } from './types.js';

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  monthStartMs: (c) => `(CAST(strftime('%s', ${c} / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000)`,
  serialPrimaryKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  lockRows: '',
  jsonValues: 'SELECT value FROM json_each(?)',
  jsonRows: (columns) =>
    `SELECT ${columns.map(([name], i) => `value ->> ${i} AS ${name}`).join(', ')} FROM json_each(?)`,
  randomId: (prefix) => `'${prefix}' || lower(hex(randomblob(12)))`,
  jsonObject: (pairs) => `json_object(${pairs.map(([k, e]) => `'${k}', ${e}`).join(', ')})`,
  joinText: (expr, orderBy) => `group_concat(${expr}, ', ' ORDER BY ${orderBy})`,
};
