import pg from 'pg';
import { postgresDialect } from './dialect-postgres.js';
import { buildMultiRowInsert } from './insert-rows.js';
import { applyMigrations } from './migrate.js';
import type { Db, Queryable, SqlValue } from './types.js';

// BIGINT (epoch ms, counts) and NUMERIC (sums) come back as numbers, as they do from SQLite.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

/** Rewrites `?` placeholders to PostgreSQL's `$1, $2, …` (queries here never hold a literal `?`). */
function toPositional(sql: string): string {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
}

const converted = new Map<string, string>();
function convert(sql: string) {
  let out = converted.get(sql);
  if (out === undefined) {
    out = toPositional(sql);
    if (converted.size > 2000) converted.clear();
    converted.set(sql, out);
  }
  return out;
}

/** PostgreSQL's limit of bound parameters in one statement. */
const MAX_PARAMETERS = 65_535;

function queryableOf(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    all: async <T>(sql: string, params: SqlValue[] = []) =>
      (await client.query(convert(sql), params)).rows as T[],
    get: async <T>(sql: string, params: SqlValue[] = []) =>
      (await client.query(convert(sql), params)).rows[0] as T | undefined,
    run: async (sql: string, params: SqlValue[] = []) => ({
      changes: (await client.query(convert(sql), params)).rowCount ?? 0,
    }),
    notify: async (channel) => {
      await client.query('SELECT pg_notify($1, $2)', [channel, '']);
    },
    insertRows: async (table, columns, rows, opts) => {
      // A statement binds at most 65,535 parameters: a long batch goes as several statements.
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
      const inserted: string[] = [];
      for (let i = 0; i < rows.length; i += perStatement) {
        const { sql, params } = buildMultiRowInsert(table, columns, rows.slice(i, i + perStatement), opts);
        const result = await client.query(convert(sql), params);
        if (opts.returning) inserted.push(...result.rows.map((r) => String(r[opts.returning!])));
      }
      return inserted;
    },
  };
}

/** Connects a pool to DATABASE_URL; `schema` (tests) confines every table to one schema. */
export async function createPostgresDb(
  url: string,
  opts: { schema?: string; max?: number } = {},
): Promise<Db> {
  if (opts.schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema}"`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    ...(opts.schema ? { options: `-c search_path="${opts.schema}"` } : {}),
  });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => undefined);
  const listeners = new Map<string, Set<() => void>>();
  let listener: Promise<pg.Client> | undefined;
  // One connection per instance LISTENs for every channel this instance subscribes to.
  const getListener = () => {
    listener ??= (async () => {
      const c = new pg.Client({ connectionString: url });
      c.on('error', () => undefined);
      c.on('notification', (msg) => {
        for (const fn of listeners.get(msg.channel) ?? []) fn();
      });
      await c.connect();
      return c;
    })();
    return listener;
  };
  const db: Db = {
    dialect: postgresDialect,
    ...queryableOf(pool),
    tx: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(queryableOf(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    migrate: async () => {
      const client = await pool.connect();
      try {
        // Several instances may start together: one migrates, the others wait.
        await client.query('SELECT pg_advisory_lock(727001)');
        await applyMigrations(
          queryableOf(client),
          (sql) => client.query(sql).then(() => undefined),
          postgresDialect,
        );
      } finally {
        await client.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
        client.release();
      }
    },
    subscribe: async (channel, fn) => {
      let set = listeners.get(channel);
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
        await (await getListener()).query(`LISTEN "${channel.replace(/"/g, '')}"`);
      }
      set.add(fn);
      return () => set.delete(fn);
    },
    close: async () => {
      if (listener) await (await listener).end().catch(() => undefined);
      await pool.end();
    },
  };
  return db;
}
