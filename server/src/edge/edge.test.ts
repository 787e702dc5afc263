import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createD1Db, NotBatchShapedError } from '../db/d1.js';
import { hmacSha256Hex } from '../domain/crypto.js';
import { EDGE_TEST_WORKER, openEdgeApp } from '../testing/edge-app.js';
import { ADMIN, createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';
import { createLocalEdge, fireCron } from './local.js';

// The Worker build on workerd (miniflare): what differs from Node is checked here; the shared
// suites (contract, ingest) run against it through the edge vitest project.

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function open(opts: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  const t = await createTestApp(opts);
  cleanups.push(() => t.close());
  return t;
}

describe('D1 adapter: transactions are one batch', () => {
  it('commits the writes of a transaction together, and none when one fails', async () => {
    const { db } = await open();
    await db.run('CREATE TABLE IF NOT EXISTS edge_probe (id TEXT PRIMARY KEY, n INTEGER NOT NULL)');
    await db.tx(async (q) => {
      await q.run('INSERT INTO edge_probe (id, n) VALUES (?, ?)', ['a', 1]);
      await q.run('INSERT INTO edge_probe (id, n) VALUES (?, ?)', ['b', 2]);
    });
    await expect(
      db.tx(async (q) => {
        await q.run('INSERT INTO edge_probe (id, n) VALUES (?, ?)', ['c', 3]);
        await q.run('UPDATE edge_probe SET n = n + 10');
        // The primary key is taken: the whole batch fails.
        await q.run('INSERT INTO edge_probe (id, n) VALUES (?, ?)', ['a', 4]);
      }),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.all('SELECT id, n FROM edge_probe ORDER BY id')).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
    await db.run('DROP TABLE edge_probe');
  });

  it('throws on code that is not batch-shaped, and writes nothing of it', async () => {
    const { db, createSite } = await open();
    const site = await createSite();
    const readAfterWrite = db.tx(async (q) => {
      await q.run('UPDATE sites SET name = ? WHERE id = ?', ['Renamed', site.id]);
      return q.get('SELECT name FROM sites WHERE id = ?', [site.id]);
    });
    await expect(readAfterWrite).rejects.toThrow(NotBatchShapedError);
    await expect(readAfterWrite).rejects.toThrow(/read after write inside a D1 transaction/);
    const changes = db.tx(async (q) => {
      const r = await q.run('UPDATE sites SET name = ? WHERE id = ?', ['Renamed', site.id]);
      return r.changes;
    });
    await expect(changes).rejects.toThrow(/changes of a write inside a D1 transaction/);
    const returning = db.tx((q) =>
      q.insertRows('meta', ['key', 'value'], [['k', 'v']], {
        onConflict: 'ON CONFLICT DO NOTHING',
        returning: 'key',
      }),
    );
    await expect(returning).rejects.toThrow(/with returning inside a D1 transaction/);
    const writeReadBack = db.tx((q) =>
      q.get("INSERT INTO meta (key, value) VALUES ('k2', 'v') RETURNING key"),
    );
    await expect(writeReadBack).rejects.toThrow(/a write read back inside a D1 transaction/);
    expect((await db.get<{ name: string }>('SELECT name FROM sites WHERE id = ?', [site.id]))!.name).toBe(
      'Test shop',
    );
    expect(await db.get("SELECT key FROM meta WHERE key IN ('k', 'k2')")).toBeUndefined();
  });

  it('inserts many rows in statements of at most 100 parameters, answering the ones inserted', async () => {
    const { db } = await open();
    const rows = Array.from({ length: 250 }, (_, i) => [`key-${i}`, `value-${i}`]);
    const first = await db.insertRows('meta', ['key', 'value'], rows.slice(0, 10), {
      onConflict: 'ON CONFLICT (key) DO NOTHING',
    });
    expect(first).toEqual([]);
    const inserted = await db.insertRows('meta', ['key', 'value'], rows, {
      onConflict: 'ON CONFLICT (key) DO NOTHING',
      returning: 'key',
    });
    expect(inserted.sort()).toEqual(
      rows
        .slice(10)
        .map((r) => r[0])
        .sort(),
    );
    expect((await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM meta WHERE key LIKE 'key-%'"))!.n).toBe(
      250,
    );
  });
});

describe('the Worker', () => {
  it('serves the widget and the dashboard from its static assets, with the headers of its routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moments-assets-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'widget/w'), { recursive: true });
    mkdirSync(join(dir, 'dashboard/assets'), { recursive: true });
    writeFileSync(join(dir, 'widget/w.js'), 'console.log("widget")');
    writeFileSync(join(dir, 'widget/w/chunk-1.js'), 'export const x = 1');
    writeFileSync(join(dir, 'dashboard/index.html'), '<!doctype html><title>Moments</title>');
    writeFileSync(join(dir, 'dashboard/assets/app-1.css'), 'body{}');
    const mf = createLocalEdge({
      script: EDGE_TEST_WORKER,
      vars: { MOMENTS_ADMIN_TOKEN: 'edge-assets' },
      assetsDir: dir,
    });
    cleanups.push(() => mf.dispose());
    const get = async (path: string) => {
      const res = await mf.dispatchFetch(`http://localhost${path}`, { redirect: 'manual' });
      return { status: res.status, headers: res.headers, text: await res.text() };
    };
    const w = await get('/w.js');
    expect(w.status).toBe(200);
    expect(w.text).toBe('console.log("widget")');
    expect(w.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(w.headers.get('cache-control')).toBe('public, max-age=300');
    expect(w.headers.get('access-control-allow-origin')).toBe('*');
    const chunk = await get('/w/chunk-1.js');
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/app', '/app/sites/abc']) {
      const page = await get(path);
      expect(page.status).toBe(200);
      expect(page.text).toContain('<title>Moments</title>');
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
    expect((await get('/app/assets/app-1.css')).text).toBe('body{}');
    const missing = await get('/w/missing.js');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.text).error.code).toBe('not_found');
    // The asset folder's other paths are not served around the Worker's routes.
    expect((await get('/widget/w.js')).status).toBe(404);
    expect((await get('/dashboard/index.html')).status).toBe(404);
  });

  it('answers 503 naming the setting when no admin token is set or stored', async () => {
    const edge = await openEdgeApp({});
    cleanups.push(() => edge.close());
    const res = await edge.request('/v1/sites', { headers: ADMIN });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /MOMENTS_ADMIN_TOKEN/,
    );
  });

  it('counts public requests per site and address in D1 (shared by every isolate): 429 past the limit', async () => {
    const t = await open({ rateLimit: 3 });
    const site = await t.createSite();
    const get = (ip: string) =>
      t.request('GET', `/v1/sites/${site.publicKey}/config`, undefined, { 'x-test-ip': ip });
    for (let i = 0; i < 3; i++) expect((await get('203.0.113.5')).status).toBe(200);
    const limited = await get('203.0.113.5');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('203.0.113.6')).status).toBe(200);
    const rows = await t.db.all<{ key: string; n: number }>('SELECT key, n FROM rate_limits ORDER BY key');
    expect(rows).toEqual([
      { key: `${site.id}:203.0.113.5`, n: 4 },
      { key: `${site.id}:203.0.113.6`, n: 1 },
    ]);
  });

  it('imports 700 customers in one request (more than D1 binds a statement), counting new and updated', async () => {
    const t = await open();
    const site = await t.createSite();
    const csv = (from: number, to: number) =>
      `id,plan\n${Array.from({ length: to - from }, (_, i) => `cust-${from + i},pro`).join('\n')}\n`;
    const first = await t.admin('PUT', `/v1/sites/${site.id}/customers`, csv(0, 300), {
      'content-type': 'text/csv',
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ inserted: 300, updated: 0, rejected: 0 });
    const second = await t.admin('PUT', `/v1/sites/${site.id}/customers`, csv(0, 700), {
      'content-type': 'text/csv',
    });
    expect(second.json).toMatchObject({ inserted: 400, updated: 300, rejected: 0 });
    expect((await t.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM customers'))!.n).toBe(700);
  });

  it('sends due webhooks, signed, when its Cron Trigger fires', async () => {
    const t = await open();
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => server.close(r)));
    const site = await t.createSite();
    const secret = 'edge-webhook-secret-123';
    const hook = await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      events: ['followup.opened'],
      secret,
    });
    expect(hook.status).toBe(201);
    const now = Date.now();
    await t.db.run(
      `INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempts, next_attempt_at, created_at, site_id, customer_id)
       VALUES ('dl_edge_1', ?, 'followup.opened', ?, 'pending', 0, ?, ?, ?, 'c1')`,
      [hook.json.id, JSON.stringify({ reason: 'nps', customerId: 'c1' }), now - 1000, now - 1000, site.id],
    );
    expect(received).toHaveLength(0);
    await fireCron(t.mf!);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['x-moments-event']).toBe('followup.opened');
    expect(received[0]!.headers['x-moments-signature']).toBe(
      `sha256=${await hmacSha256Hex(secret, received[0]!.body)}`,
    );
    const delivery = await t.db.get<{ status: string; attempts: number }>(
      "SELECT status, attempts FROM webhook_deliveries WHERE id = 'dl_edge_1'",
    );
    expect(delivery).toEqual({ status: 'delivered', attempts: 1 });
    await fireCron(t.mf!);
    expect(received).toHaveLength(1);
  });

  it('streams live events by polling D1 (no LISTEN/NOTIFY): a row written elsewhere reaches two streams, each with its summary', async () => {
    const t = await open({ heartbeatMs: 60_000 });
    const site = await t.createSite();
    await t.createSurvey(site.id);
    const known = await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [makeResponse({ customer: { id: 'c-live' } })],
    });
    expect(known.status).toBe(202);
    // The most customers a stream takes (100): with the sequence, more parameters than D1 binds a
    // statement, so the list goes in as one JSON parameter.
    const others = Array.from({ length: 99 }, (_, i) => `c-other-${i}`).join(',');
    const openStream = async () => {
      const res = (await t.app.request(`/v1/stream?customers=c-live,${others}`, {
        headers: ADMIN,
      })) as Response;
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      cleanups.push(() => reader.cancel());
      const decoder = new TextDecoder();
      const stream = { text: '' };
      const readUntil = async (needle: string, ms: number) => {
        const deadline = Date.now() + ms;
        while (!stream.text.includes(needle)) {
          const left = deadline - Date.now();
          if (left <= 0) throw new Error(`no ${needle} within ${ms} ms; got:\n${stream.text}`);
          const chunk = await Promise.race([
            reader.read(),
            new Promise<never>((_, reject) =>
              setTimeout(() => reject(new Error(`no ${needle}:\n${stream.text}`)), left),
            ),
          ]);
          if (chunk.done) throw new Error(`stream ended:\n${stream.text}`);
          stream.text += decoder.decode(chunk.value, { stream: true });
        }
      };
      await readUntil('event: ready', 5000);
      return { stream, readUntil };
    };
    const streams = [await openStream(), await openStream()];
    // Written straight into D1, as another isolate would: no notification reaches this one.
    await t.db.run(
      "INSERT INTO live_events (site_id, customer_id, type, payload, at) VALUES (?, 'c-live', 'followup', ?, ?)",
      [site.id, JSON.stringify({ followupId: 'fu-1', status: 'open' }), Date.now()],
    );
    await t.db.run(
      "INSERT INTO live_events (site_id, customer_id, type, payload, at) VALUES (?, 'c-live', 'response', ?, ?)",
      [site.id, JSON.stringify({ responseId: 'r-elsewhere' }), Date.now()],
    );
    // Both streams get the summary (on Workers each looks it up itself: see summary-lookup.ts).
    await Promise.all(streams.map((s) => s.readUntil('event: summary', 12_000)));
    for (const { stream } of streams) {
      expect(stream.text).toContain('"followupId":"fu-1"');
      expect(stream.text).toContain('"responseId":"r-elsewhere"');
    }
  });
});

describe('D1 files of pnpm start:edge', () => {
  it('keep what was written after workerd stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moments-d1-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = createLocalEdge({
      script: EDGE_TEST_WORKER,
      vars: { MOMENTS_ADMIN_TOKEN: 'persist' },
      d1Dir: dir,
    });
    const res = await first.dispatchFetch('http://localhost/v1/sites', {
      method: 'POST',
      headers: { authorization: 'Bearer persist', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Kept' }),
    });
    expect(res.status).toBe(201);
    await first.dispose();
    const second = createLocalEdge({ script: EDGE_TEST_WORKER, vars: {}, d1Dir: dir });
    cleanups.push(() => second.dispose());
    const db = createD1Db(await second.getD1Database('DB'));
    expect(await db.all('SELECT name FROM sites')).toEqual([{ name: 'Kept' }]);
  });
});
