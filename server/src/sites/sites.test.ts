import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, NPS_SURVEY, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('sites', () => {
  it('creates a site, shows the secret once, lists, gets and patches it', async () => {
    const created = await t.admin('POST', '/v1/sites', {
      name: 'Shop',
      allowedOrigins: ['https://shop.example.com'],
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Shop',
      allowedOrigins: ['https://shop.example.com'],
      requireSignedIdentity: false,
    });
    expect(created.json.publicKey).toMatch(/^pk_/);
    expect(created.json.secret).toMatch(/^sk_/);
    const id = created.json.id;
    const got = await t.admin('GET', `/v1/sites/${id}`);
    expect(got.json.secret).toBeUndefined();
    expect((await t.admin('GET', '/v1/sites')).json.sites).toHaveLength(1);
    const patched = await t.admin('PATCH', `/v1/sites/${id}`, { contactPolicy: { recontactDays: 30 } });
    expect(patched.status).toBe(200);
    expect(patched.json.contactPolicy).toEqual({ recontactDays: 30, maxPerMonth: 0 });
    expect(patched.json.name).toBe('Shop');
  });

  it('stores allowed origins as a browser sends them, so the exact match meets them', async () => {
    const created = await t.admin('POST', '/v1/sites', {
      name: 'Shop',
      allowedOrigins: ['https://Shop.Example.com:443', 'http://LOCALHOST:80', 'http://localhost:8080'],
    });
    expect(created.json.allowedOrigins).toEqual([
      'https://shop.example.com',
      'http://localhost',
      'http://localhost:8080',
    ]);
    await t.createSurvey(created.json.id);
    const answered = await t.request(
      'POST',
      `/v1/sites/${created.json.publicKey}/responses`,
      { responses: [makeResponse()] },
      { origin: 'https://shop.example.com' },
    );
    expect(answered.status).toBe(202);
    const patched = await t.admin('PATCH', `/v1/sites/${created.json.id}`, {
      allowedOrigins: ['https://shop.example.com:99999'],
    });
    expect(patched.status).toBe(400);
    expect(patched.json.error.issues[0].path).toBe('allowedOrigins.0');
  });

  it('needs the admin token', async () => {
    expect((await t.request('GET', '/v1/sites')).status).toBe(401);
    expect((await t.request('GET', '/v1/sites', undefined, { authorization: 'Bearer wrong' })).status).toBe(
      401,
    );
    const site = await t.createSite();
    const agent = await t.admin('POST', '/v1/tokens', { role: 'agent', name: 'Ada', siteIds: [site.id] });
    expect(
      (await t.request('GET', '/v1/sites', undefined, { authorization: `Bearer ${agent.json.token}` }))
        .status,
    ).toBe(403);
  });

  it('answers 404 for an unknown site', async () => {
    expect((await t.admin('GET', '/v1/sites/site_nope')).status).toBe(404);
    expect((await t.admin('PATCH', '/v1/sites/site_nope', { name: 'x' })).status).toBe(404);
  });
});

describe('surveys', () => {
  it('creates, conflicts on a taken id, replaces and deletes', async () => {
    const site = await t.createSite();
    const first = await t.admin('POST', `/v1/sites/${site.id}/surveys`, NPS_SURVEY);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      id: 'checkout-nps',
      siteId: site.id,
      status: 'active',
      frequency: { type: 'until_answered' },
    });
    expect((await t.admin('POST', `/v1/sites/${site.id}/surveys`, NPS_SURVEY)).status).toBe(409);
    const generated = await t.admin('POST', `/v1/sites/${site.id}/surveys`, { ...NPS_SURVEY, id: undefined });
    expect(generated.json.id).toMatch(/^srv_/);
    const { id: _id, ...body } = NPS_SURVEY;
    const put = await t.admin('PUT', '/v1/surveys/checkout-nps', { ...body, status: 'paused' });
    expect(put.json.status).toBe('paused');
    expect((await t.admin('GET', `/v1/sites/${site.id}/surveys`)).json.surveys).toHaveLength(2);
    expect((await t.admin('DELETE', '/v1/surveys/checkout-nps')).status).toBe(204);
    expect((await t.admin('GET', '/v1/surveys/checkout-nps')).status).toBe(404);
    expect((await t.admin('DELETE', '/v1/surveys/checkout-nps')).status).toBe(404);
  });

  it('refuses a showIf that names a later question', async () => {
    const site = await t.createSite();
    const res = await t.admin('POST', `/v1/sites/${site.id}/surveys`, {
      ...NPS_SURVEY,
      questions: [
        { id: 'a', type: 'text', text: 'A', showIf: { questionId: 'b', op: 'eq', value: 1 } },
        { id: 'b', type: 'nps', text: 'B' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe('questions.0.showIf.questionId');
  });
});

describe('tokens', () => {
  it('creates an agent token scoped to sites, and revokes it at once', async () => {
    const a = await t.createSite();
    const b = await t.createSite({ name: 'Other' });
    await t.admin('PUT', `/v1/sites/${a.id}/customers`, [{ id: 'c1', email: 'c1@example.com' }]);
    await t.admin('PUT', `/v1/sites/${b.id}/customers`, [{ id: 'c2', email: 'c2@example.com' }]);
    const created = await t.admin('POST', '/v1/tokens', { role: 'agent', name: 'Ada', siteIds: [a.id] });
    expect(created.status).toBe(201);
    const agent = { authorization: `Bearer ${created.json.token}` };
    expect(
      (await t.request('GET', '/v1/customers/lookup?email=c1@example.com', undefined, agent)).status,
    ).toBe(200);
    expect(
      (await t.request('GET', '/v1/customers/lookup?email=c2@example.com', undefined, agent)).status,
    ).toBe(404);
    expect(
      (await t.request('GET', `/v1/customers/lookup?email=c2@example.com&site=${b.id}`, undefined, agent))
        .status,
    ).toBe(403);
    const stored = await t.db.get<{ token_hash: string }>('SELECT token_hash FROM tokens');
    expect(stored!.token_hash).not.toContain(created.json.token);
    expect((await t.admin('DELETE', `/v1/tokens/${created.json.id}`)).status).toBe(204);
    expect(
      (await t.request('GET', '/v1/customers/lookup?email=c1@example.com', undefined, agent)).status,
    ).toBe(401);
  });

  it('refuses a token for an unknown site', async () => {
    const res = await t.admin('POST', '/v1/tokens', { role: 'agent', name: 'Ada', siteIds: ['site_nope'] });
    expect(res.status).toBe(400);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is arbitrary JSON
const body0 = (doc: any) =>
  doc.paths['/v1/sites/{siteKey}/responses'].post.requestBody.content['application/json'].schema;

describe('service routes', () => {
  it('answers /healthz without credentials', async () => {
    const r = await t.request('GET', '/healthz');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true });
  });

  it('documents the identity and email rules where integrators read them', async () => {
    const doc = (await t.request('GET', '/v1/openapi.json')).json;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/sites/{id}/rotate-secret',
        '/v1/sites/{id}/rotate-key',
        '/v1/admin-token/rotate',
        '/readyz',
      ]),
    );
    expect(doc.info.description).toContain('emailSignature');
    const customer = body0(doc).properties.responses.items.properties.customer.properties;
    expect(Object.keys(customer)).toEqual(expect.arrayContaining(['signature', 'emailSignature']));
  });
  it('answers an unknown route with the error body', async () => {
    const r = await t.request('GET', '/v2/nothing');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
  });

  it('answers a known path with another method 405 and Allow, not 404', async () => {
    const site = await t.createSite();
    const cases: [string, string, string][] = [
      ['DELETE', '/v1/sites', 'POST, GET, HEAD'],
      ['PUT', `/v1/sites/${site.id}`, 'GET, PATCH, HEAD'],
      ['DELETE', '/healthz', 'GET, HEAD'],
      ['POST', '/w.js', 'GET, HEAD'],
      ['GET', `/v1/sites/${site.publicKey}/events`, 'POST, OPTIONS'],
    ];
    for (const [method, path, allow] of cases) {
      const r = await t.admin(method, path);
      expect([method, path, r.status, r.headers.get('allow')]).toEqual([method, path, 405, allow]);
      expect(r.json.error.code).toBe('method_not_allowed');
    }
    expect((await t.admin('PUT', '/v1/nothing/here')).status).toBe(404);
  });
});
