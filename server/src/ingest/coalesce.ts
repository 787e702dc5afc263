import type { IngestResult } from '@moments/shared';
import { nextTurn } from '../domain/next-turn.js';
import { splitBatchDuplicates, toIngestResult } from './write-batch.js';

/** Most items one merged write holds. */
const MAX_MERGED_ITEMS = 1000;

type Pending<T> = {
  items: T[];
  resolve: (r: IngestResult) => void;
  reject: (e: unknown) => void;
};

/**
 * Merges the ingest requests of one site that wait at the same time into one write: one read of
 * what they need, one statement list, one commit, however many requests. Each request is checked
 * on its own first (a bad one is refused alone) and answered for its own items, as if it had been
 * written alone: an id it shares with a request merged before it is a duplicate, as it would be a
 * moment later. A request naming an id already in the group waits for the next write instead, so
 * two sends that each add answers to one response both add them. At most one write per site is
 * in flight; requests arriving meanwhile form the next one.
 */
export function createCoalescer<S extends { id: string }, T extends { id: string }, C>(opts: {
  /** Reads what checking and writing need, once for the group (e.g. the surveys named). */
  prepare: (site: S, batches: T[][]) => Promise<C>;
  /** Throws (a ValidationError) when one request's batch cannot be stored. */
  check?: (site: S, items: T[], context: C) => void;
  write: (site: S, items: T[], context: C) => Promise<IngestResult>;
}) {
  const queues = new Map<string, { site: S; pending: Pending<T>[]; busy: boolean }>();

  async function flush(key: string) {
    const queue = queues.get(key)!;
    queue.busy = true;
    const group: Pending<T>[] = [];
    const ids = new Set<string>();
    let size = 0;
    const later: Pending<T>[] = [];
    for (const p of queue.pending) {
      const overlaps = p.items.some((i) => ids.has(i.id));
      if (overlaps || (group.length && size + p.items.length > MAX_MERGED_ITEMS)) later.push(p);
      else {
        group.push(p);
        size += p.items.length;
        for (const i of p.items) ids.add(i.id);
      }
    }
    queue.pending = later;
    try {
      const context = await opts.prepare(
        queue.site,
        group.map((p) => p.items),
      );
      const valid = group.filter((p) => {
        try {
          opts.check?.(queue.site, p.items, context);
          return true;
        } catch (err) {
          p.reject(err);
          return false;
        }
      });
      const result = valid.length
        ? await opts.write(
            queue.site,
            valid.flatMap((p) => p.items),
            context,
          )
        : { accepted: [], duplicates: [] };
      const accepted = new Set(result.accepted);
      for (const p of valid) {
        const { unique, repeated } = splitBatchDuplicates(p.items);
        p.resolve(toIngestResult(unique, repeated, accepted));
      }
    } catch (err) {
      for (const p of group) p.reject(err);
    } finally {
      queue.busy = false;
      if (queue.pending.length) nextTurn(() => flush(key));
      else queues.delete(key);
    }
  }

  return (site: S, items: T[]): Promise<IngestResult> =>
    new Promise((resolve, reject) => {
      let queue = queues.get(site.id);
      if (!queue) {
        queue = { site, pending: [], busy: false };
        queues.set(site.id, queue);
      }
      // The latest copy of the site's settings writes the group.
      queue.site = site;
      queue.pending.push({ items, resolve, reject });
      if (queue.pending.length === 1 && !queue.busy) nextTurn(() => flush(site.id));
    });
}
