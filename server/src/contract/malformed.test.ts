import { ErrorBodySchema } from '@moments/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, NPS_SURVEY, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
let before: Record<string, number>;
beforeAll(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
  await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: [makeResponse()] });
  before = await t.countRows();
});
afterAll(() => t.close());

type Case = [
  name: string,
  method: string,
  path: () => string,
  body: unknown,
  status: number,
  headers?: Record<string, string>,
];
const A = 'admin';
const P = () => `/v1/sites/${site.publicKey}`;
const S = () => `/v1/sites/${site.id}`;
const now = new Date().toISOString();

const cases: (Case & { auth?: string })[] = [
  // Public: responses
  ['responses: no body', 'POST', () => `${P()}/responses`, undefined, 400],
  ['responses: not JSON', 'POST', () => `${P()}/responses`, '{"responses": [', 400],
  ['responses: empty batch', 'POST', () => `${P()}/responses`, { responses: [] }, 400],
  ['responses: not an array', 'POST', () => `${P()}/responses`, { responses: {} }, 400],
  [
    'responses: short id',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ id: 'abc' })] },
    400,
  ],
  [
    'responses: id with spaces',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ id: 'has space 123' })] },
    400,
  ],
  [
    'responses: unknown survey',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ surveyId: 'nope' })] },
    400,
  ],
  [
    'responses: unknown question',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ answers: [{ questionId: 'zzz', value: 1 }] })] },
    400,
  ],
  [
    'responses: NPS as text',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ answers: [{ questionId: 'nps', value: 'nine' }] })] },
    400,
  ],
  [
    'responses: NPS fraction',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ answers: [{ questionId: 'nps', value: 8.5 }] })] },
    400,
  ],
  [
    'responses: CSAT 0',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ answers: [{ questionId: 'csat', value: 0 }] })] },
    400,
  ],
  [
    'responses: choice not an option',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ answers: [{ questionId: 'channel', value: 'tv' }] })] },
    400,
  ],
  [
    'responses: two choices on a single choice',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ answers: [{ questionId: 'channel', value: ['web', 'friend'] }] })] },
    400,
  ],
  [
    'responses: same question twice',
    'POST',
    () => `${P()}/responses`,
    {
      responses: [
        makeResponse({
          answers: [
            { questionId: 'nps', value: 1 },
            { questionId: 'nps', value: 2 },
          ],
        }),
      ],
    },
    400,
  ],
  [
    'responses: bad date',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ createdAt: '2026-13-01' })] },
    400,
  ],
  [
    'responses: far future',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ createdAt: '2099-01-01T00:00:00Z' })] },
    400,
  ],
  [
    'responses: missing anonymousId',
    'POST',
    () => `${P()}/responses`,
    { responses: [{ ...makeResponse(), anonymousId: undefined }] },
    400,
  ],
  [
    'responses: bad email',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ customer: { id: 'c', email: 'x' } })] },
    400,
  ],
  [
    'responses: bad signature format',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ customer: { id: 'c', signature: 'zz' } })] },
    400,
  ],
  [
    'responses: wrong signature',
    'POST',
    () => `${P()}/responses`,
    { responses: [makeResponse({ customer: { id: 'c', signature: 'f'.repeat(64) } })] },
    401,
  ],
  [
    'responses: unknown site',
    'POST',
    () => '/v1/sites/pk_unknown/responses',
    { responses: [makeResponse()] },
    404,
  ],
  // Public: displays, events, config
  [
    'displays: bad kind',
    'POST',
    () => `${P()}/displays`,
    { displays: [{ id: 'display-01', surveyId: 's', anonymousId: 'a', kind: 'x', createdAt: now }] },
    400,
  ],
  ['displays: missing list', 'POST', () => `${P()}/displays`, {}, 400],
  [
    'events: bad name',
    'POST',
    () => `${P()}/events`,
    { events: [{ id: 'event-0001', name: 'Has Spaces', anonymousId: 'a', createdAt: now }] },
    400,
  ],
  [
    'events: nested props',
    'POST',
    () => `${P()}/events`,
    { events: [{ id: 'event-0001', name: 'x', anonymousId: 'a', props: { a: { b: 1 } }, createdAt: now }] },
    400,
  ],
  ['config: bad sig', 'GET', () => `${P()}/config?customer=c&sig=nothex`, undefined, 400],
  ['config: unknown site', 'GET', () => '/v1/sites/pk_unknown/config', undefined, 404],
  // Management
  ['sites: no name', 'POST', () => '/v1/sites', { allowedOrigins: [] }, 400, A],
  [
    'sites: bad origin',
    'POST',
    () => '/v1/sites',
    { name: 'x', allowedOrigins: ['shop.example.com/path'] },
    400,
    A,
  ],
  ['sites: no token', 'POST', () => '/v1/sites', { name: 'x' }, 401],
  ['sites: empty patch', 'PATCH', () => S(), {}, 400, A],
  ['sites: bad policy', 'PATCH', () => S(), { contactPolicy: { recontactDays: -1 } }, 400, A],
  [
    'surveys: no questions',
    'POST',
    () => `${S()}/surveys`,
    { ...NPS_SURVEY, id: 'new-1', questions: [] },
    400,
    A,
  ],
  [
    'surveys: unknown type',
    'POST',
    () => `${S()}/surveys`,
    { ...NPS_SURVEY, id: 'new-2', questions: [{ id: 'q', type: 'stars', text: 'x' }] },
    400,
    A,
  ],
  [
    'surveys: rating scale 50',
    'POST',
    () => `${S()}/surveys`,
    { ...NPS_SURVEY, id: 'new-3', questions: [{ id: 'q', type: 'rating', scale: 50, text: 'x' }] },
    400,
    A,
  ],
  ['surveys: taken id', 'POST', () => `${S()}/surveys`, NPS_SURVEY, 409, A],
  ['surveys: unknown site', 'POST', () => '/v1/sites/site_nope/surveys', NPS_SURVEY, 404, A],
  ['surveys: put unknown', 'PUT', () => '/v1/surveys/nope', { ...NPS_SURVEY, id: undefined }, 404, A],
  ['surveys: put invalid', 'PUT', () => '/v1/surveys/checkout-nps', { name: 'x' }, 400, A],
  ['customers: not JSON', 'PUT', () => `${S()}/customers`, 'not json', 400, A],
  ['customers: object not array', 'PUT', () => `${S()}/customers`, { id: 'c' }, 400, A],
  ['customers: empty array', 'PUT', () => `${S()}/customers`, [], 400, A],
  ['customers: erase unknown', 'DELETE', () => `${S()}/customers/nobody`, undefined, 404, A],
  ['export: bad format', 'GET', () => `${S()}/responses?format=xlsx`, undefined, 400, A],
  ['export: bad from', 'GET', () => `${S()}/responses?from=soon`, undefined, 400, A],
  ['tokens: bad role', 'POST', () => '/v1/tokens', { role: 'admin', name: 'x', siteIds: ['a'] }, 400, A],
  ['tokens: no sites', 'POST', () => '/v1/tokens', { role: 'agent', name: 'x', siteIds: [] }, 400, A],
  ['tokens: revoke unknown', 'DELETE', () => '/v1/tokens/tok_nope', undefined, 404, A],
  ['reports: bad metric', 'GET', () => `${S()}/reports/timeseries?metric=mood`, undefined, 400, A],
  ['reports: unknown site', 'GET', () => '/v1/sites/site_nope/reports/summary', undefined, 404, A],
  ['lookup: neither email nor id', 'GET', () => '/v1/customers/lookup?site=x', undefined, 400, A],
  ['lookup: bad email', 'GET', () => '/v1/customers/lookup?email=nope', undefined, 400, A],
  ['lookup: no token', 'GET', () => '/v1/customers/lookup?email=a@b.co', undefined, 401],
  ['followups: bad status filter', 'GET', () => '/v1/followups?status=closed', undefined, 400, A],
  ['followups: limit too big', 'GET', () => '/v1/followups?limit=100000', undefined, 400, A],
  ['followups: patch unknown', 'PATCH', () => '/v1/followups/fu_nope', { status: 'resolved' }, 404, A],
  ['followups: no token', 'GET', () => '/v1/followups', undefined, 401],
  ['stream: no customers', 'GET', () => '/v1/stream', undefined, 400, A],
  ['stream: empty customers', 'GET', () => '/v1/stream?customers=,,', undefined, 400, A],
].map(([name, method, path, body, status, auth]) =>
  Object.assign([name, method, path, body, status] as Case, { auth: auth as string | undefined }),
);

describe('malformed requests', () => {
  it.each(cases.map((c) => [c[0], c] as const))(
    '%s: a 4xx with the error body, nothing stored',
    async (_name, c) => {
      const [, method, path, body, status] = c;
      const res =
        c.auth === A
          ? await t.admin(method, path(), body as object | string | undefined)
          : await t.request(method, path(), body as object | string | undefined);
      expect(res.status).toBe(status);
      expect(ErrorBodySchema.safeParse(res.json).success).toBe(true);
      expect(await t.countRows()).toEqual(before);
    },
  );
});

describe('a rule across the fields of a query string', () => {
  it('names the query in issues, not a body the request does not have', async () => {
    const res = await t.admin('GET', '/v1/customers/lookup');
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toEqual([{ path: '(query)', message: 'give email or id' }]);
  });
});

describe('a JSON body, whatever its declared type', () => {
  it('is refused when malformed with the same 400, naming the body in issues', async () => {
    const bodies = [];
    for (const type of ['application/json', 'application/vnd.api+json', 'text/plain', 'text/json']) {
      const res = await t.request('POST', `${P()}/responses`, '{"responses": [', { 'content-type': type });
      expect(res.status, type).toBe(400);
      bodies.push(res.json);
    }
    for (const body of bodies)
      expect(body).toEqual({
        error: {
          code: 'invalid_request',
          message: 'Malformed JSON',
          issues: [{ path: '(body)', message: 'the body is not valid JSON' }],
        },
      });
    expect(await t.countRows()).toEqual(before);
  });

  it('is read when valid, not taken for an empty object (text/json)', async () => {
    const own = await createTestApp();
    try {
      const res = await own.admin('POST', '/v1/sites', '{"name": "Sent as text/json"}', {
        'content-type': 'text/json',
      });
      expect(res.status).toBe(201);
      expect(res.json.name).toBe('Sent as text/json');
    } finally {
      await own.close();
    }
  });
});

const anyJson = fc.jsonValue({ maxDepth: 4 });
const nearlyValidResponse = fc.record(
  {
    id: fc.oneof(fc.string(), fc.stringMatching(/^[A-Za-z0-9_-]{8,12}$/)),
    surveyId: fc.oneof(fc.constant('checkout-nps'), fc.string()),
    answers: fc.array(
      fc.record({
        questionId: fc.constantFrom('nps', 'csat', 'channel', 'why', 'x'),
        value: fc.oneof(fc.integer({ min: -3, max: 12 }), fc.string(), anyJson),
      }),
    ),
    anonymousId: fc.oneof(fc.string(), anyJson),
    moment: fc.oneof(fc.constant('checkout_completed'), fc.string()),
    customer: fc.option(fc.record({ id: fc.string(), signature: fc.option(fc.string()) }), {
      nil: undefined,
    }),
    createdAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
  },
  { requiredKeys: [] },
);

describe('random payloads (fast-check)', () => {
  it('never give a 5xx, and a refused request changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('responses', 'displays', 'events'),
        fc.oneof(
          anyJson,
          fc.record({ responses: fc.array(nearlyValidResponse, { maxLength: 3 }) }),
          fc.string(),
        ),
        async (kind, payload) => {
          const counts = await t.countRows();
          const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
          const res = await t.request('POST', `${P()}/${kind}`, body, { 'content-type': 'application/json' });
          expect(res.status).toBeLessThan(500);
          if (res.status >= 400) {
            expect(ErrorBodySchema.safeParse(res.json).success).toBe(true);
            expect(await t.countRows()).toEqual(counts);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never give a 5xx on report and export queries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('reports/summary', 'reports/timeseries', 'responses'),
        fc.dictionary(
          fc.constantFrom('from', 'to', 'metric', 'interval', 'moment', 'team', 'format', 'surveyId', 'plan'),
          fc.string(),
        ),
        async (path, query) => {
          const res = await t.admin('GET', `${S()}/${path}?${new URLSearchParams(query)}`);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 100 },
    );
  });
});
