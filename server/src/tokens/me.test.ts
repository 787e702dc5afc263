import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('GET /v1/me', () => {
  it("gives an agent its sites and the company domains of their allowed origins, not other sites'", async () => {
    const mine = await t.admin('POST', '/v1/sites', {
      name: 'Acme',
      allowedOrigins: ['https://shop.acme.com', 'http://localhost:8787'],
    });
    await t.admin('POST', '/v1/sites', { name: 'Other', allowedOrigins: ['https://other.example'] });
    const token = await t.admin('POST', '/v1/tokens', {
      role: 'agent',
      name: 'Ada',
      siteIds: [mine.json.id],
    });
    const res = await t.request('GET', '/v1/me', undefined, { authorization: `Bearer ${token.json.token}` });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ role: 'agent', siteIds: [mine.json.id], companyDomains: ['acme.com'] });
  });

  it('refuses a missing or wrong token', async () => {
    expect((await t.request('GET', '/v1/me')).status).toBe(401);
    expect((await t.request('GET', '/v1/me', undefined, { authorization: 'Bearer mat_nope' })).status).toBe(
      401,
    );
  });
});
