import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createD1Db } from '../db/d1.js';
import type { Db } from '../db/index.js';
import { createPostgresDb } from '../db/postgres.js';
import { createSqliteDb } from '../db/sqlite.js';
import { createLocalEdge } from '../edge/local.js';
import { EDGE_TEST_WORKER } from '../testing/edge-app.js';
import { spawnServer } from '../testing/spawn-server.js';
import { makeResponse, NPS_SURVEY, testDbKind } from '../testing/test-app.js';

const TOKEN = 'durability-admin';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Server environment and a way to open its database afterwards, for the suite's database kind. */
async function prepareStorage(): Promise<{ env: Record<string, string>; open: () => Promise<Db> }> {
  if (testDbKind === 'postgres') {
    const schema = `kill_${Date.now().toString(36)}`;
    const base = process.env.DATABASE_URL!;
    const db = await createPostgresDb(base, { schema });
    await db.close();
    const sep = base.includes('?') ? '&' : '?';
    const url = `${base}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    cleanups.push(async () => {
      const admin = await createPostgresDb(base);
      await admin.run(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.close();
    });
    return { env: { DATABASE_URL: url }, open: () => createPostgresDb(base, { schema }) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'moments-kill-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  if (testDbKind === 'edge')
    return {
      env: { MOMENTS_DATA: dir, DATABASE_URL: '' },
      // The D1 files the Worker wrote (in MOMENTS_DATA/d1), opened by a workerd of their own.
      open: async () => {
        const mf = createLocalEdge({ script: EDGE_TEST_WORKER, vars: {}, d1Dir: join(dir, 'd1') });
        const db = createD1Db(await mf.getD1Database('DB'));
        return { ...db, close: () => mf.dispose() };
      },
    };
  return {
    env: { MOMENTS_DATA: dir, DATABASE_URL: '' },
    open: async () => createSqliteDb(join(dir, 'moments.sqlite')),
  };
}

async function post(url: string, path: string, body: unknown, auth = true) {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${TOKEN}` } : {}) },
    body: JSON.stringify(body),
  });
}

describe('durability', () => {
  it('loses nothing acknowledged when the server is killed with SIGKILL mid-load', () => killMidLoad({}));
  // On SQLite, through the inbox too; started again without it, the server folds what was left.
  if (testDbKind === 'sqlite')
    it('loses nothing acknowledged through the ingest inbox, folded when started again without it', () =>
      killMidLoad({ MOMENTS_INBOX_MAX: '200000' }));

  async function killMidLoad(extraEnv: Record<string, string>) {
    const storage = await prepareStorage();
    const server = await spawnServer({
      ...storage.env,
      ...extraEnv,
      MOMENTS_ADMIN_TOKEN: TOKEN,
      MOMENTS_RATE_LIMIT: '1000000',
    });
    cleanups.push(server.crash);
    const site = (await (await post(server.url, '/v1/sites', { name: 'Kill test' })).json()) as {
      id: string;
      publicKey: string;
    };
    expect((await post(server.url, `/v1/sites/${site.id}/surveys`, NPS_SURVEY)).status).toBe(201);

    const acknowledged: string[] = [];
    let stop = false;
    const sender = async () => {
      while (!stop) {
        const batch = Array.from({ length: 10 }, () => makeResponse());
        try {
          const res = await post(
            server.url,
            `/v1/sites/${site.publicKey}/responses`,
            { responses: batch },
            false,
          );
          if (res.status === 202)
            acknowledged.push(...((await res.json()) as { accepted: string[] }).accepted);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const senders = Array.from({ length: 6 }, sender);
    await new Promise((r) => setTimeout(r, 1500));
    server.crash();
    await server.exited;
    stop = true;
    await Promise.all(senders);
    expect(acknowledged.length).toBeGreaterThan(50);
    if (extraEnv.MOMENTS_INBOX_MAX) {
      // However far the fold got before the kill, one response acknowledged and not yet folded
      // (as its 202 leaves it: one raw row), which the next start, without the inbox, must fold.
      const db = await storage.open();
      const r = makeResponse();
      await db.run(
        `INSERT INTO response_inbox (site_id, id, survey_id, customer_id, created_at, received_at, body)
         VALUES (?, ?, ?, NULL, ?, ?, ?)`,
        [site.id, r.id, r.surveyId, Date.parse(r.createdAt), Date.now(), JSON.stringify(r)],
      );
      await db.close();
      acknowledged.push(r.id);
    }

    // Started again on the same data, the server makes whole what it acknowledged (on SQLite the
    // inbox may hold responses not yet folded when it died): an admin read folds them first.
    const again = await spawnServer({ ...storage.env, MOMENTS_ADMIN_TOKEN: TOKEN });
    cleanups.push(again.crash);
    const summary = await fetch(`${again.url}/v1/sites/${site.id}/reports/summary?from=2020-01-01`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(summary.status).toBe(200);
    again.proc.kill('SIGTERM');
    expect(await again.exited).toBe(0);

    const db = await storage.open();
    try {
      const stored = new Set((await db.all<{ id: string }>('SELECT id FROM responses')).map((r) => r.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      const answers = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM answers');
      expect(answers!.n).toBe(stored.size);
      expect((await summary.json()).n).toBe(stored.size);
      const waiting = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM response_inbox');
      expect(Number(waiting!.n)).toBe(0);
    } finally {
      await db.close();
    }
  }

  it('drains and exits 0 on SIGTERM', async () => {
    const storage = await prepareStorage();
    const server = await spawnServer({ ...storage.env, MOMENTS_ADMIN_TOKEN: TOKEN });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    server.proc.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
