import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';
import { findBodyProblem, MAX_JSON_DEPTH } from './guard-input.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
});
afterEach(() => t.close());

const NUL = '\u0000';

describe('NUL in a path, query or body', () => {
  it('is a 400 on every kind of endpoint and stores nothing', async () => {
    const before = await t.countRows();
    const key = site.publicKey;
    const cases: [string, string, unknown?, Record<string, string>?][] = [
      ['GET', `/v1/sites/${key}%00/config`],
      ['GET', `/v1/sites/${key}/config?customer=c1%00`],
      ['POST', `/v1/sites/${key}/responses`, { responses: [makeResponse({ customer: { id: `c${NUL}1` } })] }],
      [
        'POST',
        `/v1/sites/${key}/responses`,
        JSON.stringify({ responses: [makeResponse({ anonymousId: `a${NUL}` })] }),
        { 'content-type': 'text/plain' },
      ],
      [
        'POST',
        `/v1/sites/${key}/displays`,
        {
          displays: [
            {
              id: 'display-0001',
              surveyId: 'checkout-nps',
              anonymousId: NUL,
              createdAt: new Date().toISOString(),
            },
          ],
        },
      ],
      [
        'POST',
        `/v1/sites/${key}/events`,
        {
          events: [
            {
              id: 'event-00001',
              name: 'x',
              anonymousId: 'a',
              props: { k: NUL },
              createdAt: new Date().toISOString(),
            },
          ],
        },
      ],
      ['POST', '/v1/sites', { name: `Shop${NUL}` }],
      ['PATCH', `/v1/sites/${site.id}`, { name: `Shop${NUL}` }],
      [
        'POST',
        `/v1/sites/${site.id}/surveys`,
        { name: `x${NUL}`, moment: 'm', questions: [{ id: 'n', type: 'nps', text: 'q' }] },
      ],
      [
        'PUT',
        `/v1/sites/${site.id}/customers`,
        `id,email\nc${NUL}1,a@example.com`,
        { 'content-type': 'text/csv' },
      ],
      ['GET', '/v1/customers/lookup?email=a%00@example.com'],
      ['GET', '/v1/customers/lookup?id=c%001'],
      ['GET', '/v1/stream?customers=c%001'],
      ['GET', '/v1/followups?customer=c%001'],
      ['GET', `/v1/sites/${site.id}/responses?surveyId=x%00`],
      ['GET', `/v1/sites/${site.id}/reports/summary?team=t%00`],
      ['POST', '/v1/tokens', { role: 'agent', name: `A${NUL}`, siteIds: [site.id] }],
      [
        'POST',
        `/v1/sites/${site.id}/webhooks`,
        { url: 'https://example.com/h', events: ['response.created'], secret: `s${NUL}`.repeat(20) },
      ],
      ['POST', '/app/session', { token: `x${NUL}` }, { 'x-moments-csrf': '1' }],
    ];
    for (const [method, path, body, headers] of cases) {
      const r = await t.admin(method, path, body, headers);
      expect([method, path, r.status]).toEqual([method, path, 400]);
      expect(r.json.error.code).toBe('invalid_request');
    }
    expect(await t.countRows()).toEqual(before);
  });

  it('lets an escaped backslash followed by u0000 through: that is text, not NUL', async () => {
    const r = await t.request('POST', `/v1/sites/${site.publicKey}/events`, {
      events: [
        {
          id: 'event-00002',
          name: 'x',
          anonymousId: 'a',
          props: { k: '\\u0000' },
          createdAt: new Date().toISOString(),
        },
      ],
    });
    expect(r.status).toBe(202);
  });
});

describe('lone surrogates in JSON', () => {
  it('is a 400 that stores nothing, a pair (an emoji) is text', async () => {
    // A webhook: its delivery row is JSON, where PostgreSQL refused a lone surrogate with a 500.
    const hook = await t.admin('POST', `/v1/sites/${site.id}/webhooks`, {
      url: 'https://example.com/h',
      events: ['response.created'],
      secret: 's'.repeat(20),
    });
    expect(hook.status).toBe(201);
    const before = await t.countRows();
    const path = `/v1/sites/${site.publicKey}/responses`;
    const send = (id: string, customerId: string) =>
      t.request(
        'POST',
        path,
        JSON.stringify({ responses: [makeResponse({ id, customer: { id: 'c1' } })] }).replace(
          '"c1"',
          `"${customerId}"`,
        ),
      );
    for (const lone of ['\\ud800', 'a\\udfffb', '\\uDBFF\\\\uDC00']) {
      const r = await send('lone-surrogate-1', lone);
      expect([lone, r.status]).toEqual([lone, 400]);
      expect(r.json.error.issues[0].message).toMatch(/surrogate/);
    }
    expect(await t.countRows()).toEqual(before);
    expect((await send('paired-surrogate-1', '\\ud83d\\ude00')).status).toBe(202);
  });

  it('findBodyProblem tells an escaped backslash from an escape', () => {
    expect(findBodyProblem('{"a":"\\ud800"}', true)).toMatch(/surrogate/);
    expect(findBodyProblem('{"a":"\\udc00\\ud800"}', true)).toMatch(/surrogate/);
    expect(findBodyProblem('{"a":"\\ud83d\\ude00"}', true)).toBeUndefined();
    expect(findBodyProblem('{"a":"\\\\ud800"}', true)).toBeUndefined();
    expect(findBodyProblem('{"a":"\\\\\\ud800"}', true)).toMatch(/surrogate/);
  });
});

describe('a compressed body', () => {
  it('is a 415 naming the encoding, never inflated', async () => {
    const before = await t.countRows();
    const body = new Uint8Array(gzipSync(JSON.stringify({ responses: [makeResponse()] })));
    const r = await t.request('POST', `/v1/sites/${site.publicKey}/responses`, body, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(r.status).toBe(415);
    expect(r.json.error).toEqual({
      code: 'unsupported_media_type',
      message: 'Content-Encoding gzip is not accepted: send the body uncompressed',
    });
    expect(await t.countRows()).toEqual(before);
  });
});

describe('JSON depth', () => {
  const nest = (depth: number) => '['.repeat(depth - 1) + '{}' + ']'.repeat(depth - 1);

  it(`refuses a body nested deeper than ${MAX_JSON_DEPTH} levels, brackets in strings aside`, async () => {
    const deep = `{"responses": ${nest(MAX_JSON_DEPTH)}}`;
    const r = await t.request('POST', `/v1/sites/${site.publicKey}/responses`, deep);
    expect(r.status).toBe(400);
    expect(r.json.error.issues[0].message).toMatch(/nested deeper/);
    const shallow = JSON.stringify({
      responses: [makeResponse({ answers: [{ questionId: 'nps', value: 9 }], anonymousId: '[['.repeat(40) })],
    });
    expect((await t.request('POST', `/v1/sites/${site.publicKey}/responses`, shallow)).status).toBe(202);
  });
});

describe('findBodyProblem', () => {
  it('tells text from NUL and counts only brackets outside strings', () => {
    expect(findBodyProblem('{"a":"x\\u0000"}', true)).toMatch(/NUL/);
    expect(findBodyProblem('{"a":"x\\\\u0000"}', true)).toBeUndefined();
    expect(findBodyProblem('{"a":"x\\\\\\u0000"}', true)).toMatch(/NUL/);
    expect(findBodyProblem('id\nc\u00001', false)).toMatch(/NUL/);
    expect(findBodyProblem(`{"a":"${'['.repeat(50)}\\"${'{'.repeat(50)}"}`, true)).toBeUndefined();
    expect(
      findBodyProblem(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`, true),
    ).toBeUndefined();
    expect(
      findBodyProblem(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`, true),
    ).toMatch(/deeper/);
    expect(findBodyProblem(`${'['.repeat(MAX_JSON_DEPTH + 1)}`, false)).toBeUndefined();
  });
});
