import { expect, it } from 'vitest';
import { useSiteApp } from '../testing/site-app.js';
import { makeResponse } from '../testing/test-app.js';

const ctx = useSiteApp();

it('lists follow-ups with the answers, survey, value behind them, and why an anonymous one cannot be reached', async () => {
  await ctx.t.admin('PUT', `/v1/sites/${ctx.site.id}/customers`, [
    { id: 'ann', email: 'ann@example.com', plan: 'pro', mrr: 120, currency: 'EUR' },
  ]);
  await ctx.t.request('POST', `/v1/sites/${ctx.site.publicKey}/responses`, {
    responses: [
      makeResponse({
        id: 'r-ann-detractor',
        customer: { id: 'ann' },
        answers: [
          { questionId: 'nps', value: 2 },
          { questionId: 'why', value: 'Parcel came broken' },
        ],
      }),
      makeResponse({ id: 'r-anon-detractor', answers: [{ questionId: 'nps', value: 4 }] }),
      makeResponse({
        id: 'r-bob-detractor',
        customer: { id: 'bob' },
        answers: [{ questionId: 'nps', value: 1 }],
      }),
    ],
  });
  const r = await ctx.t.admin('GET', `/v1/followups?site=${ctx.site.id}`);
  expect(r.status).toBe(200);
  const by = (id: string) =>
    r.json.followups.find((f: { responseId: string }) => f.responseId === id).context;
  expect(by('r-ann-detractor')).toMatchObject({
    surveyId: 'checkout-nps',
    surveyName: 'After checkout',
    moment: 'checkout_completed',
    scores: { nps: 2 },
    comment: 'Parcel came broken',
    customer: { plan: 'pro', mrr: 120, currency: 'EUR' },
    cannotContact: null,
  });
  expect(by('r-anon-detractor')).toMatchObject({ customer: null, comment: null });
  expect(by('r-anon-detractor').cannotContact).toMatch(/^Anonymous/);
  expect(by('r-bob-detractor').cannotContact).toMatch(/No email/);
});
