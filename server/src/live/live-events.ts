import type { Dialect, Queryable } from '../db/index.js';

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
  if (dialect.orderedAppendLock) await q.get(dialect.orderedAppendLock);
  const at = Date.now();
  await q.insertRows(
    'live_events',
    ['site_id', 'customer_id', 'type', 'payload', 'at'],
    events.map((e) => [e.siteId, e.customerId, e.type, JSON.stringify(e.payload), at]),
    { onConflict: '' },
  );
  await q.notify(LIVE_CHANNEL);
}
