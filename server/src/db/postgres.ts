import pg from 'pg';
import { postgresDialect } from './dialect-postgres.js';
import { buildMultiRowInsert } from './insert-rows.js';
import { applyMigrations } from './migrate.js';
import type { Db, Queryable, SqlValue } from './types.js';

// BIGINT (epoch ms, counts) and NUMERIC (sums) come back as numbers, as they do from SQLite.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

const CONNECT_TIMEOUT_MS = 5000;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 500;

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

/** Statements get a name the first MAX_PREPARED times they are seen: each connection parses and plans them once. */
const MAX_PREPARED = 1000;
const preparedNames = new Map<string, string>();

/** The query, named (prepared once per connection) when its text is one of the app's fixed ones. */
function prepared(sql: string, values: SqlValue[], prepare: boolean): pg.QueryConfig {
  const text = convert(sql);
  if (!prepare) return { text, values };
  let name = preparedNames.get(text);
  if (
    name === undefined &&
    preparedNames.size < MAX_PREPARED &&
    /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text)
  ) {
    name = `m${preparedNames.size + 1}`;
    preparedNames.set(text, name);
  }
  return { name, text, values };
}

function queryableOf(client: pg.Pool | pg.PoolClient, prepare: boolean): Queryable {
  return {
    all: async <T>(sql: string, params: SqlValue[] = []) =>
      (await client.query(prepared(sql, params, prepare))).rows as T[],
    get: async <T>(sql: string, params: SqlValue[] = []) =>
      (await client.query(prepared(sql, params, prepare))).rows[0] as T | undefined,
    run: async (sql: string, params: SqlValue[] = []) => ({
      changes: (await client.query(prepared(sql, params, prepare))).rowCount ?? 0,
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

/**
 * Connects a pool to DATABASE_URL; `schema` (tests) confines every table to one schema. `prepare`
 * (default on) names the app's statements so each connection parses them once; a pooler that
 * cannot keep them (PgBouncer in transaction mode before 1.21) needs it off.
 */
export async function createPostgresDb(
  url: string,
  opts: { schema?: string; max?: number; prepare?: boolean } = {},
): Promise<Db> {
  const prepare = opts.prepare ?? true;
  const settings = [
    ...(prepare ? ['-c plan_cache_mode=force_custom_plan'] : []),
    ...(opts.schema ? [`-c search_path="${opts.schema}"`] : []),
  ];
  if (opts.schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${opts.schema}"`);
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    // Without it, a request waits forever for a connection while the database is away.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A prepared statement is planned for its values each time: a plan made without them
    // (PostgreSQL's generic plan) could walk a site's rows for a batch's ids.
    ...(settings.length ? { options: settings.join(' ') } : {}),
  });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => undefined);
  const listeners = new Map<string, Set<() => void>>();
  const listenSql = (channel: string) => `LISTEN "${channel.replace(/"/g, '')}"`;
  // Named so an operator (or a test) can find this instance's LISTEN connection in pg_stat_activity.
  const listenerName = `moments-listen${opts.schema ? `-${opts.schema}` : ''}`.slice(0, 63);
  let listener: Promise<pg.Client> | undefined;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let reconnectDelay = RECONNECT_MIN_MS;
  let closing = false;

  const wakeAll = () => {
    for (const set of listeners.values()) for (const fn of set) fn();
  };
  // The LISTEN connection is gone (server restart, pg_terminate_backend, network): open a new one
  // with growing pauses, and once it listens again, wake every subscriber to read what it missed.
  const dropListener = (which: Promise<pg.Client>) => {
    if (listener !== which) return;
    listener = undefined;
    which.then(
      (c) => c.end().catch(() => undefined),
      () => undefined,
    );
    if (!closing && listeners.size) scheduleReconnect();
  };
  const scheduleReconnect = () => {
    if (reconnectTimer || closing) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      getListener().then(
        () => {
          reconnectDelay = RECONNECT_MIN_MS;
          wakeAll();
        },
        () => {
          reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
          scheduleReconnect();
        },
      );
    }, reconnectDelay);
  };
  // One connection per instance LISTENs for every channel this instance subscribes to.
  const getListener = (): Promise<pg.Client> => {
    if (listener) return listener;
    const attempt: Promise<pg.Client> = (async () => {
      const c = new pg.Client({ connectionString: url, application_name: listenerName });
      c.on('error', () => dropListener(attempt));
      c.on('end', () => dropListener(attempt));
      c.on('notification', (msg) => {
        for (const fn of listeners.get(msg.channel) ?? []) fn();
      });
      await c.connect();
      for (const channel of listeners.keys()) await c.query(listenSql(channel));
      return c;
    })();
    listener = attempt;
    attempt.catch(() => dropListener(attempt));
    return attempt;
  };
  const db: Db = {
    dialect: postgresDialect,
    ...queryableOf(pool, prepare),
    tx: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(queryableOf(client, prepare));
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
          queryableOf(client, prepare),
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
        await (await getListener()).query(listenSql(channel));
      }
      set.add(fn);
      return () => set.delete(fn);
    },
    close: async () => {
      closing = true;
      clearTimeout(reconnectTimer);
      if (listener)
        await listener
          .then(
            (c) => c.end(),
            () => undefined,
          )
          .catch(() => undefined);
      await pool.end();
    },
  };
  return db;
}
