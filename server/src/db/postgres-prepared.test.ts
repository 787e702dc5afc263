import { describe, expect, it } from 'vitest';
import { createPostgresDb } from './postgres.js';

// PostgreSQL only (excluded from the SQLite project in vitest.config.ts).
const url = process.env.DATABASE_URL!;

describe('prepared statements on PostgreSQL', () => {
  for (const prepare of [true, false]) {
    it(`are ${prepare ? 'kept by each connection' : 'never made with MOMENTS_PG_PREPARED=0'}`, async () => {
      const schema = `t_prep_${Date.now().toString(36)}_${prepare ? 'on' : 'off'}`;
      // One connection, so the statements below all run on the one whose prepared ones are listed.
      const db = await createPostgresDb(url, { schema, max: 1, prepare });
      try {
        await db.migrate();
        for (let i = 0; i < 3; i++) await db.all('SELECT id FROM sites WHERE id = ?', [`s${i}`]);
        const row = await db.get<{ n: number; mode: string }>(
          "SELECT (SELECT COUNT(*) FROM pg_prepared_statements) AS n, current_setting('plan_cache_mode') AS mode",
        );
        if (prepare) {
          expect(Number(row!.n)).toBeGreaterThan(0);
          expect(row!.mode).toBe('force_custom_plan');
        } else {
          expect(Number(row!.n)).toBe(0);
          expect(row!.mode).toBe('auto');
        }
      } finally {
        await db.run(`DROP SCHEMA "${schema}" CASCADE`);
        await db.close();
      }
    });
  }
});
