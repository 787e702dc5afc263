import { afterEach, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../domain/crypto.js';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
afterEach(() => t.close());

async function setUp(requireSignedIdentity = false) {
  t = await createTestApp();
  site = await t.createSite({ requireSignedIdentity });
  await t.createSurvey(site.id);
  await t.admin('PUT', `/v1/sites/${site.id}/customers`, [
    { id: 'c1', email: 'ceo@example.com', plan: 'pro' },
  ]);
}

const answer = (customer: Record<string, unknown>, text = 'hello') =>
  t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
    responses: [
      makeResponse({
        customer,
        answers: [
          { questionId: 'nps', value: 1 },
          { questionId: 'why', value: text },
        ],
      }),
    ],
  });
const emailOf = async (id: string) =>
  (await t.db.get<{ email: string | null }>('SELECT email FROM customers WHERE id = ?', [id]))?.email;
const lookupByEmail = (email: string) =>
  t.admin('GET', `/v1/customers/lookup?email=${encodeURIComponent(email)}`);

describe('a visitor cannot attach another customer’s email', () => {
  it('unsigned: the claim is not stored, lookup still shows the real customer with none of the visitor’s words', async () => {
    await setUp();
    expect((await answer({ id: 'mallory', email: 'CEO@example.com' }, 'I hate you')).status).toBe(202);
    await t.request('POST', `/v1/sites/${site.publicKey}/events`, {
      events: [
        {
          id: 'event-mallory-1',
          name: 'x',
          anonymousId: 'a',
          customer: { id: 'mallory2', email: 'ceo@example.com' },
          createdAt: new Date().toISOString(),
        },
      ],
    });
    expect(await emailOf('mallory')).toBeNull();
    expect(await emailOf('mallory2')).toBeNull();
    const r = await lookupByEmail('ceo@example.com');
    expect(r.status).toBe(200);
    expect(r.json.customer.id).toBe('c1');
    expect(r.json.comments).toEqual([]);
  });

  it('unsigned: never changes a stored email, and fills an empty one only with an email nobody holds', async () => {
    await setUp();
    await answer({ id: 'c1', email: 'attacker@example.com' });
    expect(await emailOf('c1')).toBe('ceo@example.com');
    await answer({ id: 'c2', email: 'c2@example.com' });
    expect(await emailOf('c2')).toBe('c2@example.com');
    expect((await lookupByEmail('c2@example.com')).json.customer.id).toBe('c2');
    await answer({ id: 'c2', email: 'other@example.com' });
    expect(await emailOf('c2')).toBe('c2@example.com');
    // Traits too: an unsigned identity fills them once and changes them never.
    await answer({ id: 'c2', traits: { plan: 'free' } });
    await answer({ id: 'c2', traits: { plan: 'enterprise' } });
    const traits = await t.db.get<{ traits: string }>("SELECT traits FROM customers WHERE id = 'c2'");
    expect(JSON.parse(traits!.traits)).toEqual({ plan: 'free' });
  });

  it('signed by id only: the email is not covered, so a site requiring signed identity drops it', async () => {
    await setUp(true);
    const signature = await hmacSha256Hex(site.secret, 'mallory');
    expect((await answer({ id: 'mallory', email: 'ceo@example.com', signature })).status).toBe(202);
    expect(await emailOf('mallory')).toBeNull();
    expect((await lookupByEmail('ceo@example.com')).json.customer.id).toBe('c1');
  });

  it('an emailSignature over id and email makes the email the site’s word; a wrong one is 401', async () => {
    await setUp(true);
    const emailSignature = await hmacSha256Hex(site.secret, 'c1\nnew-ceo@example.com');
    expect((await answer({ id: 'c1', email: 'new-ceo@example.com', emailSignature })).status).toBe(202);
    expect(await emailOf('c1')).toBe('new-ceo@example.com');
    const forged = await hmacSha256Hex(site.secret, 'c1\nnew-ceo@example.com');
    expect(
      (await answer({ id: 'mallory', email: 'new-ceo@example.com', emailSignature: forged })).status,
    ).toBe(401);
    expect((await answer({ id: 'c1', emailSignature })).status).toBe(401);
    expect(await emailOf('mallory')).toBeUndefined();
  });
});

describe('lookup by an email two customers hold', () => {
  it('is ambiguous: 409, while lookup by id still answers', async () => {
    await setUp();
    await t.admin('PUT', `/v1/sites/${site.id}/customers`, [{ id: 'c9', email: 'ceo@example.com' }]);
    const r = await lookupByEmail('CEO@example.com');
    expect(r.status).toBe(409);
    expect(r.json.error.code).toBe('conflict');
    expect((await t.admin('GET', '/v1/customers/lookup?id=c9')).json.customer.id).toBe('c9');
  });
});
