import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../domain/crypto.js';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';
import { deliverDueWebhooks, getRetryDelay } from './deliver.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
let receiver: Server;
let url: string;
let received: { headers: Record<string, string | string[] | undefined>; body: string }[];
let failNext = 0;

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
  received = [];
  failNext = 0;
  // A real HTTP endpoint on loopback that records what it is sent.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
});
afterEach(async () => {
  await new Promise((r) => receiver.close(r));
  await t.close();
});

const SECRET = 'a-webhook-secret-of-some-length';

describe('webhooks', () => {
  it('signs each event, retries with backoff after a failure, and keeps a delivery log', async () => {
    const hook = await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
      url,
      events: ['response.created', 'followup.opened', 'followup.resolved'],
      secret: SECRET,
    });
    expect(hook.status).toBe(201);
    expect(hook.json.secret).toBeUndefined();
    const r = makeResponse({ customer: { id: 'c1' }, answers: [{ questionId: 'nps', value: 2 }] });
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: [r] });
    await t.drain(); // the fold queues the deliveries (SQLite's inbox)
    failNext = 1;
    const now = Date.now();
    expect(await deliverDueWebhooks(t.db, { allowPrivate: true, now })).toBe(2);
    const events = received.map((x) => x.headers['x-moments-event']).sort();
    expect(events).toEqual(['followup.opened', 'response.created']);
    for (const x of received) {
      expect(x.headers['x-moments-signature']).toBe(`sha256=${await hmacSha256Hex(SECRET, x.body)}`);
    }
    // One of the two failed (503): it is retried only after its backoff.
    expect(await deliverDueWebhooks(t.db, { allowPrivate: true, now: now + 1000 })).toBe(0);
    expect(await deliverDueWebhooks(t.db, { allowPrivate: true, now: now + getRetryDelay(1) + 1 })).toBe(1);
    const log = await t.admin('GET', `/v1/webhooks/${hook.json.id}/deliveries`);
    expect(log.json.deliveries.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
    expect(log.json.deliveries.map((d: { attempts: number }) => d.attempts).sort()).toEqual([1, 2]);
    const created = JSON.parse(
      received.find((x) => x.headers['x-moments-event'] === 'response.created')!.body,
    );
    expect(created).toMatchObject({
      event: 'response.created',
      data: { id: r.id, surveyId: 'checkout-nps' },
    });

    const [f] = (await t.admin('GET', '/v1/followups')).json.followups;
    await t.admin('PATCH', `/v1/followups/${f.id}`, { status: 'resolved' });
    await deliverDueWebhooks(t.db, { allowPrivate: true, now: Date.now() });
    expect(received.at(-1)!.headers['x-moments-event']).toBe('followup.resolved');
  });

  it('marks a delivery failed after the last attempt, and sends Slack-compatible text when asked', async () => {
    await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
      url,
      events: ['response.created'],
      secret: SECRET,
      format: 'slack',
    });
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [
        makeResponse({
          answers: [
            { questionId: 'nps', value: 9 },
            { questionId: 'why', value: '<!channel> see <https://evil.example|your invoice> & more' },
          ],
        }),
      ],
    });
    await t.drain(); // the fold queues the deliveries (SQLite's inbox)
    failNext = 100;
    let now = Date.now();
    for (let i = 1; i <= 8; i++) {
      expect(await deliverDueWebhooks(t.db, { allowPrivate: true, now })).toBe(1);
      now += getRetryDelay(i) + 1;
    }
    expect(await deliverDueWebhooks(t.db, { allowPrivate: true, now: now + 1e9 })).toBe(0);
    const [hook] = (await t.admin('GET', `/v1/sites/${site.id}/webhooks`)).json.webhooks;
    const [delivery] = (await t.admin('GET', `/v1/webhooks/${hook.id}/deliveries`)).json.deliveries;
    expect(delivery).toMatchObject({ status: 'failed', attempts: 8, lastStatus: 503 });
    const text = JSON.parse(received[0]!.body).text as string;
    expect(text).toMatch(/^New response to checkout-nps at checkout_completed: nps 9/);
    // What the customer wrote cannot ping the channel or make a link in Slack.
    expect(text).toContain('&lt;!channel&gt; see &lt;https://evil.example|your invoice&gt; &amp; more');
    expect(text).not.toMatch(/<[!h]/);
  });

  it('refuses bad webhooks and stops sending once deleted', async () => {
    expect(
      (
        await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
          url: 'ftp://x',
          events: ['response.created'],
          secret: SECRET,
        })
      ).status,
    ).toBe(400);
    expect(
      (await t.admin('POST', `/v1/sites/${site.id}/webhooks`, { url, events: ['nope'], secret: SECRET }))
        .status,
    ).toBe(400);
    expect(
      (
        await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
          url,
          events: ['response.created'],
          secret: 'short',
        })
      ).status,
    ).toBe(400);
    const hook = await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
      url,
      events: ['response.created'],
      secret: SECRET,
    });
    expect((await t.admin('DELETE', `/v1/webhooks/${hook.json.id}`)).status).toBe(204);
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: [makeResponse()] });
    await t.drain(); // the fold queues the deliveries (SQLite's inbox)
    expect(await deliverDueWebhooks(t.db, { allowPrivate: true })).toBe(0);
    expect((await t.admin('GET', `/v1/webhooks/${hook.json.id}/deliveries`)).status).toBe(404);
  });
});
