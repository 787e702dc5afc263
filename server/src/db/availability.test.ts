import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { sha256Hex } from '../domain/crypto.js';
import { createRateLimiter } from '../http/rate-limit.js';
import {
  ADMIN,
  ADMIN_TOKEN,
  createTestApp,
  makeResponse,
  openDeadDb,
  type TestApp,
} from '../testing/test-app.js';

let t: TestApp | undefined;
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  await t?.close();
  t = undefined;
  for (const c of cleanups.splice(0)) await c();
});

const SHOP = 'https://shop.example.com';

/** The app on a database that is down. */
const openDeadApp = async () =>
  createApp({
    db: await openDeadDb(cleanups),
    adminTokenHash: await sha256Hex(ADMIN_TOKEN),
    rateLimiter: createRateLimiter(1000),
    getClientIp: () => undefined,
  });

describe('database down', () => {
  it('ingest answers 503 with Retry-After, never 500; /readyz is 503 while /healthz stays 200', async () => {
    const app = await openDeadApp();
    const ingest = await app.request('/v1/sites/pk_whatever/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ responses: [makeResponse()] }),
    });
    expect(ingest.status).toBe(503);
    expect(ingest.headers.get('retry-after')).toBe('5');
    expect((await ingest.json()).error.code).toBe('unavailable');
    const admin = await app.request('/v1/sites', { headers: ADMIN });
    expect(admin.status).toBe(503);
    expect((await app.request('/readyz')).status).toBe(503);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('/readyz is 200 while the database answers', async () => {
    t = await createTestApp();
    const r = await t.request('GET', '/readyz');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true });
  });

  it('gives the public endpoints’ 503 CORS for the page, its allowlist unreadable; admin paths none', async () => {
    const app = await openDeadApp();
    const ingest = await app.request('/v1/sites/pk_whatever/responses', {
      method: 'POST',
      headers: { origin: SHOP, 'content-type': 'text/plain' },
      body: JSON.stringify({ responses: [makeResponse()] }),
    });
    expect(ingest.status).toBe(503);
    expect(ingest.headers.get('retry-after')).toBe('5');
    expect(ingest.headers.get('access-control-allow-origin')).toBe(SHOP);
    const config = await app.request('/v1/sites/pk_whatever/config', { headers: { origin: SHOP } });
    expect(config.status).toBe(503);
    expect(config.headers.get('access-control-allow-origin')).toBe(SHOP);
    // Admin paths never answer CORS.
    const admin = await app.request('/v1/sites', { headers: { origin: SHOP, authorization: `Bearer x` } });
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });
});
