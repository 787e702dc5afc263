import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string };
beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite({ contactPolicy: { recontactDays: 14, maxPerMonth: 0 } });
  await t.createSurvey(site.id);
  await t.createSurvey(site.id, { id: 'checkout-low', name: 'Low priority', priority: 0 });
  await t.createSurvey(site.id, {
    id: 'checkout-high',
    name: 'High priority',
    priority: 50,
    frequency: { type: 'every', days: 30 },
  });
  await t.createSurvey(site.id, { id: 'cancel', name: 'Cancel', moment: 'cancel_started', status: 'paused' });
});
afterEach(() => t.close());

const audience = (q: string) => t.admin('GET', `/v1/sites/${site.id}/audience?${q}`);
const verdicts = (body: {
  moments: { surveys: { surveyId: string; shows: boolean; reasons: string[] }[] }[];
}) => Object.fromEntries(body.moments.flatMap((m) => m.surveys).map((s) => [s.surveyId, s]));

it('tells, for a new customer, which survey shows at each moment and why the others do not', async () => {
  const r = await audience('customer=nobody');
  expect(r.status).toBe(200);
  expect(r.json.subject).toEqual({ customer: 'nobody', anonymousId: null, known: false, email: null });
  expect(r.json.moments.map((m: { moment: string }) => m.moment)).toEqual([
    'cancel_started',
    'checkout_completed',
  ]);
  const v = verdicts(r.json);
  expect(v['checkout-high']).toMatchObject({ shows: true, reasons: [] });
  expect(v['checkout-nps']!.shows).toBe(false);
  expect(v['checkout-nps']!.reasons[0]).toMatch(/checkout-high has a higher priority/);
  expect(v.cancel).toMatchObject({ shows: false, reasons: ['the survey is paused'] });
});

it('lists the moments in funnel order, as the Journey does, not by name', async () => {
  const day = 86_400_000;
  const at = (d: number) => new Date(Date.now() - d * day).toISOString();
  // Customers reach checkout first and cancel a week later: checkout comes first, though 'cancel…' sorts before it.
  await t.request('POST', `/v1/sites/${site.publicKey}/events`, {
    events: ['c1', 'c2'].flatMap((c) => [
      {
        id: `${c}-checkout`,
        name: 'checkout_completed',
        customer: { id: c },
        anonymousId: c,
        createdAt: at(10),
      },
      { id: `${c}-cancel`, name: 'cancel_started', customer: { id: c }, anonymousId: c, createdAt: at(3) },
    ]),
  });
  const r = await audience('customer=nobody');
  expect(r.json.moments.map((m: { moment: string }) => m.moment)).toEqual([
    'checkout_completed',
    'cancel_started',
  ]);
});

it('holds back a customer who answered a week ago, and an anonymous visitor by their own history', async () => {
  const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
  await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
    responses: [
      makeResponse({
        customer: { id: 'ann', email: 'ann@example.com' },
        anonymousId: 'anon-ann',
        createdAt: week,
      }),
      makeResponse({ anonymousId: 'anon-visitor', createdAt: week, surveyId: 'checkout-high' }),
    ],
  });
  const ann = await audience('customer=ann');
  expect(ann.json.subject).toMatchObject({ known: true, email: 'ann@example.com' });
  expect(ann.json.contacts.lastContactAt).toBe(week);
  for (const s of Object.values(verdicts(ann.json))) {
    expect(s.shows).toBe(false);
    if (s.surveyId !== 'cancel') expect(s.reasons[0]).toMatch(/^recontact window: last contacted/);
  }
  // Typed as the email the dashboard shows everywhere: the same customer, the same answer.
  const byEmail = await audience(`customer=${encodeURIComponent('ANN@example.com')}`);
  expect(byEmail.json.subject).toMatchObject({ customer: 'ann', known: true });
  expect(verdicts(byEmail.json)).toEqual(verdicts(ann.json));
  const visitor = verdicts((await audience('anonymousId=anon-visitor')).json);
  expect(visitor['checkout-high']!.reasons).toEqual([
    expect.stringMatching(/^recontact window/),
    expect.stringMatching(/^asked every 30 days/),
  ]);
});

it('refuses a request naming nobody, or both a customer and a visitor', async () => {
  expect((await audience('')).status).toBe(400);
  expect((await audience('customer=a&anonymousId=b')).status).toBe(400);
  expect((await t.request('GET', `/v1/sites/${site.id}/audience?customer=a`)).status).toBe(401);
});
