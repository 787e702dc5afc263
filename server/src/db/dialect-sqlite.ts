import type { Dialect } from './types.js';

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  monthStartMs: (c) => `(CAST(strftime('%s', ${c} / 1000, 'unixepoch', 'start of month') AS INTEGER) * 1000)`,
  serialPrimaryKey: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  lockRows: '',
};
