import type { Dialect, Queryable } from '../db/index.js';

/*
 * An erasure and the writes that add rows of the same customer take turns (PostgreSQL).
 *
 * The erasure counts the customer's answers out of the rollups, then deletes every row of theirs,
 * statement after statement. Under READ COMMITTED each statement sees what had committed when it
 * began, so an ingest of that customer running at the same time could commit between the
 * erasure's counts and its deletes (its rows deleted, their counts left in the rollups) or after
 * its deletes (an erased customer's answers and counts left).
 *
 * So each ingest transaction first takes a shared advisory lock on every customer it may add rows
 * of, and the erasure takes the exclusive lock on its customer. Shared locks do not conflict:
 * ingests of different customers, or of one customer, never wait on each other here, and a lock is
 * an entry of the lock table, not a row two writers update (no hot row). The erasure waits for the
 * ingests of its customer in flight, then reads everything they stored; ingests that begin later
 * wait for it to commit, then find nothing of the customer and store their send as a new record
 * (the customer known again from it, as on a first visit).
 *
 * Not the customers row: it need not exist (a customer named for the first time as they are
 * erased), and ingest touches it only after locking the stored responses a send adds to (reads
 * come first, to stay batch-shaped for D1); an erasure holding that row while it deletes those
 * responses would deadlock with such an ingest. The advisory lock comes first in both.
 *
 * No statement on SQLite, which runs one writer at a time, nor on D1, which has no locks and needs
 * none here: an erasure's counts and deletes are one batch (rollups/daily.ts). Keys are hashed to
 * 32 bits: two customers may share a lock, which only makes an ingest wait for an unrelated erasure.
 */

/** A write found a stored row of a customer it holds no lock on: it starts again, locking them first. */
export class StoredCustomerUnlocked extends Error {}

const keyPrefix = (siteId: string) => `customer\n${siteId}\n`;

/** Holds the customer until commit against every write of their rows (and a second erasure). */
export async function lockCustomerToErase(q: Queryable, d: Dialect, siteId: string, customerId: string) {
  if (d.keyLock) await q.get(`SELECT ${d.keyLock} AS locked`, [keyPrefix(siteId) + customerId]);
}

/**
 * Holds, until commit and shared with other writes, the customers a write names and, with
 * `storedIn`, those named by the rows already stored under its ids (a resend adds answers to the
 * stored response, under the customer that response names, whoever the resend names). First in
 * the transaction: before it reads or locks any row an erasure would delete.
 */
export async function lockCustomersToWrite(
  q: Queryable,
  d: Dialect,
  siteId: string,
  customerIds: string[],
  storedIn?: { table: string; ids: string },
) {
  if (!d.sharedKeyLocks || (!customerIds.length && !storedIn)) return;
  const named = `SELECT CAST(? AS TEXT) || value AS key FROM (${d.jsonValues}) n`;
  const stored = `SELECT CAST(? AS TEXT) || s.customer_id FROM ${storedIn?.table} s
    WHERE s.site_id = ? AND ${d.inJsonArray('s.id')} AND s.customer_id IS NOT NULL`;
  const prefix = keyPrefix(siteId);
  await q.get(d.sharedKeyLocks(storedIn ? `${named} UNION ALL ${stored}` : named), [
    prefix,
    JSON.stringify(customerIds),
    ...(storedIn ? [prefix, siteId, storedIn.ids] : []),
  ]);
}
