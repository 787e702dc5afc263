import type { Dialect, Queryable } from '../db/index.js';
import { NPS_HISTORY_HELD as HELD, NPS_HISTORY_ORDER as ORDER } from '../db/schema.js';
import { storedBy, storedByParams, type WriteScope } from '../ingest/write-batch.js';

/**
 * Keeps the neighbours of the NPS answers one write stored (`NPS_HISTORY_BACKFILL_SQL` says what
 * they are), in SQL from the rows bearing its token. An answer's neighbours change only where an answer lands beside it, so for each customer named
 * it re-reads their history from the answer before the earliest new one onwards (the new answer and
 * the one before it, for answers arriving in order) and writes what the order says. The first of
 * those keeps its own `nps_prev`: the answer before it is outside what was read, and unchanged.
 * Run after the customers' latest scores are kept: on PostgreSQL their row lock makes writers for
 * one customer take turns, so each reads the history the other committed.
 */
export async function foldNpsHistory(q: Queryable, d: Dialect, w: WriteScope) {
  await q.run(
    `UPDATE answers SET
       nps_prev = CASE WHEN o.rn = 1 THEN answers.nps_prev ELSE o.prev_value END,
       nps_next_at = o.next_at
     FROM (
       SELECT a.response_id, a.question_id, ROW_NUMBER() OVER w AS rn,
         LAG(a.value_num) OVER w AS prev_value, LEAD(a.created_at) OVER w AS next_at
       FROM (
         SELECT f.customer_id, COALESCE((SELECT MAX(p.created_at) FROM answers p
             WHERE p.site_id = ? AND p.customer_id = f.customer_id AND p.qtype = 'nps' AND p.created_at < f.first_at),
           f.first_at) AS since
         FROM (
           SELECT n.customer_id, MIN(n.created_at) AS first_at
           FROM ${storedBy(d, 'answers', 'n', 'response_id')}
             AND n.qtype || '' = 'nps' AND n.customer_id IS NOT NULL AND n.value_num IS NOT NULL
           GROUP BY n.customer_id
         ) f
       ) b
       JOIN answers a ON a.site_id = ? AND a.customer_id = b.customer_id AND a.created_at >= b.since AND ${HELD}
       WINDOW w AS (PARTITION BY a.customer_id ORDER BY ${ORDER})
     ) o
     WHERE answers.site_id = ? AND answers.response_id = o.response_id AND answers.question_id = o.question_id`,
    [w.siteId, ...storedByParams(w), w.siteId, w.siteId],
  );
}
