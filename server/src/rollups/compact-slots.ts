import type { Db, SqlValue } from '../db/index.js';
import { ROLLUP_TABLES } from '../db/schema.js';
import { toDay } from './daily.js';

/**
 * Folds the slots of past days' rollup keys back into slot 0 (PostgreSQL, where a busy day's key
 * is spread over slots so writers do not queue on one row): reports then read one row a key for
 * every day but today. Exact under concurrent writes: the slot rows are deleted and their counts
 * returned in one statement (a late bump waits for it, then starts a new slot row), and added to
 * slot 0 in the same transaction. Answers the number of slot rows folded.
 */
export async function compactRollupSlots(db: Db, now = Date.now()): Promise<number> {
  if (db.dialect.rollupSlots <= 1) return 0;
  let folded = 0;
  for (const [table, columns] of ROLLUP_TABLES) {
    const key = columns.map(([c]) => c).filter((c) => c !== 'n');
    folded += await db.tx(async (q) => {
      const rows = await q.all<Record<string, SqlValue>>(
        `DELETE FROM ${table} WHERE day < ? AND slot > 0 RETURNING ${key.join(', ')}, n`,
        [toDay(now)],
      );
      const sums = new Map<string, SqlValue[]>();
      for (const r of rows) {
        const values = key.map((k) => r[k]!);
        const id = JSON.stringify(values);
        const sum = sums.get(id);
        if (sum) sum[key.length] = Number(sum[key.length]) + Number(r.n);
        else sums.set(id, [...values, Number(r.n), 0]);
      }
      await q.insertRows(table, [...key, 'n', 'slot'], [...sums.values()], {
        onConflict: `ON CONFLICT (${[...key, 'slot'].join(', ')}) DO UPDATE SET n = ${table}.n + excluded.n`,
      });
      return rows.length;
    });
  }
  return folded;
}
