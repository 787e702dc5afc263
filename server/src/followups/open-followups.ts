import type { FollowUpRule, Survey, SurveyResponse } from '@moments/shared';
import type { Queryable } from '../db/index.js';
import { makeId } from '../domain/crypto.js';

/** Why a response needs a follow-up under the site's rule, or undefined when it does not. */
export function getFollowUpReason(r: SurveyResponse, survey: Survey, rule: FollowUpRule): string | undefined {
  const reasons: string[] = [];
  for (const a of r.answers) {
    if (typeof a.value !== 'number') continue;
    const type = survey.questions.find((q) => q.id === a.questionId)?.type;
    if (type === 'nps' && a.value <= rule.npsMax) reasons.push(`NPS ${a.value}`);
    if (type === 'csat' && a.value <= rule.csatMax) reasons.push(`CSAT ${a.value}`);
    if (type === 'ces' && a.value <= rule.cesMax) reasons.push(`CES ${a.value}`);
  }
  return reasons.length ? reasons.join(', ') : undefined;
}

/**
 * Opens a follow-up for each response the rule flags (in the ingest transaction), at most one a
 * response; returns those opened now. `responses` carry only the answers stored by this write, so
 * an answer added to a partial response is judged once, when it arrives.
 */
export async function openFollowUps(
  q: Queryable,
  siteId: string,
  rule: FollowUpRule,
  responses: SurveyResponse[],
  surveys: Map<string, Survey>,
  now: number,
) {
  const opened = responses.flatMap((r) => {
    const reason = getFollowUpReason(r, surveys.get(r.surveyId)!, rule);
    return reason ? [{ id: makeId('fu_'), response: r, reason }] : [];
  });
  const ids = await q.insertRows(
    'followups',
    [
      'id',
      'site_id',
      'response_id',
      'survey_id',
      'customer_id',
      'status',
      'reason',
      'opened_at',
      'updated_at',
    ],
    opened.map((f) => [
      f.id,
      siteId,
      f.response.id,
      f.response.surveyId,
      f.response.customer?.id ?? null,
      'open',
      f.reason,
      now,
      now,
    ]),
    { onConflict: 'ON CONFLICT (site_id, response_id) DO NOTHING', returning: 'response_id' },
  );
  const inserted = new Set(ids);
  return opened.filter((f) => inserted.has(f.response.id));
}
