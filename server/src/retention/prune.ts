import type { Db } from '../db/index.js';
import { compactRollupSlots } from '../rollups/compact-slots.js';

const DAY_MS = 86_400_000;

export interface RetentionSettings {
  /** Days the live-stream log keeps events (a stream resumes only within it). */
  liveEventsDays: number;
  /** Days the webhook delivery log keeps delivered and failed deliveries (pending ones stay). */
  webhookLogDays: number;
}

/** Deletes what has outlived its retention: old live events, old finished deliveries, expired sessions, old failed-credential counts. */
export async function pruneExpired(db: Db, settings: RetentionSettings, now = Date.now()) {
  const liveEvents = await db.run('DELETE FROM live_events WHERE at < ?', [
    now - settings.liveEventsDays * DAY_MS,
  ]);
  const deliveries = await db.run(
    "DELETE FROM webhook_deliveries WHERE status <> 'pending' AND created_at < ?",
    [now - settings.webhookLogDays * DAY_MS],
  );
  const sessions = await db.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
  // Failed-credential counts are read only within their window (15 min); a day is ample.
  await db.run('DELETE FROM auth_failures WHERE window_start < ?', [now - DAY_MS]);
  await db.run('DELETE FROM rate_limits WHERE window_start < ?', [now - DAY_MS]);
  return { liveEvents: liveEvents.changes, deliveries: deliveries.changes, sessions: sessions.changes };
}

/** Prunes (and folds past days' rollup slots) at start and then every `intervalMs` (an hour) until stopped. */
export function startPruning(db: Db, settings: RetentionSettings, intervalMs = 3_600_000): () => void {
  const run = async () => {
    await pruneExpired(db, settings).catch((err) => console.error('retention pruning failed', err));
    await compactRollupSlots(db).catch((err) => console.error('folding rollup slots failed', err));
  };
  void run();
  const timer = setInterval(run, intervalMs);
  return () => clearInterval(timer);
}
