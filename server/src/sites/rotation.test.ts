import { afterEach, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../domain/crypto.js';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
afterEach(() => t.close());

async function setUp(rotationGraceMs?: number) {
  t = await createTestApp({ rotationGraceMs });
  const site = await t.createSite({ requireSignedIdentity: true });
  await t.createSurvey(site.id);
  return site;
}

const answer = (key: string, sig: string) =>
  t.request('POST', `/v1/sites/${key}/responses`, {
    responses: [makeResponse({ customer: { id: 'c1', signature: sig } })],
  });

describe('site secret and public key rotation', () => {
  it('gives a new secret; the old one still signs during the grace period', async () => {
    const site = await setUp();
    const oldSig = await hmacSha256Hex(site.secret, 'c1');
    const r = await t.admin('POST', `/v1/sites/${site.id}/rotate-secret`);
    expect(r.status).toBe(200);
    expect(r.json.secret).toMatch(/^sk_/);
    expect(r.json.secret).not.toBe(site.secret);
    expect(Date.parse(r.json.previousSecretValidUntil) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect((await answer(site.publicKey, oldSig)).status).toBe(202);
    expect((await answer(site.publicKey, await hmacSha256Hex(r.json.secret, 'c1'))).status).toBe(202);
    const config = await t.request('GET', `/v1/sites/${site.publicKey}/config?customer=c1&sig=${oldSig}`);
    expect(config.status).toBe(200);
    expect(JSON.stringify((await t.admin('GET', `/v1/sites/${site.id}`)).json)).not.toContain('sk_');
    expect((await t.admin('POST', '/v1/sites/site_nope/rotate-secret')).status).toBe(404);
    expect((await t.request('POST', `/v1/sites/${site.id}/rotate-secret`)).status).toBe(401);
  });

  it('stops taking the old secret and the old key once the grace period is over', async () => {
    const site = await setUp(0);
    const oldSig = await hmacSha256Hex(site.secret, 'c1');
    const secret = (await t.admin('POST', `/v1/sites/${site.id}/rotate-secret`)).json.secret;
    expect((await answer(site.publicKey, oldSig)).status).toBe(401);
    expect((await answer(site.publicKey, await hmacSha256Hex(secret, 'c1'))).status).toBe(202);
    const key = await t.admin('POST', `/v1/sites/${site.id}/rotate-key`);
    expect(key.json.publicKey).toMatch(/^pk_/);
    expect((await t.request('GET', `/v1/sites/${site.publicKey}/config`)).status).toBe(404);
    expect((await t.request('GET', `/v1/sites/${key.json.publicKey}/config`)).status).toBe(200);
  });

  it('keeps the old public key serving during the grace period', async () => {
    const site = await setUp();
    const key = await t.admin('POST', `/v1/sites/${site.id}/rotate-key`);
    expect(key.status).toBe(200);
    expect((await t.admin('GET', `/v1/sites/${site.id}`)).json.publicKey).toBe(key.json.publicKey);
    expect((await t.request('GET', `/v1/sites/${site.publicKey}/config`)).status).toBe(200);
    expect((await t.request('GET', `/v1/sites/${key.json.publicKey}/config`)).status).toBe(200);
  });
});

describe('the site a public key names, kept in memory where one process owns the database', () => {
  it('ends a grace period on time though the site was read just before', async () => {
    const site = await setUp(400);
    const oldSig = await hmacSha256Hex(site.secret, 'c1');
    await t.admin('POST', `/v1/sites/${site.id}/rotate-secret`);
    const key = (await t.admin('POST', `/v1/sites/${site.id}/rotate-key`)).json.publicKey;
    expect((await answer(site.publicKey, oldSig)).status).toBe(202);
    expect((await answer(key, oldSig)).status).toBe(202);
    await new Promise((r) => setTimeout(r, 450));
    expect((await answer(site.publicKey, oldSig)).status).toBe(404);
    expect((await answer(key, oldSig)).status).toBe(401);
  });

  it('applies a change of settings to the next public request', async () => {
    const site = await setUp();
    const from = (origin: string) =>
      t.request('GET', `/v1/sites/${site.publicKey}/config`, undefined, { origin });
    expect((await from('https://old.example')).status).toBe(200);
    await t.admin('PATCH', `/v1/sites/${site.id}`, { allowedOrigins: ['https://new.example'] });
    expect((await from('https://old.example')).status).toBe(403);
    expect((await from('https://new.example')).status).toBe(200);
  });
});
