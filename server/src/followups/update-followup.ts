import type { FollowUp, FollowUpPatch } from '@moments/shared';
import type { Db } from '../db/index.js';
import { makeId } from '../domain/crypto.js';
import { appendLiveEvents } from '../live/live-events.js';
import { findHooksByEvent, insertDeliveries } from '../webhooks/queries.js';
import { toFollowUp } from './queries.js';

/** Changes status, assignee or note, records who changed what and when, and tells the live stream. */
export async function updateFollowUp(
  db: Db,
  current: FollowUp,
  patch: FollowUpPatch,
  actor: string,
): Promise<FollowUp> {
  const change: Record<string, unknown> = {};
  if (patch.status !== current.status) change.status = patch.status;
  if (patch.assignee !== undefined && patch.assignee !== current.assignee) change.assignee = patch.assignee;
  if (patch.note !== undefined && patch.note !== current.note) change.note = patch.note;
  if (!Object.keys(change).length) return current;
  const now = Date.now();
  return db.tx(async (q) => {
    // Reads first, then only writes (batch-shaped: one D1 batch too): the row as it stands (held
    // until commit on PostgreSQL) and the webhooks told of a resolution.
    const row = await q.get<Parameters<typeof toFollowUp>[0]>(
      `SELECT * FROM followups WHERE id = ?${db.dialect.lockRows}`,
      [current.id],
    );
    const hooks =
      change.status === 'resolved'
        ? ((await findHooksByEvent(q, current.siteId)).get('followup.resolved') ?? [])
        : [];
    const updated: FollowUp = {
      ...(row ? toFollowUp(row) : current),
      ...(change as Partial<FollowUp>),
      updatedAt: new Date(now).toISOString(),
    };
    const sets = Object.keys(change).map((k) => `${k} = ?`);
    await q.run(`UPDATE followups SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`, [
      ...(Object.values(change) as (string | null)[]),
      now,
      current.id,
    ]);
    await q.run('INSERT INTO followup_changes (id, followup_id, actor, at, change) VALUES (?, ?, ?, ?, ?)', [
      makeId('fch_'),
      current.id,
      actor,
      now,
      JSON.stringify(change),
    ]);
    await insertDeliveries(q, updated.siteId, 'followup.resolved', hooks, [updated]);
    if (updated.customerId) {
      await appendLiveEvents(q, db.dialect, [
        { siteId: updated.siteId, customerId: updated.customerId, type: 'followup', payload: updated },
      ]);
    }
    return updated;
  });
}
