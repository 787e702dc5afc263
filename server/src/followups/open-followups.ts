import type { FollowUpRule } from '@moments/shared';
import type { Dialect, Queryable } from '../db/index.js';
import { storedBy, storedByParams, type WriteScope } from '../ingest/write-batch.js';

/** SQL: why an answer row needs a follow-up (`NPS 3`), ordered NPS, CSAT, CES in a reason. */
const REASON = "upper(a.qtype) || ' ' || CAST(CAST(a.value_num AS BIGINT) AS TEXT)";
const REASON_ORDER = "CASE a.qtype WHEN 'nps' THEN 1 WHEN 'csat' THEN 2 ELSE 3 END";

/**
 * Opens a follow-up for each response the rule flags among the answers one write stored, at most
 * one a response (in the ingest transaction, in SQL: an answer added to a partial response is
 * judged once, when it arrives). The ones opened now bear the write's token.
 */
export async function openFollowUps(q: Queryable, d: Dialect, w: WriteScope, rule: FollowUpRule) {
  await q.run(
    `INSERT INTO followups (id, site_id, response_id, survey_id, customer_id, status, reason, opened_at, updated_at, write_token)
     SELECT ${d.randomId('fu_')}, a.site_id, a.response_id, a.survey_id, a.customer_id, 'open',
       ${d.joinText(REASON, REASON_ORDER)}, CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)
     FROM ${storedBy(d, 'answers', 'a', 'response_id')}
       AND a.value_num <= CASE a.qtype || '' WHEN 'nps' THEN CAST(? AS DOUBLE PRECISION) WHEN 'csat' THEN CAST(? AS DOUBLE PRECISION)
         WHEN 'ces' THEN CAST(? AS DOUBLE PRECISION) END
     GROUP BY a.site_id, a.response_id, a.survey_id, a.customer_id ORDER BY a.response_id
     ON CONFLICT (site_id, response_id) DO NOTHING`,
    [w.now, w.now, w.token, ...storedByParams(w), rule.npsMax, rule.csatMax, rule.cesMax],
  );
}

/** The follow-ups one write opened, as SQL rows `f` (for the deliveries and live events that name them). */
export const followUpsOpenedBy = (d: Dialect, w: WriteScope) => ({
  sql: storedBy(d, 'followups', 'f', 'response_id'),
  params: storedByParams(w),
});
