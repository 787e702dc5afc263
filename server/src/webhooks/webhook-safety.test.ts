import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { createPostgresDb } from '../db/postgres.js';
import { createTestApp, makeResponse, type TestApp, testDbKind } from '../testing/test-app.js';
import { deliverDueWebhooks, getRetryDelay } from './deliver.js';

const SECRET = 'a-webhook-secret-of-some-length';
let t: TestApp;
const servers: Server[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
  await t.close();
});

/** A real receiver on loopback; `handle` answers each request (204 by default). */
async function startReceiver(handle?: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const received: { id: string; at: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ id: String(req.headers['x-moments-delivery']), at: Date.now() });
      res.on('finish', () => inFlight--);
      if (handle) handle(req, res, body);
      else res.writeHead(204).end();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { port, url: `http://127.0.0.1:${port}/hook`, received, maxInFlight: () => maxInFlight };
}

async function addHook(siteId: string, url: string) {
  const r = await t.admin('POST', `/v1/sites/${siteId}/webhooks`, {
    url,
    events: ['response.created'],
    secret: SECRET,
  });
  if (r.status !== 201) throw new Error(`webhook: ${r.status} ${r.text}`);
  return r.json as { id: string };
}

async function newSite() {
  const site = await t.createSite();
  await t.createSurvey(site.id);
  return site;
}

/** Sends responses and waits for their fold (SQLite's inbox), which queues their deliveries. */
const respond = async (key: string, n = 1) => {
  const res = await t.request('POST', `/v1/sites/${key}/responses`, {
    responses: Array.from({ length: n }, () => makeResponse()),
  });
  await t.drain();
  return res;
};

const deliveries = (hookId: string) => t.admin('GET', `/v1/webhooks/${hookId}/deliveries`);

describe('webhook targets', () => {
  it('refuses loopback, private, link-local and metadata URLs when saved (400)', async () => {
    t = await createTestApp({ webhookAllowPrivate: false });
    const site = await newSite();
    for (const url of [
      'http://127.0.0.1:8080/h',
      'http://localhost/h',
      'http://localhost./h',
      'http://hooks.localhost/h',
      'http://[::1]/h',
      'http://[::127.0.0.1]/h',
      'http://[::ffff:127.0.0.1]/h',
      'http://10.1.2.3/h',
      'http://192.168.0.10/h',
      'http://172.16.5.4/h',
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00:ec2::254]/h',
      'http://100.100.100.200/h',
      'http://0.0.0.0/h',
    ]) {
      const r = await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
        url,
        events: ['response.created'],
        secret: SECRET,
      });
      expect([url, r.status]).toEqual([url, 400]);
      expect(r.json.error.issues[0].path).toBe('url');
      // Says what would be taken instead.
      expect(r.json.error.issues[0].message).toMatch(/public https address.*MOMENTS_WEBHOOK_ALLOW_PRIVATE=1/);
    }
    const ok = await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
      url: 'https://93.184.215.14/h',
      events: ['response.created'],
      secret: SECRET,
    });
    expect(ok.status).toBe(201);
  });

  it('checks the resolved address again when it connects, and never follows a redirect', async () => {
    t = await createTestApp({ webhookAllowPrivate: false });
    const site = await newSite();
    const receiver = await startReceiver();
    // A name that resolved elsewhere when saved and now points at loopback (DNS rebinding).
    await t.db.run(
      "INSERT INTO webhooks (id, site_id, url, events, secret, format, created_at) VALUES ('wh_rebind', ?, ?, '[\"response.created\"]', ?, 'json', 0)",
      [site.id, `http://localhost:${receiver.port}/hook`, SECRET],
    );
    await respond(site.publicKey);
    expect(await deliverDueWebhooks(t.db)).toBe(1);
    expect(receiver.received).toEqual([]);
    expect((await deliveries('wh_rebind')).json.deliveries[0].lastError).toBe('address not allowed');

    await t.close();
    t = await createTestApp();
    const s2 = await newSite();
    const target = await startReceiver();
    const redirecting = await startReceiver((_req, res) =>
      res.writeHead(302, { location: target.url }).end(),
    );
    const hook = await addHook(s2.id, redirecting.url);
    await respond(s2.publicKey);
    await deliverDueWebhooks(t.db, { allowPrivate: true });
    expect(redirecting.received).toHaveLength(1);
    expect(target.received).toEqual([]);
    expect((await deliveries(hook.id)).json.deliveries[0]).toMatchObject({
      status: 'pending',
      lastError: 'HTTP 302',
    });
  });
});

describe('webhook delivery', () => {
  it('keeps raw connection errors out of the log: a generic reason only', async () => {
    t = await createTestApp();
    const site = await newSite();
    const closed = await startReceiver();
    await new Promise((r) => servers.pop()!.close(r));
    const slow = await startReceiver(() => undefined);
    const a = await addHook(site.id, closed.url);
    const b = await addHook(site.id, slow.url);
    await respond(site.publicKey);
    await deliverDueWebhooks(t.db, { allowPrivate: true, timeoutMs: 300 });
    expect((await deliveries(a.id)).json.deliveries[0].lastError).toBe('connection failed');
    expect((await deliveries(b.id)).json.deliveries[0].lastError).toBe('timeout');
  });

  it('stops retrying once the webhook is deleted', async () => {
    t = await createTestApp();
    const site = await newSite();
    const receiver = await startReceiver((_req, res) => res.writeHead(503).end());
    const hook = await addHook(site.id, receiver.url);
    await respond(site.publicKey);
    const now = Date.now();
    expect(await deliverDueWebhooks(t.db, { allowPrivate: true, now })).toBe(1);
    expect((await t.admin('DELETE', `/v1/webhooks/${hook.id}`)).status).toBe(204);
    expect(await deliverDueWebhooks(t.db, { allowPrivate: true, now: now + getRetryDelay(1) + 1000 })).toBe(
      0,
    );
    expect(receiver.received).toHaveLength(1);
    const left = await t.db.get<{ n: number }>(
      "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = 'pending'",
    );
    expect(left!.n).toBe(0);
  });

  it('is never sent twice by two instances, even when a pass outlasts a lease', async () => {
    t = await createTestApp();
    const site = await newSite();
    const receiver = await startReceiver((_req, res) => setTimeout(() => res.writeHead(204).end(), 120));
    await addHook(site.id, receiver.url);
    await respond(site.publicKey, 12);
    // The second instance: its own connection pool on PostgreSQL, the same file's connection on SQLite.
    let other: Db = t.db;
    if (testDbKind === 'postgres') {
      const schema = (await t.db.get<{ s: string }>('SELECT current_schema() AS s'))!.s;
      other = await createPostgresDb(process.env.DATABASE_URL!, { schema, max: 2 });
    }
    try {
      const opts = { allowPrivate: true, timeoutMs: 150 };
      const [a, b] = await Promise.all([
        deliverDueWebhooks(t.db, opts),
        new Promise<number>((r) => setTimeout(() => r(deliverDueWebhooks(other, opts)), 200)),
      ]);
      const ids = receiver.received.map((x) => x.id);
      expect(new Set(ids).size).toBe(12);
      expect(ids).toHaveLength(12);
      expect(a + b).toBe(12);
    } finally {
      if (other !== t.db) await other.close();
    }
  });

  it('does not let a slow receiver hold up other sites (bounded concurrency per endpoint)', async () => {
    t = await createTestApp();
    const slowSite = await newSite();
    const fastSite = await t.createSite({ name: 'Fast shop' });
    await t.createSurvey(fastSite.id, { id: 'fast-nps' });
    const slow = await startReceiver((_req, res) => setTimeout(() => res.writeHead(204).end(), 800));
    const fast = await startReceiver();
    await addHook(slowSite.id, slow.url);
    await addHook(fastSite.id, fast.url);
    await respond(slowSite.publicKey, 6);
    await t.request('POST', `/v1/sites/${fastSite.publicKey}/responses`, {
      responses: [makeResponse({ surveyId: 'fast-nps' })],
    });
    // The slow site's deliveries are due first.
    await t.db.run(
      'UPDATE webhook_deliveries SET next_attempt_at = next_attempt_at - 60000 WHERE site_id = ?',
      [slowSite.id],
    );
    const started = Date.now();
    const done = deliverDueWebhooks(t.db, { allowPrivate: true });
    while (!fast.received.length && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 10));
    expect(fast.received).toHaveLength(1);
    expect(fast.received[0]!.at - started).toBeLessThan(500);
    expect(await done).toBe(7);
    expect(slow.received).toHaveLength(6);
    expect(slow.maxInFlight()).toBeLessThanOrEqual(2);
  });
});
