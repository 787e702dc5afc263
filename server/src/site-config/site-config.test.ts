import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../domain/crypto.js';
import { createTestApp, makeResponse, NPS_SURVEY, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
  await t.createSurvey(site.id, {
    id: 'cancel-ces',
    moment: 'cancel_started',
    priority: 10,
    frequency: { type: 'once' },
  });
  await t.createSurvey(site.id, { id: 'paused', status: 'paused' });
});
afterEach(() => t.close());

const config = (query = '', headers: Record<string, string> = {}) =>
  t.request('GET', `/v1/sites/${site.publicKey}/config${query}`, undefined, headers);

describe('GET /v1/sites/{siteKey}/config', () => {
  it('lists active surveys and the policy, with an ETag that gives 304', async () => {
    const first = await config();
    expect(first.status).toBe(200);
    expect(first.json.surveys.map((s: { id: string }) => s.id)).toEqual(['checkout-nps', 'cancel-ces']);
    expect(first.json.contactPolicy).toEqual({ recontactDays: 14, maxPerMonth: 0 });
    expect(first.json.eligible).toBeUndefined();
    expect(first.headers.get('cache-control')).toMatch(/public, max-age/);
    // Kept by shared caches, and answered with CORS headers only to an Origin: a copy fetched
    // without one must not be served to a page's fetch, which would then fail.
    expect(first.headers.get('vary')).toMatch(/\bOrigin\b/);
    const etag = first.headers.get('etag')!;
    expect((await config('', { 'if-none-match': etag })).status).toBe(304);
    await t.admin('PUT', '/v1/surveys/checkout-nps', {
      ...NPS_SURVEY,
      id: undefined,
      name: 'Renamed',
      priority: 3,
    });
    expect((await config('', { 'if-none-match': etag })).status).toBe(200);
  });

  it('lists what a verified customer may be shown under the contact policy', async () => {
    const sig = await hmacSha256Hex(site.secret, 'cust-1');
    expect((await config(`?customer=cust-1&sig=${sig}`)).json.eligible).toEqual([
      'cancel-ces',
      'checkout-nps',
    ]);
    const display = {
      id: 'display-0001',
      surveyId: 'cancel-ces',
      anonymousId: 'a',
      customer: { id: 'cust-1' },
      createdAt: new Date().toISOString(),
    };
    await t.request('POST', `/v1/sites/${site.publicKey}/displays`, { displays: [display] });
    // Shown a survey just now: the 14-day recontact window holds back every survey.
    expect((await config(`?customer=cust-1&sig=${sig}`)).json.eligible).toEqual([]);
    await t.admin('PATCH', `/v1/sites/${site.id}`, { contactPolicy: { recontactDays: 0 } });
    // Without a window: 'once' is used up, the other survey may show.
    expect((await config(`?customer=cust-1&sig=${sig}`)).json.eligible).toEqual(['checkout-nps']);
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [makeResponse({ customer: { id: 'cust-1' } })],
    });
    expect((await config(`?customer=cust-1&sig=${sig}`)).json.eligible).toEqual([]);
  });

  it('refuses a wrong signature and keeps eligibility from unsigned callers when signing is required', async () => {
    expect((await config(`?customer=cust-1&sig=${'0'.repeat(64)}`)).status).toBe(401);
    await t.admin('PATCH', `/v1/sites/${site.id}`, { requireSignedIdentity: true });
    const unsigned = await config('?customer=cust-1');
    expect(unsigned.status).toBe(200);
    expect(unsigned.json.eligible).toBeUndefined();
  });
});
