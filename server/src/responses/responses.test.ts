import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string };
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * HOUR).toISOString();

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
  await t.createSurvey(site.id, {
    id: 'cancel',
    name: 'Cancel',
    moment: 'cancel_started',
    questions: [
      { id: 'csat', type: 'csat', text: 'How was it?' },
      { id: 'why', type: 'text', text: 'Why leave?', required: false },
    ],
  });
  await t.admin('PUT', `/v1/sites/${site.id}/customers`, [
    { id: 'ann', email: 'ann@example.com', name: 'Ann', mrr: 500, plan: 'pro' },
    { id: 'bob', email: 'bob@example.com', mrr: 50, plan: 'basic' },
  ]);
  const send = (responses: unknown[]) =>
    t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses });
  await send([
    makeResponse({
      id: 'r-ann-detractor',
      customer: { id: 'ann' },
      createdAt: at(5),
      answers: [
        { questionId: 'nps', value: 3 },
        { questionId: 'why', value: 'Delivery was 100% late again' },
      ],
      context: { team: 'north', agent: 'dana' },
    }),
    makeResponse({
      id: 'r-bob-promoter',
      customer: { id: 'bob' },
      createdAt: at(4),
      answers: [{ questionId: 'nps', value: 10 }],
    }),
    makeResponse({ id: 'r-anon-passive', createdAt: at(3), answers: [{ questionId: 'nps', value: 8 }] }),
    makeResponse({
      id: 'r-cancel-1',
      surveyId: 'cancel',
      moment: 'cancel_started',
      customer: { id: 'bob' },
      createdAt: at(2),
      answers: [
        { questionId: 'csat', value: 2 },
        { questionId: 'why', value: 'Too expensive for what it does' },
      ],
    }),
    makeResponse({
      id: 'r-ann-later',
      customer: { id: 'ann' },
      createdAt: at(1),
      answers: [
        { questionId: 'nps', value: 9 },
        { questionId: 'channel', value: 'friend' },
      ],
    }),
  ]);
});
afterEach(() => t.close());

const list = (q: Record<string, string> = {}) =>
  t.admin('GET', `/v1/sites/${site.id}/responses/list?${new URLSearchParams(q)}`);
const ids = (r: { json: { responses: { id: string }[] } }) => r.json.responses.map((x) => x.id);

describe('GET /v1/sites/{id}/responses/list', () => {
  it('lists responses newest first with answers in survey order, customer, survey, team and follow-up', async () => {
    const r = await list();
    expect(r.status).toBe(200);
    expect(ids(r)).toEqual([
      'r-ann-later',
      'r-cancel-1',
      'r-anon-passive',
      'r-bob-promoter',
      'r-ann-detractor',
    ]);
    const detractor = r.json.responses[4];
    expect(detractor).toMatchObject({
      surveyId: 'checkout-nps',
      surveyName: 'After checkout',
      moment: 'checkout_completed',
      complete: true,
      customer: { id: 'ann', email: 'ann@example.com', name: 'Ann' },
      team: 'north',
      agent: 'dana',
      followUp: { status: 'open' },
    });
    const asked = (question: string) => ({ question, askedAs: question, askedOptions: null });
    expect(detractor.answers).toEqual([
      { questionId: 'nps', type: 'nps', ...asked('How likely are you to recommend us?'), value: 3 },
      {
        questionId: 'why',
        type: 'text',
        ...asked('What should we improve?'),
        value: 'Delivery was 100% late again',
      },
    ]);
    expect(r.json.responses[2].customer).toBeNull();
    expect(r.json.nextCursor).toBeNull();
  });

  it('shows an answer under the words it answered when an edit changed them since (and today’s beside them)', async () => {
    const survey = (await t.admin('GET', '/v1/surveys/checkout-nps')).json;
    const choice = (ids: string[]) => ({ questionId: 'channel', value: ids });
    const send = (id: string) =>
      t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
        responses: [makeResponse({ id, answers: [{ questionId: 'nps', value: 9 }, choice(['friend'])] })],
      });
    expect((await send('r-before-edit')).status).toBe(202);
    // A status change alone keeps no version; rewording the NPS question and an option's label does.
    const { id: _id, siteId: _s, createdAt: _c, updatedAt: _u, ...body } = survey;
    expect((await t.admin('PUT', '/v1/surveys/checkout-nps', { ...body, status: 'paused' })).status).toBe(
      200,
    );
    const reworded = {
      ...body,
      questions: body.questions.map((q: { id: string; options?: { id: string; label: string }[] }) =>
        q.id === 'nps'
          ? { ...q, text: 'Would you recommend Acme to a colleague?' }
          : q.id === 'channel'
            ? {
                ...q,
                options: q.options!.map((o) => (o.id === 'friend' ? { ...o, label: 'A colleague' } : o)),
              }
            : q,
      ),
    };
    expect((await t.admin('PUT', '/v1/surveys/checkout-nps', reworded)).status).toBe(200);
    expect((await t.db.all('SELECT survey_id FROM survey_versions')).length).toBe(1);
    // Answered after the edit (its time is when the customer answered: an hour after it here).
    await new Promise((r) => setTimeout(r, 5));
    const after = makeResponse({
      id: 'r-after-edit',
      answers: [{ questionId: 'nps', value: 10 }, choice(['friend'])],
      createdAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(
      (await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: [after] })).status,
    ).toBe(202);
    const listed = (await list({ surveyId: 'checkout-nps' })).json.responses as {
      id: string;
      answers: {
        questionId: string;
        question: string;
        askedAs: string;
        askedOptions: Record<string, string>;
      }[];
    }[];
    const answer = (id: string, q: string) =>
      listed.find((r) => r.id === id)!.answers.find((a) => a.questionId === q)!;
    expect(answer('r-before-edit', 'nps')).toMatchObject({
      question: 'Would you recommend Acme to a colleague?',
      askedAs: 'How likely are you to recommend us?',
    });
    expect(answer('r-before-edit', 'channel').askedOptions).toEqual({ web: 'Web', friend: 'A friend' });
    expect(answer('r-after-edit', 'nps').askedAs).toBe('Would you recommend Acme to a colleague?');
    expect(answer('r-after-edit', 'channel').askedOptions).toEqual({ web: 'Web', friend: 'A colleague' });
  });

  it('filters by survey, moment, customer, band, comment and words in the comment', async () => {
    expect(ids(await list({ surveyId: 'cancel' }))).toEqual(['r-cancel-1']);
    expect(ids(await list({ moment: 'checkout_completed', customer: 'ann' }))).toEqual([
      'r-ann-later',
      'r-ann-detractor',
    ]);
    expect(ids(await list({ band: 'detractor' }))).toEqual(['r-ann-detractor']);
    expect(ids(await list({ band: 'promoter' }))).toEqual(['r-ann-later', 'r-bob-promoter']);
    expect(ids(await list({ band: 'unsatisfied' }))).toEqual(['r-cancel-1']);
    expect(ids(await list({ hasComment: 'true' }))).toEqual(['r-cancel-1', 'r-ann-detractor']);
    expect(ids(await list({ hasComment: 'false' }))).toHaveLength(3);
    expect(ids(await list({ q: 'EXPENSIVE' }))).toEqual(['r-cancel-1']);
    // `%` is a letter to search for, not a wildcard.
    expect(ids(await list({ q: '100%' }))).toEqual(['r-ann-detractor']);
    expect(ids(await list({ q: '1%late' }))).toEqual([]);
    expect(ids(await list({ from: at(3.5), to: at(1.5) }))).toEqual(['r-cancel-1', 'r-anon-passive']);
  });

  it('shows a partial response as partial, merged under its id, and filters on it', async () => {
    const first = makeResponse({
      id: 'r-partial-1',
      createdAt: at(0.5),
      complete: false,
      answers: [{ questionId: 'nps', value: 4 }],
    });
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: [first] });
    const partial = (await list({ complete: 'false' })).json.responses;
    expect(partial.map((r: { id: string }) => r.id)).toEqual(['r-partial-1']);
    expect(partial[0].complete).toBe(false);
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [
        { ...first, complete: true, answers: [...first.answers, { questionId: 'why', value: 'Slow' }] },
      ],
    });
    const done = (await list({ q: 'slow' })).json.responses;
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ id: 'r-partial-1', complete: true });
    expect(done[0].answers.map((a: { value: unknown }) => a.value)).toEqual([4, 'Slow']);
    expect(ids(await list({ complete: 'false' }))).toEqual([]);
  });

  it('pages with a cursor through every response exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const r = await list({ limit: '2', ...(cursor ? { cursor } : {}) });
      expect(r.status).toBe(200);
      seen.push(...ids(r));
      cursor = r.json.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual(ids(await list()));
  });

  it('says how many responses the filter keeps in all when asked (withTotal), not only the page', async () => {
    const total = async (q: Record<string, string>) => (await list({ ...q, withTotal: 'true' })).json.total;
    const first = await list({ limit: '2', withTotal: 'true' });
    expect([ids(first).length, first.json.total]).toEqual([2, 5]);
    // Not counted unless asked: a page reads its own rows only.
    expect((await list({ limit: '2' })).json.total).toBeNull();
    expect((await list({ limit: '2', cursor: first.json.nextCursor })).json.total).toBeNull();
    // Every filter counts as it lists: on the response, on its answers, and both.
    expect(await total({ limit: '2', cursor: first.json.nextCursor })).toBe(5);
    expect(await total({ surveyId: 'cancel' })).toBe(1);
    expect(await total({ customer: 'ann' })).toBe(2);
    expect(await total({ band: 'promoter' })).toBe(2);
    expect(await total({ hasComment: 'true' })).toBe(2);
    expect(await total({ hasComment: 'false' })).toBe(3);
    expect(await total({ q: 'expensive' })).toBe(1);
    expect(await total({ q: 'late', customer: 'ann' })).toBe(1);
    expect(await total({ band: 'promoter', moment: 'checkout_completed', limit: '1' })).toBe(2);
    expect(await total({ from: at(3.5), to: at(1.5) })).toBe(2);
    expect(await total({ q: 'zeppelin' })).toBe(0);
  });

  it('answers 400 for a cursor it did not give out, an unknown band, or a band of another metric', async () => {
    const bad: Record<string, string>[] = [
      { cursor: 'not-a-cursor' },
      { cursor: btoa('{"a":1}') },
      { band: 'great' },
      { band: 'promoter', metric: 'csat' },
      { limit: '0' },
    ];
    for (const q of bad) {
      const r = await list(q);
      expect(r.status, JSON.stringify(q)).toBe(400);
      expect(r.json.error.issues.length).toBeGreaterThan(0);
    }
    expect((await t.request('GET', `/v1/sites/${site.id}/responses/list`)).status).toBe(401);
  });

  it('exports the same filtered set as CSV, and keeps the plain export working', async () => {
    const r = await t.admin('GET', `/v1/sites/${site.id}/responses?format=csv&hasComment=true`);
    expect(r.status).toBe(200);
    const lines = r.text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^r-ann-detractor,/);
    expect(lines[2]).toMatch(/^r-cancel-1,/);
    const all = await t.admin('GET', `/v1/sites/${site.id}/responses`);
    expect(all.text.trim().split('\n')).toHaveLength(5);
  });
});

describe('GET /v1/sites/{id}/customers', () => {
  it('lists customers biggest MRR first with latest scores and risk, searchable and paged', async () => {
    const r = await t.admin('GET', `/v1/sites/${site.id}/customers?withTotal=true`);
    expect(r.status).toBe(200);
    expect(r.json.customers.map((c: { id: string }) => c.id)).toEqual(['ann', 'bob']);
    const [ann, bob] = r.json.customers;
    expect(ann.latest.nps.value).toBe(9);
    expect(ann.risk.level).toBe('none');
    expect(bob.latest.csat.value).toBe(2);
    expect(bob.risk).toEqual({ level: 'watch', reasons: ['unsatisfied (CSAT 2)'] });
    const found = await t.admin('GET', `/v1/sites/${site.id}/customers?q=BOB%40&withTotal=1`);
    expect(found.json.customers.map((c: { id: string }) => c.id)).toEqual(['bob']);
    const risky = await t.admin('GET', `/v1/sites/${site.id}/customers?risk=any&withTotal=true`);
    expect(risky.json.customers.map((c: { id: string }) => c.id)).toEqual(['bob']);
    const first = await t.admin('GET', `/v1/sites/${site.id}/customers?limit=1&withTotal=true`);
    const second = await t.admin(
      'GET',
      `/v1/sites/${site.id}/customers?limit=1&cursor=${first.json.nextCursor}`,
    );
    expect(second.json.customers.map((c: { id: string }) => c.id)).toEqual(['bob']);
    expect(second.json.nextCursor).toBeNull();
    // How many the search and risk keep in all, beside the page, when asked (not on the second here).
    expect([r.json.total, first.json.total, second.json.total]).toEqual([2, 2, null]);
    expect([found.json.total, risky.json.total]).toEqual([1, 1]);
    const none = await t.admin('GET', `/v1/sites/${site.id}/customers?q=nobody&withTotal=true`);
    expect([none.json.customers.length, none.json.total]).toEqual([0, 0]);
    expect((await t.admin('GET', `/v1/sites/${site.id}/customers?cursor=zzz`)).status).toBe(400);
  });
});

describe('GET /v1/sites/{id}/customers: who is at risk, and in what order', () => {
  const DAY = 24 * HOUR;
  const ids = (r: { json: { customers: { id: string }[] } }) => r.json.customers.map((c) => c.id);
  beforeEach(async () => {
    await t.admin('PUT', `/v1/sites/${site.id}/customers`, [
      // The biggest customer, gone: a detractor when they left.
      {
        id: 'gone',
        email: 'gone@example.com',
        mrr: 900,
        churnedAt: new Date(Date.now() - 10 * DAY).toISOString(),
      },
      // An NPS that fell from 10 to 7, half a year ago: nothing since.
      { id: 'old-fall', email: 'old@example.com', mrr: 300 },
      // No NPS at all, an unsatisfied CSAT this week.
      { id: 'csat-only', email: 'csat@example.com', mrr: 20 },
    ]);
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [
        makeResponse({
          customer: { id: 'gone' },
          createdAt: at(20 * 24),
          answers: [{ questionId: 'nps', value: 2 }],
        }),
        makeResponse({
          customer: { id: 'old-fall' },
          createdAt: at(200 * 24),
          answers: [{ questionId: 'nps', value: 10 }],
        }),
        makeResponse({
          customer: { id: 'old-fall' },
          createdAt: at(180 * 24),
          answers: [{ questionId: 'nps', value: 7 }],
        }),
        makeResponse({
          surveyId: 'cancel',
          moment: 'cancel_started',
          customer: { id: 'csat-only' },
          createdAt: at(24),
          answers: [{ questionId: 'csat', value: 1 }],
        }),
      ],
    });
  });

  it('lists active customers first, biggest MRR first, and the churned after them, paging across both', async () => {
    const all = await t.admin('GET', `/v1/sites/${site.id}/customers`);
    expect(ids(all)).toEqual(['ann', 'old-fall', 'bob', 'csat-only', 'gone']);
    const gone = all.json.customers.at(-1);
    expect(gone.churnedAt).not.toBeNull();
    expect(gone.risk).toEqual({ level: 'high', reasons: ['detractor (NPS 2)', 'churned'] });
    // One at a time, the cursor carries on from the active customers into the churned ones.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const r = await t.admin(
        'GET',
        `/v1/sites/${site.id}/customers?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...ids(r));
      cursor = r.json.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(ids(all));
    // At risk: the active ones first, the churned one after.
    expect(ids(await t.admin('GET', `/v1/sites/${site.id}/customers?risk=any`))).toEqual([
      'old-fall',
      'bob',
      'csat-only',
      'gone',
    ]);
  });

  it('flags only the scores answered since `since`, as the value report reads its period', async () => {
    const since = new Date(Date.now() - 90 * DAY).toISOString().slice(0, 10);
    const without = await t.admin('GET', `/v1/sites/${site.id}/customers?q=old`);
    expect(without.json.customers[0].risk).toEqual({ level: 'watch', reasons: ['NPS fell from 10 to 7'] });
    const within = await t.admin('GET', `/v1/sites/${site.id}/customers?q=old&since=${since}`);
    const [old] = within.json.customers;
    // Still listed with its latest score, and flagging nothing from before the period.
    expect(old.latest.nps.value).toBe(7);
    expect(old.risk).toEqual({ level: 'none', reasons: [] });
    expect(ids(await t.admin('GET', `/v1/sites/${site.id}/customers?risk=any&since=${since}`))).toEqual([
      'bob',
      'csat-only',
      'gone',
    ]);
    // To watch: a customer without any NPS is one too (an unsatisfied CSAT).
    expect(ids(await t.admin('GET', `/v1/sites/${site.id}/customers?risk=watch&since=${since}`))).toEqual([
      'bob',
      'csat-only',
    ]);
    // Counted with the same risk rules, the period's included.
    const total = async (q: string) =>
      (await t.admin('GET', `/v1/sites/${site.id}/customers?withTotal=true&${q}`)).json.total;
    expect(await total(`risk=any&since=${since}&limit=1`)).toBe(3);
    expect(await total(`risk=watch&since=${since}&limit=1`)).toBe(2);
    expect(await total(`risk=high&since=${since}`)).toBe(1);
    expect(await total('risk=any&limit=1')).toBe(4);
    // The value report's at-risk list for the same period names none of these: old-fall's fall is
    // before it, and the churned customer's revenue is lost, not at risk.
    const value = await t.admin('GET', `/v1/sites/${site.id}/reports/value/at-risk?from=${since}`);
    expect(value.json.customers).toEqual([]);
    expect((await t.admin('GET', `/v1/sites/${site.id}/customers?since=yesterday`)).status).toBe(400);
  });
});

describe('a cursor the server did not give out', () => {
  it('is a 400 on both lists, never a 500 (PostgreSQL refused a BIGINT of 1.5 and a NUL)', async () => {
    const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const cases: [string, unknown][] = [
      ['responses/list', [1.5, 'r-1']],
      ['responses/list', [1e308, 'r-1']],
      ['responses/list', [-1e308, 'r-1']],
      ['responses/list', [1e20, 'r-1']],
      ['responses/list', [1, 'r\u00001']],
      ['customers', [1, 'ann\u0000']],
      ['customers', ['1', 'ann']],
      // A tier is 0 (active customers) or 1 (churned ones), and only the customer list has tiers.
      ['customers', [1, 'ann', 2]],
      ['responses/list', [1, 'r-1', 1]],
    ];
    for (const [list, v] of cases) {
      const r = await t.admin('GET', `/v1/sites/${site.id}/${list}?cursor=${cursor(v)}`);
      expect([list, v, r.status]).toEqual([list, v, 400]);
      expect(r.json.error.issues[0]).toEqual({
        path: 'cursor',
        message: 'is not a cursor this server gave out',
      });
    }
    // An amount is a customer list's key: a fraction pages on.
    expect(
      (await t.admin('GET', `/v1/sites/${site.id}/customers?cursor=${cursor([49.5, 'zz'])}`)).status,
    ).toBe(200);
  });
});

describe('GET /v1/sites/{id}/reports/value/at-risk', () => {
  it('names the customers whose MRR the value report counts at risk, biggest first', async () => {
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [
        makeResponse({
          customer: { id: 'bob' },
          createdAt: at(0.5),
          answers: [{ questionId: 'nps', value: 5 }],
        }),
      ],
    });
    const r = await t.admin('GET', `/v1/sites/${site.id}/reports/value/at-risk`);
    expect(r.status).toBe(200);
    expect(r.json.customers).toEqual([
      {
        id: 'bob',
        email: 'bob@example.com',
        name: null,
        plan: 'basic',
        mrr: 50,
        nps: 5,
        previousNps: 10,
        reason: 'detractor',
      },
    ]);
    expect(r.json.total).toBe(1);
    expect(r.json.currency).toBe('USD');
    const value = await t.admin('GET', `/v1/sites/${site.id}/reports/value`);
    expect(value.json.revenueAtRisk.monthly).toBe(50);
    expect(value.json).toMatchObject({ currency: 'USD', mixedCurrencies: false });
  });

  it('pages through every customer at risk (limit, offset), and downloads them all as CSV', async () => {
    // Five more detractors, MRR 10 to 50, one with a name a spreadsheet would run as a formula.
    await t.admin(
      'PUT',
      `/v1/sites/${site.id}/customers`,
      [1, 2, 3, 4, 5].map((i) => ({
        id: `d${i}`,
        email: `d${i}@example.com`,
        name: i === 3 ? '=HYPERLINK("x")' : `D ${i}`,
        mrr: i * 10,
        plan: 'basic',
      })),
    );
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [1, 2, 3, 4, 5].map((i) =>
        makeResponse({
          customer: { id: `d${i}` },
          createdAt: at(0.5),
          answers: [{ questionId: 'nps', value: i }],
        }),
      ),
    });
    const page = async (q: string) =>
      (await t.admin('GET', `/v1/sites/${site.id}/reports/value/at-risk?${q}`)).json;
    const ids = (r: { customers: { id: string }[] }) => r.customers.map((c) => c.id);
    const first = await page('limit=2');
    expect(ids(first)).toEqual(['d5', 'd4']);
    expect(first).toMatchObject({ total: 5, offset: 0 });
    const second = await page('limit=2&offset=2');
    expect(ids(second)).toEqual(['d3', 'd2']);
    expect(second).toMatchObject({ total: 5, offset: 2 });
    expect(ids(await page('limit=2&offset=4'))).toEqual(['d1']);
    // Past the end: no customer, and still how many there are.
    const past = await page('limit=2&offset=10');
    expect(past).toMatchObject({ customers: [], total: 5, offset: 10 });
    // Without a limit the JSON stops at 100, as before.
    expect(ids(await page(''))).toEqual(['d5', 'd4', 'd3', 'd2', 'd1']);

    const csv = await t.admin('GET', `/v1/sites/${site.id}/reports/value/at-risk?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="at-risk-${site.id}.csv"`);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('id,email,name,plan,mrr,currency,nps,previousNps,reason');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['d5', 'd4', 'd3', 'd2', 'd1']);
    expect(lines[1]).toBe('d5,d5@example.com,D 5,basic,50,USD,5,,detractor');
    // A cell a spreadsheet would run is neutralised.
    expect(lines[3]).toContain(`"'=HYPERLINK(""x"")"`);

    for (const bad of ['offset=-1', 'offset=1.5', 'limit=0', 'limit=501', 'format=xlsx']) {
      const r = await t.admin('GET', `/v1/sites/${site.id}/reports/value/at-risk?${bad}`);
      expect([bad, r.status]).toEqual([bad, 400]);
    }
  });

  it('gives amounts in the currency the customers carry, and says when they carry several', async () => {
    const currency = async () => (await t.admin('GET', `/v1/sites/${site.id}/reports/value`)).json;
    await t.admin('PUT', `/v1/sites/${site.id}/customers`, [
      { id: 'ann', currency: 'EUR' },
      { id: 'bob', currency: 'EUR' },
    ]);
    expect(await currency()).toMatchObject({ currency: 'EUR', mixedCurrencies: false });
    await t.admin('PUT', `/v1/sites/${site.id}/customers`, [{ id: 'cy', currency: 'GBP' }]);
    expect(await currency()).toMatchObject({ currency: 'EUR', mixedCurrencies: true });
    expect((await t.admin('GET', `/v1/sites/${site.id}/reports/value/at-risk`)).json.currency).toBe('EUR');
  });
});

describe('GET /v1/sites/{id}/reports/questions', () => {
  it("gives each question's distribution, option shares and comments", async () => {
    const r = await t.admin('GET', `/v1/sites/${site.id}/reports/questions?surveyId=checkout-nps`);
    expect(r.status).toBe(200);
    const q = (id: string) => r.json.questions.find((x: { id: string }) => x.id === id);
    const nps = q('nps');
    expect(nps.n).toBe(4);
    expect(nps.distribution).toHaveLength(11);
    expect(
      nps.distribution.filter((d: { count: number }) => d.count).map((d: { value: number }) => d.value),
    ).toEqual([3, 8, 9, 10]);
    expect(nps.distribution[3]).toMatchObject({ value: 3, count: 1, share: 0.25 });
    // Shares and intervals to a hundredth of a percent: a value few gave is not rounded to none.
    expect(nps.distribution[3].ci95).toEqual([0.0456, 0.6994]);
    expect(nps.mean).toBe(7.5);
    // Its score as the summary gives it for the survey (3, 8, 9, 10: NPS 25).
    const summary = await t.admin('GET', `/v1/sites/${site.id}/reports/summary?surveyId=checkout-nps`);
    expect(summary.json.nps).toMatchObject(nps.nps);
    expect(nps.nps).toMatchObject({ score: 25, n: 4, promoters: 2, detractors: 1 });
    expect(q('channel').options).toEqual([
      expect.objectContaining({ id: 'web', count: 0, share: 0 }),
      expect.objectContaining({ id: 'friend', label: 'A friend', count: 1, share: 1 }),
    ]);
    expect(q('why')).toMatchObject({
      n: 1,
      texts: [{ text: 'Delivery was 100% late again', responseId: 'r-ann-detractor' }],
    });
    expect((await t.admin('GET', `/v1/sites/${site.id}/reports/questions?surveyId=nope`)).status).toBe(404);
    expect((await t.admin('GET', `/v1/sites/${site.id}/reports/questions`)).status).toBe(400);
  });
});
