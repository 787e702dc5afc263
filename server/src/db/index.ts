import { join } from 'node:path';
import { createPostgresDb } from './postgres.js';
import { createSqliteDb } from './sqlite.js';
import type { Db } from './types.js';

export type { Db, Dialect, Queryable, SqlValue } from './types.js';

/** PostgreSQL when DATABASE_URL is set, else the SQLite file under the data folder. */
export async function openDb(opts: {
  databaseUrl?: string;
  dataDir: string;
  pgPrepared?: boolean;
}): Promise<Db> {
  const db = opts.databaseUrl
    ? await createPostgresDb(opts.databaseUrl, { prepare: opts.pgPrepared })
    : createSqliteDb(join(opts.dataDir, 'moments.sqlite'), { checkpointInBackground: true });
  await db.migrate();
  return db;
}

/** On PostgreSQL, a small pool of its own for the live streams' reads; SQLite has one connection. */
export async function openStreamDb(opts: {
  databaseUrl?: string;
  pgPrepared?: boolean;
}): Promise<Db | undefined> {
  return opts.databaseUrl
    ? createPostgresDb(opts.databaseUrl, { max: 4, prepare: opts.pgPrepared })
    : undefined;
}
