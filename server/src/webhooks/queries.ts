import type { Webhook, WebhookCreate, WebhookDelivery, WebhookEvent } from '@moments/shared';
import type { Db, Dialect, Queryable, SqlValue } from '../db/index.js';
import { makeId } from '../domain/crypto.js';

type WebhookRow = {
  id: string;
  site_id: string;
  url: string;
  events: string;
  secret: string;
  format: 'json' | 'slack';
  created_at: number;
};

const toWebhook = (r: WebhookRow): Webhook => ({
  id: r.id,
  siteId: r.site_id,
  url: r.url,
  events: JSON.parse(r.events),
  format: r.format,
  createdAt: new Date(r.created_at).toISOString(),
});

export async function insertWebhook(db: Db, siteId: string, w: WebhookCreate): Promise<Webhook> {
  const row: WebhookRow = {
    id: makeId('wh_'),
    site_id: siteId,
    url: w.url,
    events: JSON.stringify(w.events),
    secret: w.secret,
    format: w.format,
    created_at: Date.now(),
  };
  await db.run(
    'INSERT INTO webhooks (id, site_id, url, events, secret, format, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    [row.id, row.site_id, row.url, row.events, row.secret, row.format, row.created_at],
  );
  return toWebhook(row);
}

export async function listWebhooks(db: Db, siteId: string): Promise<Webhook[]> {
  const rows = await db.all<WebhookRow>(
    'SELECT * FROM webhooks WHERE site_id = ? AND deleted_at IS NULL ORDER BY created_at',
    [siteId],
  );
  return rows.map(toWebhook);
}

export async function findWebhook(db: Db, id: string) {
  return db.get<WebhookRow>('SELECT * FROM webhooks WHERE id = ? AND deleted_at IS NULL', [id]);
}

/** Deletes a webhook and what it still had to send: no retry goes out after this. */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  // Read, then write (batch-shaped: one D1 batch too); the row is held until commit on PostgreSQL.
  return db.tx(async (q) => {
    const live = await q.get(
      `SELECT id FROM webhooks WHERE id = ? AND deleted_at IS NULL${db.dialect.lockRows}`,
      [id],
    );
    if (!live) return false;
    await q.run('UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL', [Date.now(), id]);
    await q.run("DELETE FROM webhook_deliveries WHERE webhook_id = ? AND status = 'pending'", [id]);
    return true;
  });
}

/** The customer a payload is about (a response names `customer.id`, a follow-up `customerId`). */
function customerIdOf(p: unknown): string | null {
  const o = p as { customer?: { id?: string }; customerId?: string | null };
  return o.customer?.id ?? o.customerId ?? null;
}

/** Queues a delivery to every live webhook of the site that wants this event (in the caller's transaction). */
export async function enqueueWebhookEvent(
  q: Queryable,
  siteId: string,
  event: WebhookEvent,
  payloads: unknown[],
) {
  if (!payloads.length) return;
  const hooks = (
    await q.all<WebhookRow>('SELECT * FROM webhooks WHERE site_id = ? AND deleted_at IS NULL', [siteId])
  ).filter((h) => (JSON.parse(h.events) as string[]).includes(event));
  await insertDeliveries(
    q,
    siteId,
    event,
    hooks.map((h) => h.id),
    payloads,
  );
}

/** Queues a delivery of each payload to each of the hooks (found before: a write only). */
export async function insertDeliveries(
  q: Queryable,
  siteId: string,
  event: WebhookEvent,
  hookIds: string[],
  payloads: unknown[],
) {
  if (!hookIds.length || !payloads.length) return;
  const now = Date.now();
  await q.insertRows(
    'webhook_deliveries',
    [
      'id',
      'webhook_id',
      'site_id',
      'customer_id',
      'event',
      'payload',
      'status',
      'attempts',
      'next_attempt_at',
      'created_at',
    ],
    hookIds.flatMap((hookId) =>
      payloads.map((p) => [
        makeId('whd_'),
        hookId,
        siteId,
        customerIdOf(p),
        event,
        JSON.stringify(p),
        'pending',
        0,
        now,
        now,
      ]),
    ),
    { onConflict: '' },
  );
}

type DeliveryRow = {
  id: string;
  event: WebhookEvent;
  status: WebhookDelivery['status'];
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  next_attempt_at: number | null;
};

/** The delivery log of one webhook, newest first. */
export async function listDeliveries(db: Db, webhookId: string, limit = 100): Promise<WebhookDelivery[]> {
  const rows = await db.all<DeliveryRow>(
    `SELECT id, event, status, attempts, last_status, last_error, created_at, delivered_at, next_attempt_at
     FROM webhook_deliveries WHERE webhook_id = ? ORDER BY created_at DESC, id LIMIT ${limit}`,
    [webhookId],
  );
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: iso(r.created_at)!,
    deliveredAt: iso(r.delivered_at),
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
  }));
}

/** The site's live webhooks by the events they want: read before an ingest write. */
export async function findHooksByEvent(q: Queryable, siteId: string): Promise<Map<WebhookEvent, string[]>> {
  const rows = await q.all<{ id: string; events: string }>(
    'SELECT id, events FROM webhooks WHERE site_id = ? AND deleted_at IS NULL ORDER BY id',
    [siteId],
  );
  const byEvent = new Map<WebhookEvent, string[]>();
  for (const r of rows)
    for (const e of JSON.parse(r.events) as WebhookEvent[]) byEvent.set(e, [...(byEvent.get(e) ?? []), r.id]);
  return byEvent;
}

const DELIVERY_COLUMNS =
  'id, webhook_id, site_id, customer_id, event, payload, status, attempts, next_attempt_at, created_at';

/**
 * Queues `event` to each hook for every payload row `v` (`v.rid`, `v.cid`, `v.payload`) for which
 * `guard` holds: SQL that asks whether the write stored what the payload tells (a write only; see
 * write-batch.ts).
 */
export async function enqueueGuarded(
  q: Queryable,
  d: Dialect,
  siteId: string,
  event: WebhookEvent,
  hookIds: string[],
  rows: { id: string; customerId: string | null; payload: unknown }[],
  guard: { sql: string; params: SqlValue[] },
  now: number,
) {
  if (!hookIds.length || !rows.length) return;
  await q.run(
    `INSERT INTO webhook_deliveries (${DELIVERY_COLUMNS})
     SELECT ${d.randomId('whd_')}, h.value, CAST(? AS TEXT), v.cid, CAST(? AS TEXT), v.payload, 'pending', 0,
       CAST(? AS BIGINT), CAST(? AS BIGINT)
     FROM (${d.jsonRows([
       ['rid', 'text'],
       ['cid', 'text'],
       ['payload', 'text'],
     ])}) v CROSS JOIN (${d.jsonValues}) h
     WHERE ${guard.sql}`,
    [
      siteId,
      event,
      now,
      now,
      JSON.stringify(rows.map((r) => [r.id, r.customerId, JSON.stringify(r.payload)])),
      JSON.stringify(hookIds),
      ...guard.params,
    ],
  );
}

/** Queues `followup.opened` for the follow-ups one ingest write opened (`opened`: SQL rows `f`). */
export async function enqueueFollowUpsOpened(
  q: Queryable,
  d: Dialect,
  hookIds: string[],
  opened: { sql: string; params: SqlValue[] },
  now: number,
) {
  if (!hookIds.length) return;
  const payload = d.jsonObject([
    ['id', 'f.id'],
    ['responseId', 'f.response_id'],
    ['customerId', 'f.customer_id'],
    ['reason', 'f.reason'],
  ]);
  await q.run(
    `INSERT INTO webhook_deliveries (${DELIVERY_COLUMNS})
     SELECT ${d.randomId('whd_')}, h.value, f.site_id, f.customer_id, 'followup.opened', ${payload}, 'pending', 0,
       CAST(? AS BIGINT), CAST(? AS BIGINT)
     FROM (${d.jsonValues}) h CROSS JOIN ${opened.sql}`,
    [now, now, JSON.stringify(hookIds), ...opened.params],
  );
}
