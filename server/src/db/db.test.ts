import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../testing/test-app.js';
import type { Db } from './index.js';

let db: Db;
let drop: () => Promise<void>;
beforeEach(async () => {
  ({ db, drop } = await createTestDb());
  await db.run('CREATE TABLE kv (k TEXT PRIMARY KEY, v BIGINT NOT NULL)');
});
afterEach(() => drop());

describe('query layer', () => {
  it('rolls back a failed transaction and keeps concurrent ones that succeed', async () => {
    const results = await Promise.allSettled([
      db.tx(async (q) => q.run("INSERT INTO kv (k, v) VALUES ('a', 1)")),
      db.tx(async (q) => {
        await q.run("INSERT INTO kv (k, v) VALUES ('b', 2)");
        throw new Error('boom');
      }),
      db.tx(async (q) => q.run("INSERT INTO kv (k, v) VALUES ('c', 3)")),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await db.all<{ k: string }>('SELECT k FROM kv ORDER BY k')).map((r) => r.k)).toEqual(['a', 'c']);
  });

  it('inserts many rows and names only those actually inserted', async () => {
    await db.run("INSERT INTO kv (k, v) VALUES ('b', 0)");
    const inserted = await db.tx((q) =>
      q.insertRows(
        'kv',
        ['k', 'v'],
        [
          ['a', 1],
          ['b', 2],
          ['c', 3],
        ],
        { onConflict: 'ON CONFLICT (k) DO NOTHING', returning: 'k' },
      ),
    );
    expect(inserted.sort()).toEqual(['a', 'c']);
    const upserted = await db.insertRows('kv', ['k', 'v'], [['b', 5]], {
      onConflict: 'ON CONFLICT (k) DO UPDATE SET v = kv.v + excluded.v',
    });
    expect(upserted).toEqual([]);
    expect((await db.get<{ v: number }>("SELECT v FROM kv WHERE k = 'b'"))!.v).toBe(5);
  });

  it('inserts more rows than one statement may bind (PostgreSQL: 65,535 parameters)', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => [`k${i}`, i]);
    const inserted = await db.tx((q) =>
      q.insertRows('kv', ['k', 'v'], rows, { onConflict: 'ON CONFLICT (k) DO NOTHING', returning: 'k' }),
    );
    expect(inserted).toHaveLength(40_000);
    expect((await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM kv'))!.n).toBe(40_000);
  });

  it('returns BIGINT and COUNT as numbers and truncates months the same way', async () => {
    const t = Date.UTC(2026, 4, 17, 13, 45);
    await db.run('INSERT INTO kv (k, v) VALUES (?, ?)', ['t', t]);
    const row = await db.get<{ v: number; m: number; n: number }>(
      `SELECT v, ${db.dialect.monthStartMs('v')} AS m, COUNT(*) AS n FROM kv GROUP BY v`,
    );
    expect(row).toEqual({ v: t, m: Date.UTC(2026, 4, 1), n: 1 });
  });
});
