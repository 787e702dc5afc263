import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { Db } from '../db/index.js';
import { sha256Hex } from '../domain/crypto.js';
import { createTestDb, NPS_SURVEY } from '../testing/test-app.js';
import { createRateLimiter, createSharedRateLimiter, RateLimitedError } from './rate-limit.js';

let db: Db;
let drop: () => Promise<void>;
beforeEach(async () => {
  ({ db, drop } = await createTestDb());
});
afterEach(() => drop());

describe('the shared public rate limit', () => {
  it('is one count for every instance on the database', async () => {
    // Two app instances on one database, as on PostgreSQL behind a load balancer.
    const adminTokenHash = await sha256Hex('admin');
    const instance = () =>
      createApp({
        db,
        adminTokenHash,
        rateLimiter: createSharedRateLimiter(db, 5),
        getClientIp: () => '203.0.113.7',
      });
    const [a, b] = [instance(), instance()];
    const created = await (
      await a.request('/v1/sites', {
        method: 'POST',
        headers: { authorization: 'Bearer admin', 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Shop' }),
      })
    ).json();
    await a.request(`/v1/sites/${created.id}/surveys`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin', 'content-type': 'application/json' },
      body: JSON.stringify(NPS_SURVEY),
    });
    const config = (app: typeof a) => app.request(`/v1/sites/${created.publicKey}/config`);
    // All in one minute's window: a count that began in the last seconds of one would start again.
    if (Date.now() % 60_000 > 55_000) await new Promise((r) => setTimeout(r, 60_100 - (Date.now() % 60_000)));
    const statuses: number[] = [];
    for (const app of [a, b, a, b, a, b]) statuses.push((await config(app)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await config(a);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('counts per key and starts again in the next window', async () => {
    // Two-second windows, starting just after one begins, so the first four calls share it even
    // on a busy machine.
    const limiter = createSharedRateLimiter(db, 2, 2);
    const nextWindow = () => new Promise((r) => setTimeout(r, 2000 - (Date.now() % 2000) + 20));
    await nextWindow();
    await limiter.consume('k1');
    await limiter.consume('k1');
    await expect(limiter.consume('k1')).rejects.toBeInstanceOf(RateLimitedError);
    await limiter.consume('k2');
    await nextWindow();
    await expect(limiter.consume('k1')).resolves.toBeUndefined();
  });

  it('counts a burst for one key in a few upserts, allowing exactly the limit', async () => {
    let upserts = 0;
    const counted = new Proxy(db, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver);
        if (key !== 'get') return typeof value === 'function' ? value.bind(target) : value;
        return (sql: string, params?: never[]) => {
          if (sql.includes('INTO rate_limits')) upserts++;
          return value.call(target, sql, params);
        };
      },
    });
    const limiter = createSharedRateLimiter(counted, 30);
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => limiter.consume('burst')));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(30);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(20);
    expect(refused.every((o) => o.reason instanceof RateLimitedError)).toBe(true);
    expect(upserts).toBeGreaterThan(0);
    expect(upserts).toBeLessThan(5);
    // The database holds the whole burst.
    const row = await db.get<{ n: number }>("SELECT n FROM rate_limits WHERE key = 'burst'");
    expect(Number(row!.n)).toBe(50);
  });

  it('falls back to counting in memory while the database does not answer', async () => {
    const down = { ...db, get: () => Promise.reject(new Error('connection refused')) } as unknown as Db;
    const limiter = createSharedRateLimiter(down, 2, 60, createRateLimiter(2, 60));
    await limiter.consume('k');
    await limiter.consume('k');
    await expect(limiter.consume('k')).rejects.toBeInstanceOf(RateLimitedError);
  });
});
