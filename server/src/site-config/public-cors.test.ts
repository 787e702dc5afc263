import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

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
