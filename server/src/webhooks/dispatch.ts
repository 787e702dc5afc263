import type { Db } from '../db/index.js';
import { hmacSha256Hex } from '../domain/crypto.js';
import { escapeSlackText } from '../domain/escape-markup.js';
import type { PostOutcome } from './post-json.js';

const BATCH = 100;
const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 10_000;
const TIMEOUT_MS = 10_000;
/** Deliveries in flight to one endpoint (scheme, host and port): a slow receiver holds up only itself. */
const PER_ENDPOINT = 2;
/** Deliveries in flight per instance. */
const MAX_IN_FLIGHT = 32;

type Due = {
  id: string;
  event: string;
  payload: string;
  attempts: number;
  created_at: number;
  url: string;
  secret: string;
  format: string;
};

/** A Slack-compatible one-liner for an event; what customers sent is escaped (no `<!channel>`, no links). */
function toSlackText(event: string, data: Record<string, unknown>): string {
  if (event === 'digest.weekly') return String(data.markdown);
  const e = (v: unknown) => escapeSlackText(String(v));
  if (event === 'response.created' || event === 'response.updated') {
    const answers = (data.answers as { questionId: string; value: unknown }[]) ?? [];
    return `${event === 'response.created' ? 'New response' : 'Response updated'} to ${e(data.surveyId)} at ${e(data.moment)}: ${answers.map((a) => `${e(a.questionId)} ${e(JSON.stringify(a.value))}`).join(', ')}`;
  }
  return `Follow-up ${event === 'followup.opened' ? 'opened' : 'resolved'} (${e(data.reason)}) for customer ${e(data.customerId ?? 'unknown')}`;
}

/** Exponential backoff: 10 s, 20 s, 40 s … */
export const getRetryDelay = (attempts: number) => BASE_DELAY_MS * 2 ** (attempts - 1);

/** Sends one delivery's POST (Node: post-json.ts over node:http; Workers: edge/post-fetch.ts over fetch). */
export type Poster = (
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; allowPrivate: boolean },
) => Promise<PostOutcome>;

export interface DeliveryOptions {
  /** How a delivery is sent. */
  post: Poster;
  /** Lets webhooks reach loopback and private addresses (MOMENTS_WEBHOOK_ALLOW_PRIVATE=1). */
  allowPrivate?: boolean;
  /** The time to act as (tests); the clock still runs from it. */
  now?: number;
  /** How long one attempt may take (10 s). */
  timeoutMs?: number;
}

const endpointOf = (url: string) => {
  const u = new URL(url);
  return `${u.protocol}//${u.host}`;
};

/**
 * Sends due deliveries without letting one endpoint hold up the rest: each pass claims what is due
 * for endpoints with room (PER_ENDPOINT each, MAX_IN_FLIGHT in all) and starts it at once. A claim
 * is a lease measured from the moment of the claim and longer than any attempt, taken with a
 * conditional UPDATE, so two instances never send one delivery; the outcome is written only while
 * the lease is still ours.
 */
export function createWebhookDispatcher(db: Db, opts: DeliveryOptions) {
  const started = Date.now();
  const clock = () => (opts.now === undefined ? Date.now() : opts.now + (Date.now() - started));
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  // A claim outlasts the longest attempt (and the write after it), counted from the claim itself,
  // so no other instance takes the delivery while it is being sent.
  const leaseMs = timeoutMs * 3;
  const inFlight = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let total = 0;

  async function attempt(d: Due, dueAt: number, lease: number): Promise<void> {
    const data = JSON.parse(d.payload) as Record<string, unknown>;
    const body = JSON.stringify(
      d.format === 'slack'
        ? { text: toSlackText(d.event, data) }
        : { id: d.id, event: d.event, createdAt: new Date(d.created_at).toISOString(), data },
    );
    const outcome = await opts.post(
      d.url,
      {
        'content-type': 'application/json',
        'x-moments-event': d.event,
        'x-moments-delivery': d.id,
        'x-moments-signature': `sha256=${await hmacSha256Hex(d.secret, body)}`,
      },
      body,
      { timeoutMs, allowPrivate: opts.allowPrivate ?? false },
    );
    const status = 'status' in outcome ? outcome.status : null;
    const error =
      'error' in outcome ? outcome.error : status! >= 200 && status! < 300 ? null : `HTTP ${status}`;
    const attempts = d.attempts + 1;
    if (!error) {
      await db.run(
        "UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL, delivered_at = ?, locked_until = NULL WHERE id = ? AND locked_until = ?",
        [attempts, status, clock(), d.id, lease],
      );
      return;
    }
    const failed = attempts >= MAX_ATTEMPTS;
    await db.run(
      'UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ?, locked_until = NULL WHERE id = ? AND locked_until = ?',
      [
        failed ? 'failed' : 'pending',
        attempts,
        status,
        error,
        failed ? null : dueAt + getRetryDelay(attempts),
        d.id,
        lease,
      ],
    );
  }

  function start(d: Due, endpoint: string, dueAt: number, lease: number) {
    inFlight.set(endpoint, (inFlight.get(endpoint) ?? 0) + 1);
    total++;
    const p = attempt(d, dueAt, lease)
      .catch((err) => console.error('webhook delivery failed', err))
      .finally(() => {
        inFlight.set(endpoint, inFlight.get(endpoint)! - 1);
        total--;
        running.delete(p);
      });
    running.add(p);
  }

  return {
    /** Claims and starts what is due and has room; resolves with how many it started. */
    async pass(): Promise<number> {
      const now = clock();
      // Deleted webhooks are left out: their deliveries stop with them.
      const due = await db.all<Due>(
        `SELECT d.id, d.event, d.payload, d.attempts, d.created_at, w.url, w.secret, w.format
         FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
         WHERE d.status = 'pending' AND w.deleted_at IS NULL AND d.next_attempt_at <= ?
           AND (d.locked_until IS NULL OR d.locked_until < ?)
         ORDER BY d.next_attempt_at LIMIT ${BATCH}`,
        [now, now],
      );
      let startedCount = 0;
      for (const d of due) {
        if (total >= MAX_IN_FLIGHT) break;
        const endpoint = endpointOf(d.url);
        if ((inFlight.get(endpoint) ?? 0) >= PER_ENDPOINT) continue;
        const at = clock();
        const lease = at + leaseMs;
        const claimed = await db.run(
          "UPDATE webhook_deliveries SET locked_until = ? WHERE id = ? AND status = 'pending' AND (locked_until IS NULL OR locked_until < ?)",
          [lease, d.id, at],
        );
        if (!claimed.changes) continue;
        // Backoff counts from when the delivery was found due; the lease from the claim.
        start(d, endpoint, now, lease);
        startedCount++;
      }
      return startedCount;
    },
    /** Waits for every delivery in flight. */
    async drain(): Promise<void> {
      while (running.size) await Promise.all([...running]);
    },
  };
}

/**
 * Sends everything due now and waits for it: passes until nothing more is due (deliveries held back
 * by the per-endpoint bound go in later passes). Returns how many were attempted.
 */
export async function deliverDueWebhooks(db: Db, opts: DeliveryOptions): Promise<number> {
  const dispatcher = createWebhookDispatcher(db, opts);
  let attempted = 0;
  for (;;) {
    const n = await dispatcher.pass();
    attempted += n;
    if (!n) break;
    await dispatcher.drain();
  }
  await dispatcher.drain();
  return attempted;
}
