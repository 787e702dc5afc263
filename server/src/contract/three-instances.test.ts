// Three server processes on one PostgreSQL, as behind a load balancer: a live update crosses
// instances within a second, one rate limit is shared by all, and nothing acknowledged is lost or
// counted twice when one instance is killed mid-load and its clients retry on another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.js';
import { createPostgresDb } from '../db/postgres.js';
import { spawnServer } from '../testing/spawn-server.js';
import { makeResponse, NPS_SURVEY, testDbKind } from '../testing/test-app.js';

const TOKEN = 'three-instances-admin';
const RATE_LIMIT = 40;

if (testDbKind === 'postgres') {
  type Server = Awaited<ReturnType<typeof spawnServer>>;
  let servers: Server[] = [];
  let db: Db;
  let schema: string;
  let site: { id: string; publicKey: string };
  /** Responses stored by the tests before the load. */
  const earlier: string[] = [];

  const call = (url: string, path: string, init: RequestInit & { ip?: string } = {}) =>
    fetch(`${url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKEN}`,
        // One trusted proxy in front: the address it saw is the client's.
        'x-forwarded-for':
          init.ip ?? `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.1`,
        ...(init.headers as Record<string, string>),
      },
    });

  beforeAll(async () => {
    schema = `three_${Date.now().toString(36)}`;
    const base = process.env.DATABASE_URL!;
    db = await createPostgresDb(base, { schema });
    await db.migrate();
    const url = `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    servers = await Promise.all(
      [0, 1, 2].map(() =>
        spawnServer({
          DATABASE_URL: url,
          MOMENTS_ADMIN_TOKEN: TOKEN,
          MOMENTS_RATE_LIMIT: String(RATE_LIMIT),
          MOMENTS_TRUST_PROXY: '1',
        }),
      ),
    );
    site = await (
      await call(servers[0]!.url, '/v1/sites', { method: 'POST', body: JSON.stringify({ name: 'Three' }) })
    ).json();
    expect(
      (
        await call(servers[1]!.url, `/v1/sites/${site.id}/surveys`, {
          method: 'POST',
          body: JSON.stringify(NPS_SURVEY),
        })
      ).status,
    ).toBe(201);
  }, 60_000);

  afterAll(async () => {
    for (const s of servers) s.proc.kill('SIGKILL');
    await db.run(`DROP SCHEMA "${schema}" CASCADE`);
    await db.close();
  });

  describe('three instances on one PostgreSQL', () => {
    it('deliver a response written through one to a stream held by another within a second', async () => {
      const controller = new AbortController();
      const res = await call(servers[1]!.url, '/v1/stream?customers=c-live', { signal: controller.signal });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      let text = '';
      const waitFor = async (needle: string) => {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) throw new Error('the stream ended');
          text += new TextDecoder().decode(value);
        }
      };
      await waitFor('event: ready');
      const started = Date.now();
      const live = makeResponse({ customer: { id: 'c-live' } });
      earlier.push(live.id);
      const sent = await call(servers[2]!.url, `/v1/sites/${site.publicKey}/responses`, {
        method: 'POST',
        body: JSON.stringify({ responses: [live] }),
      });
      expect(sent.status).toBe(202);
      await waitFor('event: response');
      expect(Date.now() - started).toBeLessThan(1000);
      controller.abort();
    });

    it('share one rate limit', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < RATE_LIMIT + 1; i++) {
        const res = await call(servers[i % 3]!.url, `/v1/sites/${site.publicKey}/config`, {
          ip: '203.0.113.9',
        });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, RATE_LIMIT).every((s) => s === 200)).toBe(true);
      expect(statuses[RATE_LIMIT]).toBe(429);
    });

    it('lose nothing and count nothing twice when one is killed mid-load and clients retry elsewhere', async () => {
      const acknowledged = new Set<string>();
      const sent = new Set<string>(earlier);
      let stop = false;
      const alive = () => servers.filter((s) => s.proc.exitCode === null && !s.proc.killed);
      const sender = async (n: number) => {
        for (let i = 0; !stop; i++) {
          const batch = Array.from({ length: 10 }, () =>
            makeResponse({ createdAt: new Date(Date.now() - 60_000).toISOString() }),
          );
          for (const r of batch) sent.add(r.id);
          // Round-robin, and on a failure the same batch again on another instance, as a client retries.
          for (let attempt = 0; attempt < 3; attempt++) {
            const targets = alive();
            const target = targets[(n + i + attempt) % targets.length]!;
            try {
              const res = await call(target.url, `/v1/sites/${site.publicKey}/responses`, {
                method: 'POST',
                body: JSON.stringify({ responses: batch }),
              });
              if (res.status !== 202) continue;
              const body = (await res.json()) as { accepted: string[]; duplicates: string[] };
              for (const id of [...body.accepted, ...body.duplicates]) acknowledged.add(id);
              break;
            } catch {
              // the connection died with the instance: retry elsewhere
            }
          }
        }
      };
      const senders = Array.from({ length: 6 }, (_, n) => sender(n));
      await new Promise((r) => setTimeout(r, 1500));
      servers[2]!.proc.kill('SIGKILL');
      await servers[2]!.exited;
      await new Promise((r) => setTimeout(r, 1000));
      stop = true;
      await Promise.all(senders);
      expect(acknowledged.size).toBeGreaterThan(100);

      const ids = (await db.all<{ id: string }>('SELECT id FROM responses')).map((r) => r.id);
      const stored = new Set(ids);
      expect(ids.length).toBe(stored.size);
      expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
      // Nothing was stored that was never sent, and every stored response has its one answer once.
      expect(ids.filter((id) => !sent.has(id))).toEqual([]);
      const answers = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM answers WHERE qtype = 'nps'");
      expect(Number(answers!.n)).toBe(stored.size);
      const rolled = await db.get<{ n: number }>('SELECT COALESCE(SUM(n), 0) AS n FROM response_daily');
      expect(Number(rolled!.n)).toBe(stored.size);
      const scored = await db.get<{ n: number }>(
        "SELECT COALESCE(SUM(n), 0) AS n FROM score_daily WHERE qtype = 'nps'",
      );
      expect(Number(scored!.n)).toBe(stored.size);
    }, 60_000);
  });
}
