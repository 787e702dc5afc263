import { StreamQuerySchema } from '@moments/shared';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { requireRole, resolveSiteScope } from '../auth/middleware.js';
import { inList } from '../db/in-list.js';
import type { Db, SqlValue } from '../db/index.js';
import { toIssues, ValidationError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { validateQuery } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { AUTH_CHANNEL } from '../tokens/queries.js';
import { LIVE_CHANNEL } from './live-events.js';
import { createSummaryLookup } from './summary-lookup.js';

const DEFAULT_HEARTBEAT_MS = 15_000;
/** A safety net: even without a notification, look for new events this often. */
const POLL_MS = 5_000;
const PAGE = 500;

type LiveRow = { seq: number; site_id: string; customer_id: string; type: string; payload: string };

async function readEvents(db: Db, after: number, customers: string[], siteIds: string[] | undefined) {
  const inCustomers = inList(db.dialect, customers);
  const params: SqlValue[] = [after, ...inCustomers.params];
  let sites = '';
  if (siteIds) {
    const inSites = inList(db.dialect, siteIds);
    sites = ` AND site_id IN ${inSites.sql}`;
    params.push(...inSites.params);
  }
  return db.all<LiveRow>(
    `SELECT seq, site_id, customer_id, type, payload FROM live_events
     WHERE seq > ? AND customer_id IN ${inCustomers.sql}${sites} ORDER BY seq LIMIT ${PAGE}`,
    params,
  );
}

/** The Last-Event-ID header, held to the same rule as `?lastEventId` (400 when it breaks it). */
function readLastEventIdHeader(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const r = StreamQuerySchema.shape.lastEventId.safeParse(header);
  if (!r.success) throw new ValidationError(toIssues(r.error, ['Last-Event-ID']));
  return r.data;
}

/**
 * GET /v1/stream: Server-Sent Events of `response`, `followup` and `summary` for the customers
 * asked for. Each event's id is its place in the live log, so a reconnect with Last-Event-ID
 * gets everything after it; without one the stream starts from now.
 */
export function createStreamRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('/v1/stream', requireRole(deps, ['admin', 'agent']));
  // Streams read through their own pool where the runtime gives one, so a busy ingest pool cannot
  // hold up live updates; their summaries are shared across streams.
  const streamDb = deps.streamDb ?? deps.db;
  const lookUpSummary = createSummaryLookup(streamDb, { isolatedRequests: deps.isolatedRequests });

  app.get(
    '/v1/stream',
    describeRoute({
      summary:
        "Server-Sent Events: response, followup, summary (Last-Event-ID resumes); a revoked token's stream ends at once",
      description:
        'A Last-Event-ID header is held to the same rule as ?lastEventId (400 otherwise). When the token is revoked, or the admin token rotated, the stream sends a `revoked` event and ends.',
      auth: ['admin', 'agent'],
      ok: [200, null],
    }),
    validateQuery(StreamQuerySchema),
    async (c) => {
      const auth = c.get('auth');
      const q = c.req.valid('query');
      const siteIds = resolveSiteScope(auth, q.site);
      let last =
        readLastEventIdHeader(c.req.header('last-event-id')) ??
        q.lastEventId ??
        (await deps.db.get<{ m: number | null }>('SELECT MAX(seq) AS m FROM live_events'))?.m ??
        0;
      const heartbeatMs = deps.streamHeartbeatMs ?? DEFAULT_HEARTBEAT_MS;

      return streamSSE(c, async (stream) => {
        let aborted = false;
        let pending = true;
        let recheckAuth = false;
        let wake: (() => void) | undefined;
        const unsubscribe = await deps.db.subscribe(LIVE_CHANNEL, () => {
          pending = true;
          wake?.();
        });
        // A revoked token or a rotated admin token ends the stream at once, on any instance.
        const unsubscribeAuth = await deps.db.subscribe(AUTH_CHANNEL, () => {
          recheckAuth = true;
          wake?.();
        });
        stream.onAbort(() => {
          aborted = true;
          unsubscribe();
          unsubscribeAuth();
          wake?.();
        });
        await stream.writeSSE({
          event: 'ready',
          id: String(last),
          data: JSON.stringify({ lastEventId: last }),
        });
        let lastWrite = Date.now();
        while (!aborted) {
          if (recheckAuth) {
            recheckAuth = false;
            if (auth.isStillValid && !(await auth.isStillValid())) {
              await stream.writeSSE({
                event: 'revoked',
                data: JSON.stringify({ reason: 'credential revoked' }),
              });
              break;
            }
          }
          if (pending) {
            pending = false;
            const rows = await readEvents(streamDb, last, q.customers, siteIds);
            if (rows.length === PAGE) pending = true;
            // A burst of answers from one customer gets one summary, after the last of them.
            const lastResponse = new Map<string, number>();
            for (const row of rows)
              if (row.type === 'response') lastResponse.set(`${row.site_id}:${row.customer_id}`, row.seq);
            for (const row of rows) {
              // Every event names its customer and site, so one stream can serve many customers.
              const data = { customerId: row.customer_id, siteId: row.site_id, ...JSON.parse(row.payload) };
              await stream.writeSSE({ event: row.type, id: String(row.seq), data: JSON.stringify(data) });
              last = row.seq;
              if (lastResponse.get(`${row.site_id}:${row.customer_id}`) === row.seq) {
                const summary = await lookUpSummary(row.seq, row.site_id, row.customer_id);
                if (summary) {
                  await stream.writeSSE({
                    event: 'summary',
                    id: String(row.seq),
                    data: JSON.stringify(summary),
                  });
                }
              }
              lastWrite = Date.now();
            }
          }
          if (Date.now() - lastWrite >= heartbeatMs) {
            await stream.write(': heartbeat\n\n');
            lastWrite = Date.now();
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(
              () => {
                pending ||= Date.now() - lastWrite >= POLL_MS;
                // A notification can be lost (a dropped LISTEN connection): re-check on the poll too.
                recheckAuth ||= pending;
                resolve();
              },
              Math.min(heartbeatMs, POLL_MS),
            );
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
        unsubscribe();
        unsubscribeAuth();
      });
    },
  );
  return app;
}
