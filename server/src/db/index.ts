import { join } from 'node:path';
import { createPostgresDb } from './postgres.js';
import { createSqliteDb } from './sqlite.js';
import type { Db } from './types.js';

export type { Db, Dialect, Queryable, SqlValue } from './types.js';

/** PostgreSQL when DATABASE_URL is set, else the SQLite file under the data folder. */
export async function openDb(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  const db = opts.databaseUrl
    ? await createPostgresDb(opts.databaseUrl)
    : createSqliteDb(join(opts.dataDir, 'moments.sqlite'));
  await db.migrate();
  return db;
}
