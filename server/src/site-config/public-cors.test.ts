import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { sha256Hex } from '../domain/crypto.js';
import { createRateLimiter } from '../http/rate-limit.js';
import {
  ADMIN_TOKEN,
  createTestApp,
  makeResponse,
  openDeadDb,
  type TestApp,
  testDbKind,
} from '../testing/test-app.js';

// Every answer of a public endpoint to an origin the site allows is readable there (CORS), the
// refusals made before the site is known included.
const SHOP = 'https://shop.example.com';

describe('CORS on the public endpoints', () => {
  let t: TestApp;
  let site: { id: string; publicKey: string };
  beforeAll(async () => {
    t = await createTestApp();
    site = await t.createSite({ allowedOrigins: [SHOP] });
    await t.createSurvey(site.id);
  });
  afterAll(() => t.close());

  it('a method the endpoint does not take: 405 with Allow, readable by an allowed origin only', async () => {
    for (const kind of ['displays', 'events']) {
      const res = await t.request('PUT', `/v1/sites/${site.publicKey}/${kind}`, '{}', {
        origin: SHOP,
        'content-type': 'text/plain',
      });
      expect(res.status, kind).toBe(405);
      expect(res.headers.get('allow'), kind).toContain('POST');
      expect(res.json.error.code, kind).toBe('method_not_allowed');
      expect(res.headers.get('access-control-allow-origin'), kind).toBe(SHOP);
    }
    const evil = await t.request('DELETE', `/v1/sites/${site.publicKey}/config`, undefined, {
      origin: 'https://evil.example.com',
    });
    expect(evil.status).toBe(405);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});

// The edge runs its database inside workerd: there is no closed one to hand it.
describe.runIf(testDbKind !== 'edge')('CORS while the database is down', () => {
  const cleanups: (() => unknown)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });
  it('the 503 and its Retry-After are readable by the page (the allowlist cannot be read)', async () => {
    const app = createApp({
      db: await openDeadDb(cleanups),
      adminTokenHash: await sha256Hex(ADMIN_TOKEN),
      rateLimiter: createRateLimiter(1000),
      getClientIp: () => undefined,
    });
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
