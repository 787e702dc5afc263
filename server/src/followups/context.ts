import type { FollowUp } from '@moments/shared';
import { inList } from '../db/in-list.js';
import type { Db } from '../db/index.js';

type ResponseRow = {
  site_id: string;
  id: string;
  survey_id: string;
  moment: string;
  created_at: number;
  customer_id: string | null;
  survey_body: string | null;
  email: string | null;
  plan: string | null;
  mrr: number | null;
  currency: string | null;
  known: number | null;
};
type AnswerRow = { response_id: string; qtype: string; value_num: number | null; value_text: string | null };

function whyNotReachable(r: ResponseRow): string | null {
  if (!r.customer_id)
    return 'Anonymous: the visitor answered without signing in, so there is no customer id or email to reach them by.';
  if (!r.email) return 'No email is known for this customer: add one through the business data import.';
  return null;
}

/**
 * Adds to each follow-up what a person needs to act on it: the answers behind it (scores, the
 * comment), the survey and moment, the customer's plan and MRR, and why they cannot be reached
 * when they cannot. Two queries for the whole page, whatever its length.
 */
export async function addFollowUpContext(db: Db, followups: FollowUp[]): Promise<FollowUp[]> {
  if (!followups.length) return followups;
  const siteIds = [...new Set(followups.map((f) => f.siteId))];
  const responseIds = followups.map((f) => f.responseId);
  // Both lists as sets: each row is matched back on (site, response) below.
  const inSites = inList(db.dialect, siteIds);
  const inResponses = inList(db.dialect, responseIds);
  const inPage = (alias: string, idColumn: string) =>
    `${alias}site_id IN ${inSites.sql} AND ${alias}${idColumn} IN ${inResponses.sql}`;
  const [responses, answers] = await Promise.all([
    db.all<ResponseRow>(
      `SELECT r.site_id, r.id, r.survey_id, r.moment, r.created_at, r.customer_id, s.body AS survey_body,
         c.email, c.plan, c.mrr, c.currency, CASE WHEN c.id IS NULL THEN 0 ELSE 1 END AS known
       FROM responses r
       LEFT JOIN surveys s ON s.id = r.survey_id
       LEFT JOIN customers c ON c.site_id = r.site_id AND c.id = r.customer_id
       WHERE ${inPage('r.', 'id')}`,
      [...inSites.params, ...inResponses.params],
    ),
    db.all<AnswerRow>(
      `SELECT response_id, qtype, value_num, value_text FROM answers
       WHERE ${inPage('', 'response_id')} AND qtype IN ('nps', 'csat', 'ces', 'text')`,
      [...inSites.params, ...inResponses.params],
    ),
  ]);
  return followups.map((f) => {
    const r = responses.find((x) => x.site_id === f.siteId && x.id === f.responseId);
    if (!r) return f;
    const mine = answers.filter((a) => a.response_id === f.responseId);
    const scores: Record<string, number> = {};
    for (const a of mine) if (a.qtype !== 'text' && a.value_num != null) scores[a.qtype] = a.value_num;
    const comment = mine.find((a) => a.qtype === 'text' && a.value_text)?.value_text ?? null;
    return {
      ...f,
      context: {
        surveyId: r.survey_id,
        surveyName: r.survey_body ? ((JSON.parse(r.survey_body) as { name?: string }).name ?? null) : null,
        moment: r.moment,
        answeredAt: new Date(r.created_at).toISOString(),
        scores,
        comment,
        customer: r.known ? { plan: r.plan, mrr: r.mrr, currency: r.currency } : null,
        cannotContact: whyNotReachable(r),
      },
    };
  });
}
