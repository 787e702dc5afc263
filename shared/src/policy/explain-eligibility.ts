import { writeDay } from '../plain-words.js';
import type { ContactPolicy } from '../schemas/site.js';
import {
  allowedByFrequency,
  type ContactHistory,
  getEligibleSurveyIds,
  getSampleFraction,
  type PolicySurvey,
} from './contact-policy.js';

const DAY_MS = 86_400_000;

/** A survey the explanation reads: the policy's fields, its moment and status. */
export type ExplainedSurvey = PolicySurvey & { moment: string; status: string };

/** Why a survey would or would not show to one person now, in words a person reads. */
export type SurveyVerdict = { surveyId: string; moment: string; shows: boolean; reasons: string[] };

const days = (ms: number) => Math.ceil(ms / DAY_MS);
const on = (ms: number) => writeDay(ms);

function frequencyReason(s: PolicySurvey, h: ContactHistory, now: number): string | undefined {
  const shown = h.lastShownAt[s.id];
  const answered = h.lastAnsweredAt[s.id];
  if (allowedByFrequency(s.frequency, shown, answered, now)) return undefined;
  const f = s.frequency;
  if (f.type === 'once')
    return `asked once only, and it was ${answered !== undefined ? 'answered' : 'shown'} already`;
  if (f.type === 'until_answered') return `asked until answered, and it was answered on ${on(answered!)}`;
  const last = Math.max(shown ?? -Infinity, answered ?? -Infinity);
  return `asked every ${f.days} days: again from ${on(last + f.days * DAY_MS)}`;
}

/**
 * The contact policy of getEligibleSurveyIds, told survey by survey: for each active survey,
 * whether it would show now at its moment and every reason it would not (opted out, recontact
 * window, monthly cap, frequency, sample, a survey of higher priority at the same moment).
 * The surveys it lets show are exactly those getEligibleSurveyIds gives (a test holds it to that).
 */
export function explainEligibility(
  surveys: ExplainedSurvey[],
  policy: ContactPolicy,
  history: ContactHistory,
  subjectId: string,
  now = Date.now(),
): SurveyVerdict[] {
  const everyone: string[] = [];
  if (history.optedOut) everyone.push('they asked not to be surveyed again');
  if (history.lastContactAt !== undefined && now - history.lastContactAt < policy.recontactDays * DAY_MS)
    everyone.push(
      `recontact window: last contacted ${on(history.lastContactAt)}, no survey for ${policy.recontactDays} days (${days(history.lastContactAt + policy.recontactDays * DAY_MS - now)} days to go)`,
    );
  if (policy.maxPerMonth > 0 && history.shownLast30Days >= policy.maxPerMonth)
    everyone.push(
      `monthly cap: shown ${history.shownLast30Days} surveys in 30 days, the cap is ${policy.maxPerMonth}`,
    );
  const eligible = new Set(
    getEligibleSurveyIds(
      surveys.filter((s) => s.status === 'active'),
      policy,
      history,
      subjectId,
      now,
    ),
  );
  const verdicts = surveys.map((s) => {
    const reasons = [...everyone];
    if (s.status !== 'active') reasons.unshift(`the survey is ${s.status}`);
    const freq = frequencyReason(s, history, now);
    if (freq) reasons.push(freq);
    const fraction = getSampleFraction(`${subjectId}:${s.id}`);
    if (fraction >= s.targeting.sampleRate)
      reasons.push(
        `outside the sample: the survey asks ${Math.round(s.targeting.sampleRate * 100)}% of people, not this one`,
      );
    return { surveyId: s.id, moment: s.moment, shows: eligible.has(s.id), reasons };
  });
  // One survey at a time: at a moment, the eligible survey of highest priority is the one shown.
  for (const v of verdicts) {
    if (!v.shows) continue;
    const s = surveys.find((x) => x.id === v.surveyId)!;
    const winner = surveys
      .filter((x) => x.moment === s.moment && eligible.has(x.id))
      .sort((a, b) => b.priority - a.priority)[0]!;
    if (winner.id !== s.id) {
      v.shows = false;
      v.reasons.push(
        `${winner.id} has a higher priority at this moment (${winner.priority} to ${s.priority})`,
      );
    }
  }
  return verdicts;
}
