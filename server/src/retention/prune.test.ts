import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { pruneExpired } from './prune.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const DAY = 86_400_000;

describe('retention', () => {
  it('prunes old live events, old finished webhook deliveries and expired sessions, keeping the rest', async () => {
    const now = Date.UTC(2026, 5, 1);
    for (const [i, at] of [now - 8 * DAY, now - 6 * DAY].entries())
      await t.db.run(
        "INSERT INTO live_events (site_id, customer_id, type, payload, at) VALUES ('s', ?, 'response', '{}', ?)",
        [`c${i}`, at],
      );
    const delivery = (id: string, status: string, createdAt: number) =>
      t.db.run(
        "INSERT INTO webhook_deliveries (id, webhook_id, event, payload, status, attempts, created_at) VALUES (?, 'wh', 'response.created', '{}', ?, 1, ?)",
        [id, status, createdAt],
      );
    await delivery('old-done', 'delivered', now - 31 * DAY);
    await delivery('old-failed', 'failed', now - 40 * DAY);
    await delivery('old-pending', 'pending', now - 40 * DAY);
    await delivery('new-done', 'delivered', now - 29 * DAY);
    await t.db.run("INSERT INTO sessions (id_hash, created_at, expires_at) VALUES ('gone', 0, ?)", [now - 1]);
    await t.db.run("INSERT INTO sessions (id_hash, created_at, expires_at) VALUES ('live', 0, ?)", [
      now + DAY,
    ]);

    const pruned = await pruneExpired(t.db, { liveEventsDays: 7, webhookLogDays: 30 }, now);
    expect(pruned).toEqual({ liveEvents: 1, deliveries: 2, sessions: 1 });
    expect(
      (await t.db.all<{ customer_id: string }>('SELECT customer_id FROM live_events')).map(
        (r) => r.customer_id,
      ),
    ).toEqual(['c1']);
    expect(
      (await t.db.all<{ id: string }>('SELECT id FROM webhook_deliveries ORDER BY id')).map((r) => r.id),
    ).toEqual(['new-done', 'old-pending']);
    expect(
      (await t.db.all<{ id_hash: string }>('SELECT id_hash FROM sessions')).map((r) => r.id_hash),
    ).toEqual(['live']);
  });
});
