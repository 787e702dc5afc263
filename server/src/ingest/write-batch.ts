import type { CustomerRef, IngestResult } from '@moments/shared';
import type { Db, Queryable, SqlValue } from '../db/index.js';
import { touchCustomers } from './save-customers.js';

type Item = { id: string; customer?: CustomerRef };

/** How one kind of ingested item (response, display, event) is stored. */
export type BatchSpec<T extends Item> = {
  siteId: string;
  table: string;
  columns: string[];
  toRow: (item: T) => SqlValue[];
  /**
   * The writes that follow in the same transaction: `created` are the items stored now, `existing`
   * those whose id was already there. Answers the ids that changed something (default: created).
   */
  afterWrite?: (q: Queryable, created: T[], existing: T[]) => Promise<Set<string> | undefined>;
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

/**
 * The one idempotent writer of every ingest kind: a checked batch in one transaction, keyed by the
 * client id. An id already stored is never an error and never a second count: the primary key
 * `(site_id, id)` decides, so concurrent retries are safe on both databases. Rows are written in
 * id order so concurrent batches lock in the same order; the customers new items name are made
 * known in the same transaction.
 */
export async function writeBatch<T extends Item>(
  db: Db,
  spec: BatchSpec<T>,
  items: T[],
): Promise<IngestResult> {
  const { unique, repeated } = splitBatchDuplicates(items);
  const sorted = [...unique].sort((a, b) => (a.id < b.id ? -1 : 1));
  const changed = await db.tx(async (q) => {
    const ids = new Set(
      await q.insertRows(spec.table, spec.columns, sorted.map(spec.toRow), {
        onConflict: 'ON CONFLICT (site_id, id) DO NOTHING',
        returning: 'id',
      }),
    );
    const created = sorted.filter((i) => ids.has(i.id));
    const existing = sorted.filter((i) => !ids.has(i.id));
    // Whoever a new item names becomes known (their email only as the identity rules allow).
    await touchCustomers(
      q,
      spec.siteId,
      created.map((i) => i.customer),
      Date.now(),
    );
    return (await spec.afterWrite?.(q, created, existing)) ?? new Set(created.map((i) => i.id));
  });
  return toIngestResult(unique, repeated, changed);
}
