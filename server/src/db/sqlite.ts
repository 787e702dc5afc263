import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteDialect } from './dialect-sqlite.js';
import { applyMigrations } from './migrate.js';
import { Mutex } from './mutex.js';
import type { Db, Queryable, SqlValue } from './types.js';

const MAX_CACHED_STATEMENTS = 500;

/** Opens (and creates) the SQLite file in WAL mode. */
export function createSqliteDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL in WAL mode: a commit survives a process crash (kill -9); only an OS crash may lose the last ones.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const cache = new Map<string, Database.Statement>();
  const mutex = new Mutex();

  function prepare(sql: string) {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = sqlite.prepare(sql);
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      cache.set(sql, stmt);
    }
    return stmt;
  }

  const direct: Queryable = {
    all: async <T>(sql: string, params: SqlValue[] = []) => prepare(sql).all(...params) as T[],
    get: async <T>(sql: string, params: SqlValue[] = []) => {
      const stmt = prepare(sql);
      if (stmt.reader) return stmt.get(...params) as T | undefined;
      stmt.run(...params);
      return undefined;
    },
    run: async (sql: string, params: SqlValue[] = []) => {
      const stmt = prepare(sql);
      if (stmt.reader) return { changes: stmt.all(...params).length };
      return { changes: stmt.run(...params).changes };
    },
  };

  // Outside a transaction a statement runs at once; while one is open it waits its turn, so it
  // never lands inside another request's transaction.
  const guarded =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      mutex.locked ? mutex.run(() => fn(...a)) : fn(...a);

  const db: Db = {
    dialect: sqliteDialect,
    all: guarded(direct.all) as Db['all'],
    get: guarded(direct.get) as Db['get'],
    run: guarded(direct.run),
    tx: (fn) =>
      mutex.run(async () => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(direct);
          sqlite.exec('COMMIT');
          return result;
        } catch (err) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw err;
        }
      }),
    migrate: () => applyMigrations(db, (sql) => sqlite.exec(sql)),
    close: async () => {
      await mutex.run(() => undefined);
      sqlite.close();
    },
  };
  return db;
}
