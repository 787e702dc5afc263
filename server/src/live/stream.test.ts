import { parseStreamEvent } from '@moments/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createPostgresDb } from '../db/postgres.js';
import { sha256Hex } from '../domain/crypto.js';
import { createRateLimiter } from '../http/rate-limit.js';
import {
  ADMIN,
  ADMIN_TOKEN,
  createTestApp,
  makeResponse,
  type TestApp,
  testDbKind,
} from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
let agent: Record<string, string>;
beforeEach(async () => {
  t = await createTestApp({ heartbeatMs: 300 });
  site = await t.createSite();
  await t.createSurvey(site.id);
  const token = await t.admin('POST', '/v1/tokens', { role: 'agent', name: 'Ada', siteIds: [site.id] });
  agent = { authorization: `Bearer ${token.json.token}` };
});
afterEach(() => t.close());

type Sse = { event?: string; id?: string; data?: string; comment?: string };

/** Opens the stream through app.request and collects parsed events as they come. */
async function openStream(query: string, headers: Record<string, string> = agent) {
  const res = await t.app.request(`/v1/stream?${query}`, { headers });
  const events: Sse[] = [];
  if (res.status !== 200) return { res, events, ended: true, close: async () => {} };
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let closed = false;
  const out = { res, events, ended: false, close: async () => {} };
  const pump = (async () => {
    while (!closed) {
      const { value, done } = await reader.read();
      if (done) {
        out.ended = true;
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      let i = buffer.indexOf('\n\n');
      while (i >= 0) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const e: Sse = {};
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) e.comment = line.slice(1).trim();
          else {
            const [k, ...v] = line.split(':');
            (e as Record<string, string>)[k!] = v.join(':').trimStart();
          }
        }
        events.push(e);
        i = buffer.indexOf('\n\n');
      }
    }
  })();
  out.close = async () => {
    closed = true;
    await reader.cancel();
    await pump.catch(() => undefined);
  };
  return out;
}

async function until(cond: () => boolean, ms = 3000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('GET /v1/stream', () => {
  it('sends a response, its follow-up and the new summary within a second of the write', async () => {
    const s = await openStream('customers=c1,c2');
    try {
      expect(s.res.headers.get('content-type')).toMatch(/text\/event-stream/);
      await until(() => s.events.some((e) => e.event === 'ready'));
      const started = Date.now();
      await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
        responses: [
          makeResponse({ customer: { id: 'c1' }, answers: [{ questionId: 'nps', value: 4 }] }),
          makeResponse({ customer: { id: 'other' }, answers: [{ questionId: 'nps', value: 1 }] }),
        ],
      });
      // The three are written one after the other: each may arrive in a chunk of its own.
      await until(() => ['summary', 'followup'].every((type) => s.events.some((e) => e.event === type)));
      expect(Date.now() - started).toBeLessThan(1000);
      const types = s.events.filter((e) => e.event !== 'ready' && e.event).map((e) => e.event);
      expect(types).toEqual(['response', 'summary', 'followup']);
      const summary = JSON.parse(s.events.find((e) => e.event === 'summary')!.data!);
      expect(summary).toMatchObject({
        customerId: 'c1',
        latest: { nps: { value: 4 } },
        risk: { level: 'high' },
      });
      expect(s.events.some((e) => e.data?.includes('"other"'))).toBe(false);
      // Every event names its customer and site, so one stream can serve a page of customers, and
      // matches the shared schema the extension's worker reads it with.
      for (const type of ['response', 'followup', 'summary']) {
        const e = s.events.find((x) => x.event === type)!;
        expect(parseStreamEvent(type, e.data!)).toMatchObject({ type, customerId: 'c1', siteId: site.id });
      }
    } finally {
      await s.close();
    }
  });

  it('sends heartbeats and resumes after Last-Event-ID without missing anything', async () => {
    const first = await openStream('customers=c1');
    let lastId: string;
    try {
      await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
        responses: [makeResponse({ customer: { id: 'c1' }, answers: [{ questionId: 'nps', value: 9 }] })],
      });
      await until(() => s(first).some((e) => e.event === 'response'));
      lastId = s(first).find((e) => e.event === 'response')!.id!;
      await until(() => first.events.some((e) => e.comment === 'heartbeat'), 2000);
    } finally {
      await first.close();
    }
    // While disconnected: a follow-up is resolved and another response arrives.
    const [f] =
      (await t.request('GET', '/v1/followups?customer=c1&status=all', undefined, agent)).json.followups ?? [];
    expect(f).toBeUndefined();
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [makeResponse({ customer: { id: 'c1' }, answers: [{ questionId: 'nps', value: 2 }] })],
    });
    const [opened] = (await t.request('GET', '/v1/followups?customer=c1', undefined, agent)).json.followups;
    await t.request('PATCH', `/v1/followups/${opened.id}`, { status: 'resolved' }, agent);
    const second = await openStream('customers=c1', { ...agent, 'last-event-id': lastId });
    try {
      await until(() => second.events.filter((e) => e.event === 'followup').length === 2);
      const kinds = second.events
        .filter((e) => e.event === 'response' || e.event === 'followup')
        .map((e) => [e.event, JSON.parse(e.data!).status]);
      expect(kinds).toEqual([
        ['response', undefined],
        ['followup', 'open'],
        ['followup', 'resolved'],
      ]);
    } finally {
      await second.close();
    }
  });

  it("ends a revoked token's open stream at once, and an admin's when the admin token rotates", async () => {
    const tokens = (await t.admin('GET', '/v1/tokens')).json.tokens;
    const stream = await openStream('customers=c1');
    const admin = await openStream('customers=c1', ADMIN);
    try {
      await until(() => stream.events.some((e) => e.event === 'ready'));
      await until(() => admin.events.some((e) => e.event === 'ready'));
      const started = Date.now();
      expect((await t.admin('DELETE', `/v1/tokens/${tokens[0].id}`)).status).toBe(204);
      await until(() => stream.ended, 1000);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(stream.events.at(-1)!.event).toBe('revoked');
      // Nothing written after the revocation reaches it.
      await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
        responses: [makeResponse({ customer: { id: 'c1' } })],
      });
      await until(() => admin.events.some((e) => e.event === 'response'));
      expect(stream.events.some((e) => e.event === 'response')).toBe(false);
      expect(admin.ended).toBe(false);
      expect((await t.admin('POST', '/v1/admin-token/rotate')).status).toBe(200);
      await until(() => admin.ended, 1000);
    } finally {
      await stream.close();
      await admin.close();
    }
  });

  it("tells a customer's agents of an answer, and the follow-up it opens, sent without the customer's id", async () => {
    // The first send names the customer; a later one (a back end finishing the response, say)
    // adds a hard CES to the same response without naming them: the follow-up is theirs.
    const s = await openStream('customers=c9');
    try {
      await until(() => s.events.some((e) => e.event === 'ready'));
      const first = makeResponse({
        customer: { id: 'c9' },
        answers: [{ questionId: 'nps', value: 9 }],
        complete: false,
      });
      await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: [first] });
      await until(() => s.events.some((e) => e.event === 'response'));
      // (undefined is left out of the JSON sent)
      const unnamed = { ...first, customer: undefined };
      const later = await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
        responses: [{ ...unnamed, answers: [{ questionId: 'ces', value: 1 }], complete: true }],
      });
      expect(later.json.accepted).toEqual([first.id]);
      await until(() => s.events.some((e) => e.event === 'followup'));
      const followUp = JSON.parse(s.events.find((e) => e.event === 'followup')!.data!);
      expect(followUp).toMatchObject({
        customerId: 'c9',
        responseId: first.id,
        reason: 'CES 1',
        status: 'open',
      });
    } finally {
      await s.close();
    }
  });

  it('refuses a missing token, a wrong site and a bad query', async () => {
    expect((await t.app.request('/v1/stream?customers=c1')).status).toBe(401);
    expect((await t.app.request('/v1/stream?customers=c1&site=site_other', { headers: agent })).status).toBe(
      403,
    );
    expect((await t.app.request('/v1/stream', { headers: agent })).status).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `c${i}`).join(',');
    expect((await t.app.request(`/v1/stream?customers=${many}`, { headers: agent })).status).toBe(400);
    // Last-Event-ID is held to the same rule as ?lastEventId, not silently ignored.
    for (const bad of ['abc', '-1', '1.5']) {
      const r = await t.app.request('/v1/stream?customers=c1', {
        headers: { ...agent, 'last-event-id': bad },
      });
      expect([bad, r.status]).toEqual([bad, 400]);
    }
    expect((await t.app.request('/v1/stream?customers=c1&lastEventId=x', { headers: agent })).status).toBe(
      400,
    );
  });
});

describe('GET /v1/stream under bursts', () => {
  it('sends one summary per burst of answers, looked up once for every stream that shows it', async () => {
    const streams = [await openStream('customers=c7'), await openStream('customers=c7,c8')];
    try {
      for (const st of streams) await until(() => st.events.some((e) => e.event === 'ready'));
      const reads = await t.readsDuring(async () => {
        const burst = Array.from({ length: 5 }, () => makeResponse({ customer: { id: 'c7' } }));
        const res = await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: burst });
        expect(res.status).toBe(202);
        for (const st of streams) {
          await until(() => st.events.filter((e) => e.event === 'summary').length >= 1);
          await until(() => st.events.filter((e) => e.event === 'response').length === 5);
        }
      });
      for (const st of streams) {
        // The summary follows the last answer of the burst and carries its id.
        const events = st.events.filter((e) => e.event === 'response' || e.event === 'summary');
        expect(events.map((e) => e.event)).toEqual([
          'response',
          'response',
          'response',
          'response',
          'response',
          'summary',
        ]);
        expect(events[5]!.id).toBe(events[4]!.id);
      }
      // The customer lookup behind a summary: once, for two streams and five answers.
      expect(
        reads.filter((sql) => /FROM customers WHERE .* ORDER BY updated_at DESC/s.test(sql)),
      ).toHaveLength(1);
    } finally {
      for (const st of streams) await st.close();
    }
  });
});

const s = (stream: { events: Sse[] }) => stream.events;

// Several instances share PostgreSQL: a write on one reaches a stream held by another (LISTEN/NOTIFY).
if (testDbKind === 'postgres') {
  /** A second app instance on the same schema, with its own pool and LISTEN connection. */
  const openOtherInstance = async () => {
    const schema = (await t.db.get<{ s: string }>('SELECT current_schema() AS s'))!.s;
    const db = await createPostgresDb(process.env.DATABASE_URL!, { schema, max: 2 });
    const app = createApp({
      db,
      adminTokenHash: await sha256Hex(ADMIN_TOKEN),
      rateLimiter: createRateLimiter(1000),
      getClientIp: () => undefined,
    });
    return { db, app };
  };

  describe('GET /v1/stream across instances', () => {
    it('delivers a write made through another instance within a second', async () => {
      const { db: otherDb, app: other } = await openOtherInstance();
      const stream = await openStream('customers=c9');
      try {
        await until(() => stream.events.some((e) => e.event === 'ready'));
        const started = Date.now();
        const res = await other.request(`/v1/sites/${site.publicKey}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ responses: [makeResponse({ customer: { id: 'c9' } })] }),
        });
        expect(res.status).toBe(202);
        await until(() => stream.events.some((e) => e.event === 'response'));
        expect(Date.now() - started).toBeLessThan(1000);
      } finally {
        await stream.close();
        await otherDb.close();
      }
    });

    it("ends a token's stream at once when the token is revoked through another instance", async () => {
      const { db: otherDb, app: other } = await openOtherInstance();
      const stream = await openStream('customers=c9');
      try {
        await until(() => stream.events.some((e) => e.event === 'ready'));
        const [token] = (await t.admin('GET', '/v1/tokens')).json.tokens;
        const started = Date.now();
        const res = await other.request(`/v1/tokens/${token.id}`, { method: 'DELETE', headers: ADMIN });
        expect(res.status).toBe(204);
        await until(() => stream.ended, 1000);
        expect(Date.now() - started).toBeLessThan(1000);
        expect(stream.events.at(-1)!.event).toBe('revoked');
      } finally {
        await stream.close();
        await otherDb.close();
      }
    });

    it('re-opens the LISTEN connection after it is lost: live updates are back within a second', async () => {
      const schema = (await t.db.get<{ s: string }>('SELECT current_schema() AS s'))!.s;
      const stream = await openStream('customers=c7');
      try {
        await until(() => stream.events.some((e) => e.event === 'ready'));
        const killed = await t.db.all<{ ok: boolean }>(
          'SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = ?',
          [`moments-listen-${schema}`],
        );
        expect(killed).toEqual([{ ok: true }]);
        const started = Date.now();
        const res = await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
          responses: [makeResponse({ customer: { id: 'c7' } })],
        });
        expect(res.status).toBe(202);
        await until(() => stream.events.some((e) => e.event === 'response'), 3000);
        expect(Date.now() - started).toBeLessThan(1000);
        // A new connection listens again.
        const listening = await t.db.all('SELECT pid FROM pg_stat_activity WHERE application_name = ?', [
          `moments-listen-${schema}`,
        ]);
        expect(listening).toHaveLength(1);
      } finally {
        await stream.close();
      }
    });
  });
}
