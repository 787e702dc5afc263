/** A value bound to a `?` placeholder. */
export type SqlValue = string | number | null;

/** What a write statement reports. */
export interface RunResult {
  changes: number;
}

/** Queries written once, with `?` placeholders, run on either dialect. */
export interface Queryable {
  all<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T[]>;
  get<T = Record<string, unknown>>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  run(sql: string, params?: SqlValue[]): Promise<RunResult>;
  /**
   * INSERT of many rows with an ON CONFLICT clause; with `returning` (one of the columns), answers
   * that column's values for the rows actually inserted. Each driver does it its fastest way.
   */
  insertRows(table: string, columns: string[], rows: SqlValue[][], opts: InsertOptions): Promise<string[]>;
  /** Wakes the subscribers of a channel, on every instance; inside a transaction, once it commits. */
  notify(channel: string): Promise<void>;
}

export interface InsertOptions {
  /** e.g. `ON CONFLICT (site_id, id) DO NOTHING`; the same text on both dialects. */
  onConflict: string;
  returning?: string;
}

/** The SQL that differs between SQLite and PostgreSQL, behind the same names in both dialects. */
export interface Dialect {
  name: 'sqlite' | 'postgres';
  /** Start of the UTC month of an epoch-milliseconds column, as epoch milliseconds. */
  monthStartMs(column: string): string;
  /**
   * An expression that, evaluated inside a transaction, makes transactions that append to an
   * ordered log commit in the order of their sequence numbers (a transaction-scoped advisory lock
   * on PostgreSQL); none on SQLite, where writers already run one at a time.
   */
  orderedAppendLock?: string;
  /**
   * An expression of one text parameter that, evaluated inside a transaction, holds a lock on that
   * key until commit, so transactions on the same key run one after the other (a transaction-scoped
   * advisory lock on PostgreSQL); none on SQLite, where writers already run one at a time.
   */
  keyLock?: string;
  /**
   * keyLock's shared form, over a subquery of keys (column `key`): a statement that holds each key
   * until commit, alongside other holders of the shared form but not alongside keyLock's holder.
   * Taken in one order (of what is locked), so two such statements never wait on each other in a
   * cycle. None where keyLock is none.
   */
  sharedKeyLocks?(keys: string): string;
  /** An auto-incrementing BIGINT primary key column definition. */
  serialPrimaryKey: string;
  /**
   * Appended to a SELECT inside a transaction to hold its rows until commit (`FOR UPDATE` on
   * PostgreSQL; nothing on SQLite, whose writers already run one at a time).
   */
  lockRows: string;
  /**
   * Slots each daily rollup key is spread over: a write bumps one (its token picks it), readers
   * sum them. Many on PostgreSQL, where concurrent writers would queue on one row; one on SQLite,
   * whose writers take turns anyway.
   */
  rollupSlots: number;
  /** A subquery of the texts in a JSON array bound to one `?`, as column `value`. */
  jsonValues: string;
  /** `column` is one of the texts of a JSON array bound to one `?` (an index on it is used). */
  inJsonArray(column: string): string;
  /**
   * `FROM … WHERE`: the rows of `table` (as `alias`) whose `idColumn` is one of a JSON array bound
   * to one `?` (the first parameter), walked from the ids through the index that leads with
   * `site_id, idColumn`: callers add `AND alias.site_id = ?` and their filters. (Either planner,
   * left to itself, may walk an index of all the site's rows instead: SQLite to match a GROUP BY,
   * PostgreSQL on a table it has no statistics for yet.)
   */
  rowsWithIds(table: string, alias: string, idColumn: string): string;
  /**
   * A subquery of rows from a JSON array of arrays bound to one `?`: element i of each inner array
   * becomes column `names[i]`, typed as given. One parameter carries a whole batch, so a statement
   * stays under any limit of bound parameters (D1 allows 100).
   */
  jsonRows(columns: [name: string, type: 'text' | 'real' | 'int'][]): string;
  /** A new random id with a prefix, made in SQL (a row written by INSERT … SELECT). */
  randomId(prefix: string): string;
  /** A JSON object, as text, from key and SQL-expression pairs. */
  jsonObject(pairs: [key: string, expr: string][]): string;
  /** Aggregate joining text with `, ` in the given order. */
  joinText(expr: string, orderBy: string): string;
  /**
   * Ends an `EXISTS (SELECT …)` that must be checked row by row, as a seek for each row of the
   * outer query walked in its index order, not turned into a join over every matching row first:
   * PostgreSQL does the latter for a filtered page of a long list (a hash join over a year of
   * answers, then a sort, to keep 50); `OFFSET 0` keeps it a subplan. SQLite already walks.
   */
  rowByRow: string;
  /** The most parameters one statement may bind (100 on Cloudflare D1); no lower bound than the driver's when absent. */
  maxParams?: number;
}

export interface Db extends Queryable {
  dialect: Dialect;
  /**
   * No other process writes this database (SQLite: one server a file), so what it read may be
   * kept in memory and dropped by its own writes (the sites a public key names).
   */
  soleWriter?: boolean;
  /**
   * A transaction's writes run only when it commits (D1's batch()): inside it, an insert cannot
   * tell which rows it added (`returning`), nor a write its `changes`.
   */
  writesAtCommit?: boolean;
  /** Runs fn in one transaction: all its writes commit together or none do. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /** Calls fn whenever the channel is notified (by this or another instance); returns an unsubscribe. */
  subscribe(channel: string, fn: () => void): Promise<() => void>;
  /** Applies pending migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}
