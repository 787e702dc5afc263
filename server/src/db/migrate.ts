import { migrations } from './schema.js';
import type { Dialect, Queryable } from './types.js';

/** Applies each migration not yet recorded, in order, each with its record in one step. */
export async function applyMigrations(
  q: Queryable,
  exec: (sql: string) => unknown,
  dialect: Dialect,
): Promise<void> {
  await exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)',
  );
  const done = new Set((await q.all<{ id: string }>('SELECT id FROM schema_migrations')).map((r) => r.id));
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    const sql = typeof m.sql === 'function' ? m.sql(dialect) : m.sql;
    await exec(
      `BEGIN; ${sql}; INSERT INTO schema_migrations (id, applied_at) VALUES ('${m.id}', ${Date.now()}); COMMIT;`,
    );
  }
}
