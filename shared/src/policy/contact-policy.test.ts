import { describe, expect, it } from 'vitest';
import {
  type ContactHistory,
  getEligibleSurveyIds,
  getSampleFraction,
  type PolicySurvey,
} from './contact-policy.js';

const DAY = 86_400_000;
const now = Date.UTC(2026, 5, 1);
const survey = (id: string, over: Partial<PolicySurvey> = {}): PolicySurvey => ({
  id,
  priority: 0,
  frequency: { type: 'until_answered' },
  targeting: { sampleRate: 1 },
  ...over,
});
const fresh: ContactHistory = { shownLast30Days: 0, optedOut: false, lastShownAt: {}, lastAnsweredAt: {} };
const policy = { recontactDays: 14, maxPerMonth: 0 };

describe('getEligibleSurveyIds', () => {
  it('orders by priority', () => {
    const ids = getEligibleSurveyIds([survey('a'), survey('b', { priority: 5 })], policy, fresh, 'c1', now);
    expect(ids).toEqual(['b', 'a']);
  });
  it('holds back everything inside the recontact window', () => {
    const h = { ...fresh, lastContactAt: now - 13 * DAY };
    expect(getEligibleSurveyIds([survey('a')], policy, h, 'c1', now)).toEqual([]);
    expect(
      getEligibleSurveyIds([survey('a')], policy, { ...h, lastContactAt: now - 15 * DAY }, 'c1', now),
    ).toEqual(['a']);
  });
  it('applies frequency per survey', () => {
    const shown = now - 30 * DAY;
    const h: ContactHistory = {
      ...fresh,
      lastShownAt: { a: shown, b: shown, c: shown, d: shown },
      lastAnsweredAt: { b: shown },
    };
    const surveys = [
      survey('a', { frequency: { type: 'once' } }),
      survey('b', { frequency: { type: 'until_answered' } }),
      survey('c', { frequency: { type: 'every', days: 20 } }),
      survey('d', { frequency: { type: 'every', days: 40 } }),
    ];
    expect(getEligibleSurveyIds(surveys, policy, h, 'c1', now)).toEqual(['c']);
  });
  it('respects opt-out and the monthly cap', () => {
    expect(getEligibleSurveyIds([survey('a')], policy, { ...fresh, optedOut: true }, 'c1', now)).toEqual([]);
    const capped = { recontactDays: 0, maxPerMonth: 2 };
    expect(getEligibleSurveyIds([survey('a')], capped, { ...fresh, shownLast30Days: 2 }, 'c1', now)).toEqual(
      [],
    );
  });
  it('samples the same way every time, close to the rate', () => {
    const s = [survey('a', { targeting: { sampleRate: 0.3 } })];
    let inSample = 0;
    for (let i = 0; i < 10_000; i++) inSample += getEligibleSurveyIds(s, policy, fresh, `p${i}`, now).length;
    expect(inSample / 10_000).toBeGreaterThan(0.28);
    expect(inSample / 10_000).toBeLessThan(0.32);
    // Stable per visitor: one visitor gets the same answer on every page, visitors differ.
    const first = getEligibleSurveyIds(s, policy, fresh, 'p7', now);
    for (let i = 0; i < 50; i++) expect(getEligibleSurveyIds(s, policy, fresh, 'p7', now)).toEqual(first);
    const fractions = new Set(['x:a', 'x:b', 'y:a'].map(getSampleFraction));
    expect(fractions.size).toBe(3);
    for (const f of fractions) expect(f >= 0 && f < 1).toBe(true);
  });
});
