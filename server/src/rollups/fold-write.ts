import type { Dialect, Queryable } from '../db/index.js';
import type { WriteHolds } from '../ingest/save-responses.js';
import { storedBy, storedByParams, type WriteScope } from '../ingest/write-batch.js';
import { LATEST_SCORE_UPSERT } from './customer-scores.js';
import { ROLLUP_QTYPES } from './daily.js';

const day = (alias: string) => `${alias}.created_at / 86400000 * 86400000`;
const QTYPES = ROLLUP_QTYPES.map((t) => `'${t}'`).join(', ');
/** The rollup slot a write bumps (a number written into the SQL: one of a few statement texts). */
const slotOf = (d: Dialect, w: WriteScope) => w.token % d.rollupSlots;

/**
 * Adds what one write stored to the daily rollups and the customers' latest scores, in SQL from
 * the rows bearing its token: a batch bumps each rollup key once, whatever its size; a row an
 * earlier write stored bears another token and is never counted again. `holds`, where the write
 * knows it, skips what it cannot add to (no agent named: no agent rollup).
 */
export async function foldResponseWrite(
  q: Queryable,
  d: Dialect,
  w: WriteScope,
  holds?: Pick<WriteHolds, 'agents' | 'customers'>,
) {
  const params = storedByParams(w);
  const slot = slotOf(d, w);
  // New responses count once in response_daily; those completed by this write in completion_daily.
  for (const [table, token] of [
    ['response_daily', 'write_token'],
    ['completion_daily', 'complete_token'],
  ] as const) {
    await q.run(
      `INSERT INTO ${table} (site_id, day, survey_id, moment, team, n, slot)
       SELECT r.site_id, ${day('r')}, r.survey_id, r.moment, COALESCE(r.team, ''), COUNT(*), ${slot}
       FROM ${storedBy(d, 'responses', 'r', 'id', token)}
       GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
       ON CONFLICT (site_id, day, survey_id, moment, team, slot) DO UPDATE SET n = ${table}.n + excluded.n`,
      params,
    );
  }
  const scored = `FROM ${storedBy(d, 'answers', 'a', 'response_id')}
    AND a.qtype || '' IN (${QTYPES}) AND a.value_num IS NOT NULL`;
  await q.run(
    `INSERT INTO score_daily (site_id, qtype, day, survey_id, moment, team, value_num, n, slot)
     SELECT a.site_id, a.qtype, ${day('a')}, a.survey_id, a.moment, COALESCE(a.team, ''), a.value_num, COUNT(*), ${slot}
     ${scored}
     GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
     ON CONFLICT (site_id, qtype, day, survey_id, moment, team, value_num, slot) DO UPDATE SET n = score_daily.n + excluded.n`,
    params,
  );
  if (holds?.agents !== false)
    await q.run(
      `INSERT INTO agent_daily (site_id, qtype, day, agent, survey_id, moment, team, value_num, n, slot)
     SELECT a.site_id, a.qtype, ${day('a')}, a.agent, a.survey_id, a.moment, COALESCE(a.team, ''), a.value_num, COUNT(*), ${slot}
     ${scored} AND COALESCE(a.agent, '') <> ''
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
     ON CONFLICT (site_id, qtype, day, agent, survey_id, moment, team, value_num, slot) DO UPDATE SET n = agent_daily.n + excluded.n`,
      params,
    );
  // A customer's latest two of this write, the older first: applying them in turn leaves the
  // latest and previous of all their answers (one statement may touch a row once on PostgreSQL).
  for (const rank of holds?.customers === false ? [] : [2, 1]) {
    await q.run(
      `INSERT INTO customer_scores (site_id, customer_id, qtype, latest, latest_at)
       SELECT site_id, customer_id, qtype, value_num, created_at FROM (
         SELECT a.site_id, a.customer_id, a.qtype, a.value_num, a.created_at, ROW_NUMBER() OVER (
           PARTITION BY a.customer_id, a.qtype ORDER BY a.created_at DESC, a.response_id DESC) AS rn
         ${scored} AND COALESCE(a.customer_id, '') <> '') latest
       WHERE rn = CAST(? AS BIGINT) ORDER BY customer_id, qtype
       ${LATEST_SCORE_UPSERT}`,
      [...params, rank],
    );
  }
}

/** Adds the shown displays one write stored to the daily display count. */
export async function foldDisplayWrite(q: Queryable, d: Dialect, w: WriteScope) {
  await q.run(
    `INSERT INTO display_daily (site_id, day, survey_id, n, slot)
     SELECT s.site_id, ${day('s')}, s.survey_id, COUNT(*), ${slotOf(d, w)}
     FROM ${storedBy(d, 'displays', 's')} AND s.kind || '' = 'shown'
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
     ON CONFLICT (site_id, day, survey_id, slot) DO UPDATE SET n = display_daily.n + excluded.n`,
    storedByParams(w),
  );
}
