import type { Dialect, Queryable, SqlValue } from '../db/index.js';

/** The channel every write of a live event notifies. */
export const LIVE_CHANNEL = 'moments_live';

export type LiveEventType = 'response' | 'followup';

/**
 * Appends events for the agent's live stream in the caller's transaction. The dialect's ordered
 * append lock, held to commit, makes commit order follow `seq`, so a stream resuming after a
 * given id can never miss an event committed later with a smaller one.
 */
export async function appendLiveEvents(
  q: Queryable,
  dialect: Dialect,
  events: { siteId: string; customerId: string; type: LiveEventType; payload: unknown }[],
) {
  if (!events.length) return;
  if (dialect.orderedAppendLock) await q.get(`SELECT ${dialect.orderedAppendLock} AS locked`);
  const at = Date.now();
  await q.insertRows(
    'live_events',
    ['site_id', 'customer_id', 'type', 'payload', 'at'],
    events.map((e) => [e.siteId, e.customerId, e.type, JSON.stringify(e.payload), at]),
    { onConflict: '' },
  );
  await q.notify(LIVE_CHANNEL);
}

/**
 * Appends, in an ingest write, an event for each identified response row `v` the guard holds for
 * and for each follow-up it opened that names a customer (`opened`: SQL rows `f`), responses
 * first, after the ordered-append lock (PostgreSQL; taken only when there is something to append).
 */
export async function appendLiveEventsGuarded(
  q: Queryable,
  dialect: Dialect,
  siteId: string,
  rows: { id: string; customerId: string; kind: string; payload: unknown }[],
  guard: { sql: string; params: SqlValue[] },
  /** The follow-ups the write opened; undefined where it is known to open none that names a customer. */
  opened: { sql: string; params: SqlValue[] } | undefined,
  now: number,
) {
  // Whether anything may be appended: then the streams are woken (on PostgreSQL a notification
  // reaches every instance, so a write with nothing for them sends none).
  let appending = true;
  if (rows.length) {
    if (dialect.orderedAppendLock) await q.get(`SELECT ${dialect.orderedAppendLock} AS locked`);
    await q.run(
      `INSERT INTO live_events (site_id, customer_id, type, payload, at)
       SELECT CAST(? AS TEXT), v.cid, 'response', v.payload, CAST(? AS BIGINT) FROM (${dialect.jsonRows([
         ['rid', 'text'],
         ['cid', 'text'],
         ['payload', 'text'],
         ['kind', 'text'],
       ])}) v
       WHERE ${guard.sql} ORDER BY v.rid`,
      [
        siteId,
        now,
        JSON.stringify(rows.map((r) => [r.id, r.customerId, JSON.stringify(r.payload), r.kind])),
        ...guard.params,
      ],
    );
  } else if (!opened) {
    appending = false;
  } else if (dialect.orderedAppendLock) {
    // No response event, but a follow-up this write opened may name a customer (an answer added to
    // a stored response of theirs): the lock is taken only if one does.
    appending = !!(await q.get(
      `SELECT ${dialect.orderedAppendLock} AS locked FROM ${opened.sql} AND COALESCE(f.customer_id, '') <> '' LIMIT 1`,
      opened.params,
    ));
  }
  if (opened) {
    const at = 'CAST(? AS TEXT)';
    const payload = dialect.jsonObject([
      ['id', 'f.id'],
      ['status', "'open'"],
      ['reason', 'f.reason'],
      ['responseId', 'f.response_id'],
      ['openedAt', at],
      ['updatedAt', at],
    ]);
    const iso = new Date(now).toISOString();
    await q.run(
      `INSERT INTO live_events (site_id, customer_id, type, payload, at)
       SELECT f.site_id, f.customer_id, 'followup', ${payload}, CAST(? AS BIGINT) FROM ${opened.sql}
         AND COALESCE(f.customer_id, '') <> '' ORDER BY f.response_id`,
      [iso, iso, now, ...opened.params],
    );
  }
  if (appending) await q.notify(LIVE_CHANNEL);
}
