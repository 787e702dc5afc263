import type { Context } from 'hono';
import type { FailedAuthThrottle } from './auth/failed-auth-throttle.js';
import type { Db } from './db/index.js';
import type { RateLimiter } from './http/rate-limit.js';
import type { Inbox } from './ingest/inbox.js';
import type { TextReader } from './reports/read-text.js';
import type { StaticFiles } from './static/files.js';

/**
 * Who is calling: the admin, or an agent token scoped to sites. `isStillValid` re-checks the
 * credential (a long-lived stream ends when its token is revoked or the admin token rotated).
 */
export type Auth = { isStillValid?: () => Promise<boolean> } & (
  | { role: 'admin' }
  | { role: 'agent'; tokenId: string; siteIds: string[] }
);

/** What the app is built from; the entry point (Node, tests, benchmarks) provides it. */
export interface Deps {
  db: Db;
  /** A separate pool for the live streams' reads (PostgreSQL); the main one when absent. */
  streamDb?: Db;
  /** Reads comments for the themes report: off the event loop on Node; in this thread when absent. */
  readTexts?: TextReader;
  /**
   * SQLite's inbox (ingest/inbox.ts): new responses committed raw at the 202 and folded behind it;
   * every authenticated request drains it first. Absent: ingest writes everything before the 202.
   */
  inbox?: Inbox;
  /** Told when a site stored responses, so its new comments are read in the background. */
  onResponsesStored?: (siteId: string) => void;
  /** SHA-256 hex of the admin token at start; the stored one (meta) wins once there is one (rotation). */
  adminTokenHash: string;
  /** The admin token comes from MOMENTS_ADMIN_TOKEN: rotate it there, not through the API. */
  adminTokenFromEnv?: boolean;
  /** Counts wrong credentials per address (a default one when absent). */
  failedAuthThrottle: FailedAuthThrottle;
  /** Webhooks may target loopback and private addresses (MOMENTS_WEBHOOK_ALLOW_PRIVATE=1: development, tests). */
  webhookAllowPrivate?: boolean;
  /** How long a rotated site secret or public key keeps working (24 h when absent). */
  rotationGraceMs?: number;
  rateLimiter: RateLimiter;
  /** The caller's IP, from the runtime (undefined where the runtime has none, e.g. app.request). */
  getClientIp: (c: Context) => string | undefined;
  /** The built widget (w.js and its chunks); absent: /w.js is 404. */
  widgetFiles?: StaticFiles;
  /** The built dashboard (index.html and assets/); absent: /app is 404. */
  dashboardFiles?: StaticFiles;
  /**
   * Checks a webhook URL when it is saved; throws ForbiddenTargetError for a host that is, or
   * resolves to, a non-public address. Node resolves the name (webhooks/target.ts); when absent, only
   * what needs no DNS is checked (a literal address, a localhost name: webhooks/public-address.ts), as on Workers.
   */
  checkWebhookTarget?: (url: URL) => Promise<unknown>;
  demo?: boolean;
  /** Behind a reverse proxy (MOMENTS_TRUST_PROXY=1): X-Forwarded-Proto and -Host name the public origin. */
  trustProxy?: boolean;
  /**
   * Requests share no work (true on Workers: workerd does not let one request wait on I/O another
   * started, it cancels it as hung): each ingest request writes alone, public requests read their
   * site and live streams their summaries each on its own. Otherwise ingest requests of one site
   * that wait together are written in one transaction.
   */
  isolatedRequests?: boolean;
  /** Milliseconds between SSE heartbeats (15 s unless a test says otherwise). */
  streamHeartbeatMs?: number;
}

export type AppEnv = { Variables: { auth: Auth } };
