import type { Dialect, Queryable } from '../db/index.js';
import { NPS_HISTORY_HELD as HELD, NPS_HISTORY_ORDER as ORDER } from '../db/schema.js';
import { storedBy, storedByParams, type WriteScope } from '../ingest/write-batch.js';

/**
 * The stretch of each named customer's NPS history one write touched, with each answer's
 * neighbours as the order says: from the answer before their earliest new one onwards (for
 * answers arriving in order, the one before and the new ones). The first of a stretch has no
 * `prev_value` here (the answer before it was not read, and is unchanged); every other has one.
 * Parameters: site id, the write's (`storedByParams`), site id.
 */
const touchedStretch = (d: Dialect) => `
  SELECT a.site_id, a.response_id, a.question_id, LAG(a.value_num) OVER w AS prev_value, LEAD(a.created_at) OVER w AS next_at
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
  CROSS JOIN answers a
  WHERE a.site_id = ? AND a.customer_id = b.customer_id AND a.created_at >= b.since AND ${HELD}
  WINDOW w AS (PARTITION BY a.customer_id ORDER BY ${ORDER})`;

/**
 * Keeps the neighbours of the NPS answers one write stored (`NPS_HISTORY_BACKFILL_SQL` says what
 * they are), in SQL from the rows bearing its token: an answer's neighbours change only where an
 * answer lands beside it, so only the stretch each named customer's new answers fall in is re-read
 * and written. Run after the customers' latest scores are kept: on PostgreSQL their row lock makes
 * writers for one customer take turns, so each reads the history the other committed.
 */
export async function foldNpsHistory(q: Queryable, d: Dialect, w: WriteScope) {
  // Joined on the stretch's own site id, not a bound one: SQLite would otherwise walk the site's
  // answers by it (the target table first), looking each up in the stretch.
  await q.run(
    `UPDATE answers SET nps_prev = COALESCE(o.prev_value, answers.nps_prev), nps_next_at = o.next_at
     FROM (${touchedStretch(d)}) o
     WHERE answers.site_id = o.site_id AND answers.response_id = o.response_id AND answers.question_id = o.question_id`,
    [w.siteId, ...storedByParams(w), w.siteId],
  );
}
