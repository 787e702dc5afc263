import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createSqliteDb } from '../db/sqlite.js';
import { sha256Hex } from '../domain/crypto.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { ADMIN, ADMIN_TOKEN, makeResponse, NPS_SURVEY } from '../testing/test-app.js';

// Another process (a backup, a migration, a sqlite3 shell) holding the write lock past busy_timeout.
// SQLite's: the sqlite project runs this file alone (vitest.config.ts).
describe('SQLite locked by another process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'moments-locked-'));
  const file = join(dir, 'moments.sqlite');
  const db = createSqliteDb(file);
  let app: ReturnType<typeof createApp>;
  let site: { id: string; publicKey: string };
  beforeAll(async () => {
    await db.migrate();
    app = createApp({
      db,
      adminTokenHash: await sha256Hex(ADMIN_TOKEN),
      rateLimiter: createRateLimiter(100_000),
      getClientIp: () => undefined,
    });
    const json = { ...ADMIN, 'content-type': 'application/json' };
    site = await (
      await app.request('/v1/sites', { method: 'POST', headers: json, body: '{"name":"S"}' })
    ).json();
    await app.request(`/v1/sites/${site.id}/surveys`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(NPS_SURVEY),
    });
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const post = (body: unknown) =>
    app.request(`/v1/sites/${site.publicKey}/responses`, { method: 'POST', body: JSON.stringify(body) });

  it('ingest answers 503 while the lock is held, and stores again once it is released', async () => {
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const during = await Promise.race([
      post({ responses: [makeResponse()] }),
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000)),
    ]);
    other.exec('ROLLBACK');
    other.close();
    expect(during === 'hung' ? 'hung' : during.status).toBe(503);
    const after = await Promise.race([
      post({ responses: [makeResponse()] }),
      new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000)),
    ]);
    expect(after === 'hung' ? 'hung' : after.status).toBe(202);
  }, 40_000);
});
