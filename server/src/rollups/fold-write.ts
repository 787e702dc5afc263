import type { Dialect, Queryable } from '../db/index.js';
import type { WriteHolds } from '../ingest/save-responses.js';
import { storedBy, storedByParams, type WriteScope } from '../ingest/write-batch.js';
import { LATEST_SCORE_UPSERT } from './customer-scores.js';
import { bumpDaily, ROLLUP_QTYPES } from './daily.js';

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
  const count = (table: string, alias: string, from: string) =>
    q.run(bumpDaily(table, alias, from, 'COUNT(*)', slot), params);
  // New responses count once in response_daily; those completed by this write in completion_daily.
  await count('response_daily', 'r', storedBy(d, 'responses', 'r'));
  await count('completion_daily', 'r', storedBy(d, 'responses', 'r', 'id', 'complete_token'));
  const scored = `${storedBy(d, 'answers', 'a', 'response_id')}
    AND a.qtype || '' IN (${QTYPES}) AND a.value_num IS NOT NULL`;
  await count('score_daily', 'a', scored);
  if (holds?.agents !== false) await count('agent_daily', 'a', `${scored} AND COALESCE(a.agent, '') <> ''`);
  // A customer's latest two of this write, the older first: applying them in turn leaves the
  // latest and previous of all their answers (one statement may touch a row once on PostgreSQL).
  for (const rank of holds?.customers === false ? [] : [2, 1]) {
    await q.run(
      `INSERT INTO customer_scores (site_id, customer_id, qtype, latest, latest_at)
       SELECT site_id, customer_id, qtype, value_num, created_at FROM (
         SELECT a.site_id, a.customer_id, a.qtype, a.value_num, a.created_at, ROW_NUMBER() OVER (
           PARTITION BY a.customer_id, a.qtype ORDER BY a.created_at DESC, a.response_id DESC) AS rn
         FROM ${scored} AND COALESCE(a.customer_id, '') <> '') latest
       WHERE rn = CAST(? AS BIGINT) ORDER BY customer_id, qtype
       ${LATEST_SCORE_UPSERT}`,
      [...params, rank],
    );
  }
}

/** Adds the shown displays one write stored to the daily display count. */
export async function foldDisplayWrite(q: Queryable, d: Dialect, w: WriteScope) {
  await q.run(
    bumpDaily(
      'display_daily',
      's',
      `${storedBy(d, 'displays', 's')} AND s.kind || '' = 'shown'`,
      'COUNT(*)',
      slotOf(d, w),
    ),
    storedByParams(w),
  );
}
