import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../domain/crypto.js';
import { createTestApp, makeResponse, type TestApp, testDbKind } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
});
afterEach(() => t.close());

const post = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  t.request('POST', `/v1/sites/${key}/responses`, body as object, headers);

describe('POST /v1/sites/{siteKey}/responses', () => {
  it('accepts a batch, stores answers and makes the customer known', async () => {
    const r = makeResponse({
      customer: { id: 'cust-1', email: 'ann@example.com' },
      answers: [
        { questionId: 'nps', value: 3 },
        { questionId: 'why', value: 'Slow delivery' },
        { questionId: 'channel', value: 'friend' },
      ],
      context: { agent: 'Ada', team: 'Billing' },
    });
    const res = await post(site.publicKey, { responses: [r] });
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ accepted: [r.id], duplicates: [] });
    const rows = await t.db.all<{
      qtype: string;
      value_num: number | null;
      value_text: string | null;
      agent: string;
    }>('SELECT qtype, value_num, value_text, agent FROM answers ORDER BY question_id');
    expect(rows).toEqual([
      { qtype: 'choice', value_num: null, value_text: 'friend', agent: 'Ada' },
      { qtype: 'nps', value_num: 3, value_text: null, agent: 'Ada' },
      { qtype: 'text', value_num: null, value_text: 'Slow delivery', agent: 'Ada' },
    ]);
    const lookup = await t.admin('GET', '/v1/customers/lookup?email=ANN@example.com');
    expect(lookup.status).toBe(200);
    expect(lookup.json.customer.id).toBe('cust-1');
  });

  it('counts a re-sent id once, in the same batch and across batches', async () => {
    const r = makeResponse();
    expect((await post(site.publicKey, { responses: [r, r] })).json).toEqual({
      accepted: [r.id],
      duplicates: [r.id],
    });
    expect((await post(site.publicKey, { responses: [r] })).json).toEqual({
      accepted: [],
      duplicates: [r.id],
    });
    expect((await t.countRows()).responses).toBe(1);
  });

  it('counts concurrent duplicates once', async () => {
    const batch = Array.from({ length: 20 }, () => makeResponse());
    const results = await Promise.all(
      Array.from({ length: 8 }, () => post(site.publicKey, { responses: batch })),
    );
    expect(results.every((r) => r.status === 202)).toBe(true);
    const accepted = results.flatMap((r) => r.json.accepted as string[]);
    expect(accepted.sort()).toEqual(batch.map((b) => b.id).sort());
    const counts = await t.countRows();
    expect(counts.responses).toBe(20);
    expect(counts.answers).toBe(20);
  });

  it('rejects the whole batch when one item is bad, storing nothing', async () => {
    const before = await t.countRows();
    const res = await post(site.publicKey, {
      responses: [makeResponse(), makeResponse({ answers: [{ questionId: 'nps', value: 11 }] })],
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([
      { path: 'responses.1.answers.0.value', message: expect.stringMatching(/0 to 10/) },
    ]);
    expect(await t.countRows()).toEqual(before);
  });

  it('refuses a multiple choice naming an option twice (it would be counted twice)', async () => {
    await t.createSurvey(site.id, {
      id: 'channels',
      questions: [
        {
          id: 'channel',
          type: 'choice',
          text: 'Where did you hear of us?',
          multiple: true,
          options: [
            { id: 'web', label: 'Web' },
            { id: 'friend', label: 'A friend' },
          ],
        },
      ],
    });
    const before = await t.countRows();
    const answer = (value: string[]) =>
      post(site.publicKey, {
        responses: [makeResponse({ surveyId: 'channels', answers: [{ questionId: 'channel', value }] })],
      });
    const res = await answer(['web', 'friend', 'web']);
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([
      { path: 'responses.0.answers.0.value', message: 'names an option more than once' },
    ]);
    expect(await t.countRows()).toEqual(before);
    expect((await answer(['web', 'friend'])).status).toBe(202);
  });

  it('accepts JSON sent as text/plain (no CORS preflight)', async () => {
    const res = await post(site.publicKey, JSON.stringify({ responses: [makeResponse()] }), {
      'content-type': 'text/plain;charset=UTF-8',
    });
    expect(res.status).toBe(202);
  });

  it('refuses more than 100 items a batch and bodies over 1 MiB with 413 (API.md), storing nothing', async () => {
    const createdAt = new Date().toISOString();
    const batches = {
      responses: Array.from({ length: 101 }, () => makeResponse()),
      displays: Array.from({ length: 101 }, (_, i) => ({
        id: `display-${1000 + i}`,
        surveyId: 'checkout-nps',
        anonymousId: 'a1',
        createdAt,
      })),
      events: Array.from({ length: 101 }, (_, i) => ({
        id: `event-${100000 + i}`,
        name: 'checkout_completed',
        anonymousId: 'a1',
        createdAt,
      })),
    };
    const before = await t.countRows();
    for (const [kind, items] of Object.entries(batches)) {
      const res = await t.request('POST', `/v1/sites/${site.publicKey}/${kind}`, { [kind]: items });
      expect(res.status, kind).toBe(413);
      expect(res.json.error).toMatchObject({
        code: 'payload_too_large',
        issues: [{ path: kind, message: 'send at most 100 items a batch' }],
      });
      // The limit holds before the items are read: a bad item in an oversized batch is still a 413.
      const bad = [...items.slice(0, 100), { id: 'x' }];
      expect((await t.request('POST', `/v1/sites/${site.publicKey}/${kind}`, { [kind]: bad })).status).toBe(
        413,
      );
    }
    expect(await t.countRows()).toEqual(before);
    const hundred = JSON.stringify({ responses: batches.responses.slice(0, 100) });
    expect((await post(site.publicKey, hundred, { 'content-type': 'text/plain' })).status).toBe(202);
    const huge = makeResponse({ answers: [{ questionId: 'why', value: 'x'.repeat(1_100_000) }] });
    const res = await post(site.publicKey, { responses: [huge] });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('payload_too_large');
  });

  it('writes an anonymous response to no index by customer or agent (025: less to commit)', async () => {
    const named = makeResponse({ customer: { id: 'cust-1' }, context: { agent: 'Ada' } });
    const anonymous = [makeResponse(), makeResponse()];
    expect((await post(site.publicKey, { responses: [named, ...anonymous] })).status).toBe(202);
    const indexes = [
      'responses_customer',
      'responses_agent',
      'answers_agent',
      'answers_customer_metric_value',
    ];
    if (testDbKind === 'sqlite') {
      // The entries each index holds, counted on its pages: the named response's alone.
      const rows = await t.db.all<{ name: string; n: number }>(
        `SELECT name, SUM(ncell) AS n FROM dbstat WHERE pagetype = 'leaf' AND name IN (${indexes.map(() => '?').join(', ')}) GROUP BY name ORDER BY name`,
        indexes,
      );
      expect(rows).toEqual([...indexes].sort().map((name) => ({ name, n: 1 })));
    } else {
      const defs = await t.db.all<{ name: string; def: string }>(
        testDbKind === 'postgres'
          ? 'SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema()'
          : "SELECT name, sql AS def FROM sqlite_master WHERE type = 'index'",
      );
      for (const name of indexes) {
        const column = name.includes('agent') ? 'agent' : 'customer_id';
        expect(defs.find((d) => d.name === name)?.def).toMatch(
          new RegExp(`WHERE \\(?${column} IS NOT NULL`, 'i'),
        );
      }
    }
  });

  it('answers 404 for an unknown site key', async () => {
    expect((await post('pk_nope', { responses: [makeResponse()] })).status).toBe(404);
  });
});

describe('signed identity', () => {
  it('requires a valid signature when the site says so', async () => {
    await t.admin('PATCH', `/v1/sites/${site.id}`, { requireSignedIdentity: true });
    const unsigned = makeResponse({ customer: { id: 'cust-9' } });
    expect((await post(site.publicKey, { responses: [unsigned] })).status).toBe(401);
    const forged = makeResponse({ customer: { id: 'cust-9', signature: 'a'.repeat(64) } });
    expect((await post(site.publicKey, { responses: [forged] })).status).toBe(401);
    const signature = await hmacSha256Hex(site.secret, 'cust-9');
    const signed = makeResponse({ customer: { id: 'cust-9', signature } });
    expect((await post(site.publicKey, { responses: [signed] })).status).toBe(202);
    expect((await t.countRows()).responses).toBe(1);
  });
});

describe('origin allowlist and rate limit', () => {
  it('refuses an origin outside the allowlist and answers CORS for one inside', async () => {
    await t.admin('PATCH', `/v1/sites/${site.id}`, { allowedOrigins: ['https://shop.example.com'] });
    const bad = await post(
      site.publicKey,
      { responses: [makeResponse()] },
      { origin: 'https://evil.example.com' },
    );
    expect(bad.status).toBe(403);
    const good = await post(
      site.publicKey,
      { responses: [makeResponse()] },
      { origin: 'https://shop.example.com' },
    );
    expect(good.status).toBe(202);
    expect(good.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    const preflight = await t.request('OPTIONS', `/v1/sites/${site.publicKey}/responses`, undefined, {
      origin: 'https://shop.example.com',
      'access-control-request-method': 'POST',
    });
    expect(preflight.status).toBe(204);
  });

  it("lets an allowed origin read every refusal, the body limit's and the input guard's too", async () => {
    await t.admin('PATCH', `/v1/sites/${site.id}`, { allowedOrigins: ['https://shop.example.com'] });
    const shop = { origin: 'https://shop.example.com', 'content-type': 'text/plain' };
    const huge = JSON.stringify({
      responses: [makeResponse({ answers: [{ questionId: 'why', value: 'x'.repeat(1_100_000) }] })],
    });
    const refused = {
      // The body limit (on the declared length, as the Node server reads it) and the input guard
      // run before the site is known.
      413: await post(site.publicKey, huge, { ...shop, 'content-length': String(huge.length) }),
      400: await post(site.publicKey, '{"responses": [{"id": "a\\u0000b"}]}', shop),
      401: await post(
        site.publicKey,
        { responses: [makeResponse({ customer: { id: 'c', signature: 'a'.repeat(64) } })] },
        shop,
      ),
    };
    for (const [status, res] of Object.entries(refused)) {
      expect(res.status).toBe(Number(status));
      expect(res.json.error.code, status).toBeTypeOf('string');
      expect(res.headers.get('access-control-allow-origin'), status).toBe('https://shop.example.com');
    }
    const config = await t.request('GET', `/v1/sites/${site.publicKey}/config?customer=%00`, undefined, shop);
    expect(config.status).toBe(400);
    expect(config.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    // Not for an origin the site does not allow, nor on an admin path.
    const evil = await post(site.publicKey, huge, { ...shop, origin: 'https://evil.example.com' });
    expect(evil.status).toBe(413);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const admin = await t.admin('GET', `/v1/sites/${site.id}/responses?from=%00`, undefined, shop);
    expect(admin.status).toBe(400);
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 429 with Retry-After past the per-site-and-IP limit', async () => {
    const limited = await createTestApp({ rateLimit: 3 });
    try {
      const s = await limited.createSite();
      await limited.createSurvey(s.id);
      const send = (ip: string) =>
        limited.request(
          'POST',
          `/v1/sites/${s.publicKey}/responses`,
          { responses: [makeResponse()] },
          { 'x-test-ip': ip },
        );
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await send('10.0.0.1')).status);
      expect(statuses).toEqual([202, 202, 202, 429]);
      const blocked = await send('10.0.0.1');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await send('10.0.0.2')).status).toBe(202);
    } finally {
      await limited.close();
    }
  });
});

describe('displays and events', () => {
  it('are idempotent on the client id', async () => {
    const d = {
      id: 'display-0001',
      surveyId: 'checkout-nps',
      anonymousId: 'a1',
      createdAt: new Date().toISOString(),
    };
    expect(
      (await t.request('POST', `/v1/sites/${site.publicKey}/displays`, { displays: [d, d] })).json,
    ).toEqual({
      accepted: [d.id],
      duplicates: [d.id],
    });
    const e = {
      id: 'event-000001',
      name: 'checkout_completed',
      anonymousId: 'a1',
      createdAt: new Date().toISOString(),
      props: { total: 42 },
    };
    expect((await t.request('POST', `/v1/sites/${site.publicKey}/events`, { events: [e] })).status).toBe(202);
    expect(
      (await t.request('POST', `/v1/sites/${site.publicKey}/events`, { events: [e] })).json.duplicates,
    ).toEqual([e.id]);
    const counts = await t.countRows();
    expect([counts.displays, counts.events]).toEqual([1, 1]);
  });
});

describe('when a client says it happened', () => {
  it('is refused before 1970 (a response there was counted but never listed or exported) or a day ahead', async () => {
    const before = await t.countRows();
    const ahead = new Date(Date.now() + 25 * 3_600_000).toISOString();
    for (const createdAt of [
      '0000-01-01T00:00:00Z',
      '1969-12-31T23:59:59Z',
      '1970-01-01T00:00:00+01:00',
      ahead,
    ]) {
      const items = {
        responses: [makeResponse({ createdAt })],
        displays: [{ id: 'display-0002', surveyId: 'checkout-nps', anonymousId: 'a1', createdAt }],
        events: [{ id: 'event-000002', name: 'checkout_completed', anonymousId: 'a1', createdAt }],
      };
      for (const [kind, list] of Object.entries(items)) {
        const r = await t.request('POST', `/v1/sites/${site.publicKey}/${kind}`, { [kind]: list });
        expect([kind, createdAt, r.status]).toEqual([kind, createdAt, 400]);
        expect(r.json.error.issues[0]).toEqual({
          path: `${kind}.0.createdAt`,
          message: createdAt === ahead ? 'is in the future' : 'must not be before 1970',
        });
      }
    }
    expect(await t.countRows()).toEqual(before);
    const epoch = makeResponse({ createdAt: '1970-01-01T00:00:00Z' });
    expect((await post(site.publicKey, { responses: [epoch] })).status).toBe(202);
    const listed = await t.admin('GET', `/v1/sites/${site.id}/responses/list`);
    expect(listed.json.responses.map((r: { id: string }) => r.id)).toEqual([epoch.id]);
  });
});
