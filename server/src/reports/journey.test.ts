import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';
import { isExitMoment } from './journey.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };

const at = (day: number, hour = 12) => `2026-03-${String(day).padStart(2, '0')}T${hour}:00:00Z`;
let seq = 0;
const event = (customer: string, name: string, day: number) => ({
  id: `evt-${String(++seq).padStart(6, '0')}`,
  name,
  anonymousId: `a-${customer}`,
  customer: { id: customer },
  createdAt: at(day, 10),
});

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id); // checkout-nps at checkout_completed
  await t.createSurvey(site.id, {
    id: 'onboard',
    moment: 'signup_completed',
    questions: [{ id: 'ces', type: 'ces', text: 'How easy was it to get set up?' }],
  });
  await t.request('POST', `/v1/sites/${site.publicKey}/events`, {
    events: [
      ...['c1', 'c2', 'c3'].map((c) => event(c, 'signup_completed', 1)),
      event('c1', 'checkout_completed', 3),
      event('c3', 'checkout_completed', 3),
      event('c3', 'cancel_started', 10),
    ],
  });
  const answer = (
    customer: string,
    surveyId: string,
    moment: string,
    questionId: string,
    value: number,
    day: number,
  ) =>
    makeResponse({
      surveyId,
      moment,
      customer: { id: customer },
      createdAt: at(day),
      answers: [{ questionId, value }],
    });
  await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
    responses: [
      // CES 2.0: 1 = very difficult … 7 = very easy.
      answer('c1', 'onboard', 'signup_completed', 'ces', 6, 1), // easy, went on to checkout
      answer('c2', 'onboard', 'signup_completed', 'ces', 2, 1), // hard, never checked out
      answer('c3', 'onboard', 'signup_completed', 'ces', 7, 1), // very easy, went on
      answer('c1', 'checkout-nps', 'checkout_completed', 'nps', 10, 3), // promoter, stayed
      answer('c3', 'checkout-nps', 'checkout_completed', 'nps', 3, 3), // detractor, started to cancel
    ],
  });
});
afterEach(() => t.close());

describe('reports/journey', () => {
  it('orders moments by the funnel and gives conversion to the next moment by score band', async () => {
    const r = await t.admin('GET', `/v1/sites/${site.id}/reports/journey?from=2026-03-01&to=2026-03-31`);
    expect(r.status).toBe(200);
    const moments = r.json.moments;
    expect(moments.map((m: { moment: string; next: string | null }) => [m.moment, m.next])).toEqual([
      ['signup_completed', 'checkout_completed'],
      ['checkout_completed', 'cancel_started'],
      ['cancel_started', null],
    ]);
    // Going on to cancel is a loss: the API says which moment is one where customers leave.
    expect(moments.map((m: { exit: boolean; nextIsExit: boolean }) => [m.exit, m.nextIsExit])).toEqual([
      [false, false],
      [false, true],
      [true, false],
    ]);
    const [signup, checkout] = moments;
    expect(signup.metric).toBe('ces');
    expect(signup.ces.mean).toBe(5);
    expect(
      signup.conversion.map((b: { band: string; n: number; converted: number }) => [
        b.band,
        b.n,
        b.converted,
      ]),
    ).toEqual([
      ['easy', 2, 2],
      ['neutral', 0, 0],
      ['hard', 1, 0],
    ]);
    expect(checkout.metric).toBe('nps');
    expect(checkout.nps.score).toBe(0);
    expect(
      checkout.conversion.map((b: { band: string; converted: number; rate: number | null }) => [
        b.band,
        b.converted,
        b.rate,
      ]),
    ).toEqual([
      ['promoter', 0, 0],
      ['passive', 0, null],
      ['detractor', 1, 1],
    ]);
    // Every answer by band, for every moment (the last one too, which has no conversion).
    expect(
      signup.bands.map((b: { band: string; n: number; share: number }) => [b.band, b.n, b.share]),
    ).toEqual([
      ['easy', 2, 0.67],
      ['neutral', 0, 0],
      ['hard', 1, 0.33],
    ]);
    expect(moments[2].bands).toEqual([]);
    expect(checkout.bands[2]).toMatchObject({ band: 'detractor', n: 1, share: 0.5 });
    expect(checkout.bands[2].ci95[0]).toBeLessThan(0.5);
    // A period cut inside a day reads the answers instead of the rollup: the same bands.
    const raw = await t.admin(
      'GET',
      `/v1/sites/${site.id}/reports/journey?from=2026-03-01T00:00:00.001Z&to=2026-03-31T12:00:00Z`,
    );
    expect(raw.json.moments.map((m: { bands: unknown }) => m.bands)).toEqual(
      moments.map((m: { bands: unknown }) => m.bands),
    );
  });
});

describe('isExitMoment', () => {
  it('knows a moment where customers leave by the words of its name, never inside another word', () => {
    for (const m of [
      'cancel_started',
      'subscription_cancelled',
      'SubscriptionCanceled',
      'churned',
      'newsletter-unsubscribed',
      'plan_downgraded',
      'account_closed',
      'delete account',
    ]) {
      expect(isExitMoment(m), m).toBe(true);
    }
    for (const m of [
      'checkout_completed',
      'signup_completed',
      'ticket_closed',
      'account_created',
      'uncancelled_order',
      'precancel',
    ]) {
      expect(isExitMoment(m), m).toBe(false);
    }
  });
});
