import type { Db } from '../db/index.js';
import { sendDueDigests } from '../reports/digest.js';
import {
  createWebhookDispatcher as createDispatcher,
  type DeliveryOptions,
  deliverDueWebhooks as deliverDue,
} from './dispatch.js';
import { postJson } from './post-json.js';

export { getRetryDelay } from './dispatch.js';

/** Delivery options on Node: POSTs go out through node:http (post-json.ts) unless told otherwise. */
type NodeDeliveryOptions = Omit<DeliveryOptions, 'post'> & Partial<Pick<DeliveryOptions, 'post'>>;

/** The dispatcher (dispatch.ts) sending with node:http. */
export const createWebhookDispatcher = (db: Db, opts: NodeDeliveryOptions = {}) =>
  createDispatcher(db, { post: postJson, ...opts });

/** Sends everything due now and waits for it (dispatch.ts), with node:http. */
export const deliverDueWebhooks = (db: Db, opts: NodeDeliveryOptions = {}) =>
  deliverDue(db, { post: postJson, ...opts });

/**
 * Runs a dispatch pass every `intervalMs` (deliveries run on in the background), and the weekly
 * digests once a minute, until stopped (the Node entry starts it).
 */
export function startWebhookWorker(
  db: Db,
  opts: { allowPrivate?: boolean; intervalMs?: number } = {},
): () => Promise<void> {
  const intervalMs = opts.intervalMs ?? 1000;
  const dispatcher = createWebhookDispatcher(db, { allowPrivate: opts.allowPrivate });
  let running: Promise<unknown> = Promise.resolve();
  let ticks = 0;
  const everyMinute = Math.max(1, Math.round(60_000 / intervalMs));
  const timer = setInterval(() => {
    const minute = ticks++ % everyMinute === 0;
    running = running
      .then(async () => {
        if (minute) await sendDueDigests(db);
        await dispatcher.pass();
      })
      .catch((err) => console.error('webhook worker failed', err));
  }, intervalMs);
  return async () => {
    clearInterval(timer);
    await running;
    await dispatcher.drain();
  };
}
