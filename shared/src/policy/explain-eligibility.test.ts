import { describe, expect, it } from 'vitest';
import { type ContactHistory, getEligibleSurveyIds } from './contact-policy.js';
import { type ExplainedSurvey, explainEligibility } from './explain-eligibility.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 5, 1);
const survey = (id: string, over: Partial<ExplainedSurvey> = {}): ExplainedSurvey => ({
  id,
  moment: 'checkout_completed',
  status: 'active',
  priority: 0,
  frequency: { type: 'until_answered' },
  targeting: { sampleRate: 1 },
  ...over,
});
const fresh: ContactHistory = { shownLast30Days: 0, optedOut: false, lastShownAt: {}, lastAnsweredAt: {} };
const policy = { recontactDays: 14, maxPerMonth: 2 };

describe('explainEligibility', () => {
  it('names each reason a survey would not show', () => {
    const surveys = [
      survey('answered', { moment: 'ticket_closed' }),
      survey('every', { moment: 'signup', frequency: { type: 'every', days: 90 } }),
      survey('paused', { moment: 'cancel', status: 'paused' }),
      survey('low', { priority: 1 }),
      survey('high', { priority: 9 }),
    ];
    const h: ContactHistory = {
      ...fresh,
      lastAnsweredAt: { answered: now - 40 * DAY },
      lastShownAt: { every: now - 30 * DAY },
    };
    const v = Object.fromEntries(
      explainEligibility(surveys, policy, h, 'c1', now).map((x) => [x.surveyId, x]),
    );
    expect(v.answered).toMatchObject({
      shows: false,
      reasons: [expect.stringMatching(/^asked until answered/)],
    });
    expect(v.every!.reasons[0]).toMatch(/every 90 days: again from 31 Jul 2026/);
    expect(v.paused).toMatchObject({ shows: false, reasons: ['the survey is paused'] });
    expect(v.high).toMatchObject({ shows: true, reasons: [] });
    expect(v.low!.shows).toBe(false);
    expect(v.low!.reasons[0]).toMatch(/high has a higher priority/);
  });

  it('puts everyone on hold inside the recontact window, over the cap, or opted out', () => {
    const held = explainEligibility(
      [survey('a')],
      policy,
      { ...fresh, lastContactAt: now - 3 * DAY },
      'c1',
      now,
    );
    expect(held[0]!.reasons[0]).toMatch(/recontact window: last contacted 29 May 2026, .*\(11 days to go\)/);
    const capped = explainEligibility([survey('a')], policy, { ...fresh, shownLast30Days: 2 }, 'c1', now);
    expect(capped[0]!.reasons[0]).toMatch(/monthly cap/);
    const out = explainEligibility([survey('a')], policy, { ...fresh, optedOut: true }, 'c1', now);
    expect(out[0]).toMatchObject({ shows: false, reasons: ['they asked not to be surveyed again'] });
  });

  it('lets show exactly the top survey per moment of those the policy allows, on many histories', () => {
    const surveys = ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) =>
      survey(id, {
        moment: i % 2 ? 'm1' : 'm2',
        priority: i,
        targeting: { sampleRate: 0.5 },
        frequency: i % 3 ? { type: 'every', days: 10 * i } : { type: 'once' },
      }),
    );
    for (let k = 0; k < 300; k++) {
      const h: ContactHistory = {
        shownLast30Days: k % 4,
        optedOut: k % 37 === 0,
        lastContactAt: k % 5 ? now - (k % 30) * DAY : undefined,
        lastShownAt: { a: k % 2 ? now - k * DAY : undefined, c: now - (k % 60) * DAY },
        lastAnsweredAt: { b: k % 3 ? now - k * DAY : undefined },
      };
      const subject = `subject-${k}`;
      const allowed = getEligibleSurveyIds(surveys, policy, h, subject, now);
      const topPerMoment = ['m1', 'm2']
        .map((m) => allowed.find((id) => surveys.find((s) => s.id === id)!.moment === m))
        .filter(Boolean)
        .sort();
      const shows = explainEligibility(surveys, policy, h, subject, now)
        .filter((v) => v.shows)
        .map((v) => v.surveyId)
        .sort();
      expect(shows).toEqual(topPerMoment);
      for (const v of explainEligibility(surveys, policy, h, subject, now))
        if (!v.shows) expect(v.reasons.length, `${subject} ${v.surveyId}`).toBeGreaterThan(0);
    }
  });
});
