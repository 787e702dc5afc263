import type { Db } from '../db/index.js';
import { hmacSha256Hex } from '../domain/crypto.js';
import { sendDueDigests } from '../reports/digest.js';

const BATCH = 50;
const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 10_000;
const CLAIM_MS = 60_000;
const TIMEOUT_MS = 10_000;

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

/** A Slack-compatible one-liner for an event. */
function toSlackText(event: string, data: Record<string, unknown>): string {
  if (event === 'digest.weekly') return String(data.markdown);
  if (event === 'response.created') {
    const answers = (data.answers as { questionId: string; value: unknown }[]) ?? [];
    return `New response to ${data.surveyId} at ${data.moment}: ${answers.map((a) => `${a.questionId} ${JSON.stringify(a.value)}`).join(', ')}`;
  }
  return `Follow-up ${event === 'followup.opened' ? 'opened' : 'resolved'} (${data.reason}) for customer ${data.customerId ?? 'unknown'}`;
}

/** Exponential backoff: 10 s, 20 s, 40 s … */
export const getRetryDelay = (attempts: number) => BASE_DELAY_MS * 2 ** (attempts - 1);

/**
 * Sends the deliveries that are due. Each is claimed first (safe with several instances), POSTed
 * with `X-Moments-Signature: sha256=<hex HMAC of the body>`, and on failure retried with backoff
 * until MAX_ATTEMPTS, then marked failed. Returns how many were attempted.
 */
export async function deliverDueWebhooks(
  db: Db,
  opts: { now?: number; fetch?: typeof fetch } = {},
): Promise<number> {
  const now = opts.now ?? Date.now();
  const doFetch = opts.fetch ?? fetch;
  const due = await db.all<Due>(
    `SELECT d.id, d.event, d.payload, d.attempts, d.created_at, w.url, w.secret, w.format
     FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
     WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND (d.locked_until IS NULL OR d.locked_until < ?)
     ORDER BY d.next_attempt_at LIMIT ${BATCH}`,
    [now, now],
  );
  let attempted = 0;
  for (const d of due) {
    const claimed = await db.run(
      "UPDATE webhook_deliveries SET locked_until = ? WHERE id = ? AND status = 'pending' AND (locked_until IS NULL OR locked_until < ?)",
      [now + CLAIM_MS, d.id, now],
    );
    if (!claimed.changes) continue;
    attempted++;
    const data = JSON.parse(d.payload) as Record<string, unknown>;
    const body = JSON.stringify(
      d.format === 'slack'
        ? { text: toSlackText(d.event, data) }
        : { id: d.id, event: d.event, createdAt: new Date(d.created_at).toISOString(), data },
    );
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await doFetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-moments-event': d.event,
          'x-moments-delivery': d.id,
          'x-moments-signature': `sha256=${await hmacSha256Hex(d.secret, body)}`,
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = res.status;
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    }
    const attempts = d.attempts + 1;
    if (!error) {
      await db.run(
        "UPDATE webhook_deliveries SET status = 'delivered', attempts = ?, last_status = ?, last_error = NULL, delivered_at = ?, locked_until = NULL WHERE id = ?",
        [attempts, status, Date.now(), d.id],
      );
    } else {
      const failed = attempts >= MAX_ATTEMPTS;
      await db.run(
        'UPDATE webhook_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?, next_attempt_at = ?, locked_until = NULL WHERE id = ?',
        [
          failed ? 'failed' : 'pending',
          attempts,
          status,
          error.slice(0, 500),
          failed ? null : now + getRetryDelay(attempts),
          d.id,
        ],
      );
    }
  }
  return attempted;
}

/** Runs deliveries every `intervalMs`, and the weekly digests once a minute, until stopped (the Node entry starts it). */
export function startWebhookWorker(db: Db, intervalMs = 1000): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let ticks = 0;
  const everyMinute = Math.max(1, Math.round(60_000 / intervalMs));
  const timer = setInterval(() => {
    const digests = ticks++ % everyMinute === 0;
    running = running
      .then(async () => {
        if (digests) await sendDueDigests(db);
        await deliverDueWebhooks(db);
      })
      .catch((err) => console.error('webhook delivery failed', err));
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
  };
}
