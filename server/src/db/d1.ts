import { sqliteDialect } from './dialect-sqlite.js';
import { buildMultiRowInsert } from './insert-rows.js';
import { applyMigrations } from './migrate.js';
import type { Db, Dialect, InsertOptions, Queryable, RunResult, SqlValue } from './types.js';

/**
 * The part of Cloudflare's D1 binding used here (the Worker's `env.DB`, or the proxy miniflare
 * hands Node through `getD1Database`): typed here so nothing else of the Workers types is needed.
 */
export interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  all<T = Record<string, unknown>>(): Promise<{ results: T[]; meta: { changes?: number } }>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  run(): Promise<{ meta: { changes?: number } }>;
}
export interface D1Binding {
  prepare(sql: string): D1Statement;
  batch<T = Record<string, unknown>>(
    statements: D1Statement[],
  ): Promise<{ results: T[]; meta: { changes?: number } }[]>;
}

/** D1 binds at most 100 parameters a statement. */
export const D1_MAX_PARAMS = 100;

/** SQLite's SQL, with D1's bound-parameter ceiling. */
export const d1Dialect: Dialect = { ...sqliteDialect, maxParams: D1_MAX_PARAMS };

/** Thrown by code inside `tx` that is not batch-shaped (see createD1Db). */
export class NotBatchShapedError extends Error {}

const WRITE = /^\s*(?:WITH\b[\s\S]*?\b)?(?:INSERT|UPDATE|DELETE|REPLACE)\b/i;

/**
 * A migration script as separate statements, split at each `;` outside quotes and comments (the
 * scripts here hold no triggers). BEGIN and COMMIT are left out: D1 refuses them, and the batch
 * the statements run in is the transaction.
 */
export function splitScript(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i];
    if (ch === "'" || ch === '"') {
      const end = script.indexOf(ch, i + 1);
      i = end < 0 ? script.length : end;
    } else if (ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end < 0 ? script.length : end;
    } else if (ch === ';') {
      out.push(script.slice(start, i));
      start = i + 1;
    }
  }
  out.push(script.slice(start));
  return out.map((s) => s.trim()).filter((s) => s && !/^(BEGIN|COMMIT)(\s+TRANSACTION)?$/i.test(s));
}

/**
 * The Db interface over Cloudflare D1. D1 has no interactive transactions (it refuses BEGIN): only
 * `batch()` commits several statements atomically. So `tx(fn)` runs reads at once and buffers the
 * writes, then commits them in ONE batch when fn returns: all or nothing. Code inside a transaction
 * must therefore be batch-shaped: every read before the first write. A read after a buffered
 * write, a write's `changes` or an insert's `returning` inside a transaction throw
 * NotBatchShapedError, so a test on D1 catches what is not. Statements outside a transaction run
 * at once. Notifications reach this isolate's subscribers only (D1 has no LISTEN/NOTIFY).
 */
export function createD1Db(d1: D1Binding): Db {
  const listeners = new Map<string, Set<() => void>>();
  const emit = (channel: string) => {
    for (const fn of listeners.get(channel) ?? []) fn();
  };
  // No lock around a transaction's reads and batch, not even within one isolate: on Workers many
  // isolates write at once, so code must be right without one (and the tests run it so).
  const prepare = (sql: string, params: SqlValue[] = []) =>
    params.length ? d1.prepare(sql).bind(...params) : d1.prepare(sql);

  /** The statements of one insertRows, each binding at most D1_MAX_PARAMS. */
  const insertStatements = (table: string, columns: string[], rows: SqlValue[][], opts: InsertOptions) => {
    const perStatement = Math.max(1, Math.floor(D1_MAX_PARAMS / columns.length));
    const out: D1Statement[] = [];
    for (let i = 0; i < rows.length; i += perStatement) {
      const { sql, params } = buildMultiRowInsert(table, columns, rows.slice(i, i + perStatement), opts);
      out.push(prepare(sql, params));
    }
    return out;
  };

  const direct: Queryable = {
    all: async <T>(sql: string, params?: SqlValue[]) => (await prepare(sql, params).all<T>()).results,
    get: async <T>(sql: string, params?: SqlValue[]) => (await prepare(sql, params).first<T>()) ?? undefined,
    run: async (sql: string, params?: SqlValue[]) => ({
      changes: (await prepare(sql, params).run()).meta.changes ?? 0,
    }),
    insertRows: async (table, columns, rows, opts) => {
      if (!rows.length) return [];
      // One batch: the chunks of one call commit together.
      const results = await d1.batch<Record<string, unknown>>(insertStatements(table, columns, rows, opts));
      return opts.returning
        ? results.flatMap((r) => r.results.map((row) => String(row[opts.returning!])))
        : [];
    },
    notify: async (channel) => emit(channel),
  };

  async function runTx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    const writes: D1Statement[] = [];
    const notes = new Set<string>();
    let open = true;
    const check = (what: string, sql: string) => {
      if (!open) throw new NotBatchShapedError(`${what} after its D1 transaction ended: ${sql}`);
    };
    const read =
      <R>(f: (sql: string, params?: SqlValue[]) => Promise<R>) =>
      (sql: string, params?: SqlValue[]) => {
        check('read', sql);
        if (WRITE.test(sql))
          throw new NotBatchShapedError(
            `a write read back inside a D1 transaction (its rows are unknown until the batch commits): ${sql}`,
          );
        if (writes.length)
          throw new NotBatchShapedError(
            `read after write inside a D1 transaction (only batch() is atomic there; read first): ${sql}`,
          );
        return f(sql, params);
      };
    const pendingResult = (sql: string): RunResult => ({
      get changes(): number {
        throw new NotBatchShapedError(
          `changes of a write inside a D1 transaction are unknown until the batch commits: ${sql}`,
        );
      },
    });
    const q: Queryable = {
      all: read(direct.all) as Queryable['all'],
      get: read(direct.get) as Queryable['get'],
      run: async (sql, params) => {
        check('write', sql);
        writes.push(prepare(sql, params));
        return pendingResult(sql);
      },
      insertRows: async (table, columns, rows, opts) => {
        check('write', `INSERT INTO ${table}`);
        if (opts.returning)
          throw new NotBatchShapedError(
            `insertRows into ${table} with returning inside a D1 transaction: the inserted rows are unknown until the batch commits`,
          );
        writes.push(...insertStatements(table, columns, rows, opts));
        return [];
      },
      notify: async (channel) => {
        notes.add(channel);
      },
    };
    try {
      const value = await fn(q);
      if (writes.length) await d1.batch(writes);
      for (const n of notes) emit(n);
      return value;
    } finally {
      open = false;
    }
  }

  const db: Db = {
    dialect: d1Dialect,
    writesAtCommit: true,
    ...direct,
    subscribe: async (channel, fn) => {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(fn);
      return () => set.delete(fn);
    },
    tx: runTx,
    migrate: () =>
      applyMigrations(
        db,
        async (script) => {
          const statements = splitScript(script).map((s) => d1.prepare(s));
          if (statements.length) await d1.batch(statements);
        },
        d1Dialect,
      ),
    close: async () => undefined,
  };
  return db;
}
