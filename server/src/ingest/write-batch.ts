import type { CustomerRef, IngestResult } from '@moments/shared';
import { lockCustomersToWrite, StoredCustomerUnlocked } from '../customers/customer-locks.js';
import type { Db, Dialect, Queryable, SqlValue } from '../db/index.js';
import { touchCustomers } from './save-customers.js';

type Item = { id: string; customer?: CustomerRef };

/**
 * What one ingest write stored is the rows of its batch's ids that bear its token: every derived
 * count, follow-up, live event and webhook delivery is written in SQL from those rows, so what an
 * earlier write stored (a retry, a concurrent copy) is never counted again.
 */
export type WriteScope = {
  siteId: string;
  /** The batch's ids as a JSON array: one bound parameter, read with `dialect.inJsonArray`. */
  ids: string;
  token: number;
  now: number;
  /**
   * The ids whose row this write inserted, where the insert can tell inside the transaction (not
   * on D1); set before `afterWrite` runs.
   */
  inserted?: ReadonlySet<string>;
};

/** How one kind of ingested item (response, display, event) is stored. */
export type BatchSpec<T extends Item, P> = {
  siteId: string;
  table: string;
  columns: string[];
  toRow: (item: T, token: number) => SqlValue[];
  /**
   * Reads made before any write of the transaction. D1 commits a transaction's writes in one
   * batch() after its reads, so nothing here may read after it writes.
   */
  prepare?: (q: Queryable, items: T[], opts: { storedLocked: boolean }) => Promise<P>;
  /** The writes that follow the rows, in the same transaction: writes only. */
  afterWrite?: (q: Queryable, scope: WriteScope, items: T[], prepared: P) => Promise<void>;
  /** Writes of the caller's that must commit with the rows or not at all (the inbox's fold). */
  alsoWrite?: (q: Queryable) => Promise<void>;
  /** The ids this write changed, read once it committed (default: the rows bearing its token). */
  readChanged?: (db: Db, scope: WriteScope) => Promise<string[]>;
};

/** What ingest answers: ids that stored something, then ids already there or repeated in the batch. */
export function toIngestResult(
  unique: { id: string }[],
  repeated: string[],
  changed: Set<string>,
): IngestResult {
  return {
    accepted: unique.filter((i) => changed.has(i.id)).map((i) => i.id),
    duplicates: [...unique.filter((i) => !changed.has(i.id)).map((i) => i.id), ...repeated],
  };
}

/** Keeps the first of each id; later copies in the same batch are duplicates. */
export function splitBatchDuplicates<T extends { id: string }>(
  items: T[],
): { unique: T[]; repeated: string[] } {
  const seen = new Set<string>();
  const unique: T[] = [];
  const repeated: string[] = [];
  for (const item of items) {
    if (seen.has(item.id)) repeated.push(item.id);
    else {
      seen.add(item.id);
      unique.push(item);
    }
  }
  return { unique, repeated };
}

/** A random 53-bit integer naming one write (a JavaScript number, a BIGINT in the database). */
export function newWriteToken(): number {
  const [hi, lo] = crypto.getRandomValues(new Uint32Array(2)) as unknown as [number, number];
  return (hi & 0x1fffff) * 2 ** 32 + lo;
}

/**
 * `FROM … WHERE` the rows of `table` (as `alias`) one write stored: parameters ids, site id,
 * token. Walked from the batch's ids through the primary key (see `Dialect.rowsWithIds`); filters
 * on other indexed columns are best written as expressions (`qtype || ''`, `COALESCE(agent, '')`)
 * so SQLite's planner is not tempted by their indexes either.
 */
export const storedBy = (d: Dialect, table: string, alias: string, idColumn = 'id', token = 'write_token') =>
  `${d.rowsWithIds(table, alias, idColumn)} AND ${alias}.site_id = ? AND ${alias}.${token} = ?`;

/** The parameters of `storedBy`. */
export const storedByParams = (w: WriteScope) => [w.ids, w.siteId, w.token];

/** The ids among a write's that bear its token in `table` (read after it commits). */
const readRowsWithToken = (table: string) => async (db: Db, w: WriteScope) =>
  (
    await db.all<{ id: string }>(
      `SELECT id FROM ${table} WHERE site_id = ? AND ${db.dialect.inJsonArray('id')} AND write_token = ?`,
      [w.siteId, w.ids, w.token],
    )
  ).map((r) => r.id);

/**
 * The one idempotent writer of every ingest kind: a checked batch in one transaction, keyed by the
 * client id. An id already stored is never an error and never a second count: the primary key
 * `(site_id, id)` decides, and what is derived reads only the rows this write's token marks, so
 * concurrent retries are safe on every database. The transaction reads first and then only writes
 * (one D1 batch); which ids it changed is read after it commits.
 */
export async function writeBatch<T extends Item, P = undefined>(
  db: Db,
  spec: BatchSpec<T, P>,
  items: T[],
): Promise<IngestResult> {
  const { unique, repeated } = splitBatchDuplicates(items);
  // In id order, so concurrent batches lock rows in the same order (PostgreSQL).
  const sorted = [...unique].sort((a, b) => (a.id < b.id ? -1 : 1));
  const scope: WriteScope = {
    siteId: spec.siteId,
    ids: JSON.stringify(sorted.map((i) => i.id)),
    token: newWriteToken(),
    now: Date.now(),
  };
  // The ids whose row this write inserted, where the insert can tell (not on D1): only the others
  // (resends that may add answers) are read back once it commits.
  const returning = db.writesAtCommit ? undefined : 'id';
  const named = [...new Set(sorted.flatMap((i) => (i.customer ? [i.customer.id] : [])))];
  // The customers of stored rows are locked first only when a first try's `prepare` found a stored
  // row of a customer the items do not name (a resend adds to it, under that customer) and threw
  // StoredCustomerUnlocked: that lookup is a round trip every write would pay, and halved
  // PostgreSQL's single-response ingest.
  const write = (storedLocked: boolean) =>
    db.tx(async (q) => {
      await lockCustomersToWrite(
        q,
        db.dialect,
        spec.siteId,
        named,
        storedLocked ? { table: spec.table, ids: scope.ids } : undefined,
      );
      return writeRows(q, (await spec.prepare?.(q, sorted, { storedLocked })) as P);
    });
  const writeRows = async (q: Queryable, prepared: P) => {
    // Whoever the items name becomes known (their email only as the identity rules allow).
    await touchCustomers(
      q,
      spec.siteId,
      sorted.map((i) => i.customer),
      scope.now,
    );
    const ids = await q.insertRows(
      spec.table,
      [...spec.columns, 'write_token'],
      sorted.map((i) => [...spec.toRow(i, scope.token), scope.token]),
      { onConflict: 'ON CONFLICT (site_id, id) DO NOTHING', returning },
    );
    const inserted = returning ? new Set(ids) : undefined;
    await spec.afterWrite?.(q, { ...scope, inserted }, sorted, prepared);
    await spec.alsoWrite?.(q);
    return inserted;
  };
  const inserted = await write(false).catch((err) => {
    if (err instanceof StoredCustomerUnlocked) return write(true);
    throw err;
  });
  const rest = inserted ? sorted.filter((i) => !inserted.has(i.id)) : sorted;
  const readScope = { ...scope, ids: JSON.stringify(rest.map((i) => i.id)) };
  // An item that only inserts changed something only if it was inserted, which the insert told
  // where it can; elsewhere its row bearing this write's token says so.
  const readChanged = spec.readChanged ?? (inserted ? undefined : readRowsWithToken(spec.table));
  const changed = rest.length && readChanged ? await readChanged(db, readScope) : [];
  for (const id of inserted ?? []) changed.push(id);
  return toIngestResult(unique, repeated, new Set(changed));
}
