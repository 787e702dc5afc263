import { ApiClientError, createApiClient } from '@moments/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestApp, makeResponse, NPS_SURVEY, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('the shared typed API client', () => {
  it('drives the whole loop against the app', async () => {
    const fetchApp = ((url: string, init?: RequestInit) => t.app.request(url, init)) as typeof fetch;
    const admin = createApiClient({ baseUrl: 'http://moments.test', token: ADMIN_TOKEN, fetch: fetchApp });
    const site = await admin.createSite({ name: 'Client shop' });
    await admin.createSurvey(site.id, NPS_SURVEY as Parameters<typeof admin.createSurvey>[1]);
    const publicClient = createApiClient({ baseUrl: 'http://moments.test', fetch: fetchApp });
    const r = makeResponse({ customer: { id: 'c1', email: 'c1@example.com' } });
    expect(await publicClient.sendResponses(site.publicKey, [r as never])).toEqual({
      accepted: [r.id],
      duplicates: [],
    });
    expect((await admin.upsertCustomers(site.id, 'id,plan\nc1,pro\n')).updated).toBe(1);
    const agent = await admin.createAgentToken('Ada', [site.id]);
    const agentClient = createApiClient({
      baseUrl: 'http://moments.test',
      token: agent.token,
      fetch: fetchApp,
    });
    expect((await agentClient.lookupCustomer({ email: 'c1@example.com' })).customer.plan).toBe('pro');
    expect((await admin.getSummary(site.id)).nps.n).toBe(1);
    const err = await agentClient.listSites().catch((e) => e);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err.status).toBe(403);
    expect(err.body.error.code).toBe('forbidden');
  });
});
