import type { Queryable } from './types.js';

/**
 * Runs `fn` with its reads at once and its writes held back, then replays the writes on `q` in
 * order: for code whose reads never depend on its own writes, the same outcome, but batch-shaped
 * (every read before the first write), as a D1 transaction needs. A held write's `changes` and
 * `returning` are unknown, so `fn` must not use them.
 */
export async function deferWrites<T>(q: Queryable, fn: (q: Queryable) => Promise<T>): Promise<T> {
  const writes: (() => Promise<unknown>)[] = [];
  const unknownChanges = {
    get changes(): number {
      throw new Error('deferWrites: the changes of a held write are unknown');
    },
  };
  const value = await fn({
    all: q.all.bind(q),
    get: q.get.bind(q),
    run: async (sql, params) => {
      writes.push(() => q.run(sql, params));
      return unknownChanges;
    },
    insertRows: async (table, columns, rows, opts) => {
      if (opts.returning) throw new Error('deferWrites: insertRows with returning');
      writes.push(() => q.insertRows(table, columns, rows, opts));
      return [];
    },
    notify: async (channel) => {
      writes.push(() => q.notify(channel));
    },
  });
  for (const write of writes) await write();
  return value;
}
