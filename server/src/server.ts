import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.js';
import { ensureAdminToken } from './auth/admin-token.js';
import { createFailedAuthThrottle } from './auth/failed-auth-throttle.js';
import type { Config } from './config.js';
import { openDb, openStreamDb } from './db/index.js';
import { createClientIpReader } from './http/forwarded.js';
import { createRateLimiter, createSharedRateLimiter } from './http/rate-limit.js';
import { createInbox } from './ingest/inbox.js';
import { startPruning } from './retention/prune.js';
import { dirFiles } from './static/serve-file.js';
import { startBackgroundReading } from './themes-worker/read-in-background.js';
import { createWorkerTextReader } from './themes-worker/worker-reader.js';
import { startWebhookWorker } from './webhooks/deliver.js';
import { resolvePublicAddresses } from './webhooks/target.js';

/** How long in-flight requests may take to finish on shutdown. */
const SHUTDOWN_GRACE_MS = 5000;

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const widgetDist = join(root, 'widget/dist');
const dashboardDist = join(root, 'dashboard/dist');

/** Starts the Node server; resolves once it listens, with a stop() that drains and closes. */
export async function startServer(
  config: Config,
  opts: { demo?: boolean; onAdminToken?: (t: string) => void } = {},
) {
  const db = await openDb(config);
  const streamDb = await openStreamDb(config);
  const admin = await ensureAdminToken(db, config.adminToken);
  if (admin.created) opts.onAdminToken?.(admin.created);
  const getClientIp = createClientIpReader(config.proxyHops, (c) => getConnInfo(c).remote.address);
  // Comments are read in a worker thread: a themes report or a burst of long comments never stalls
  // the event loop; new ones are read in the background shortly after they are stored.
  const textReader = createWorkerTextReader();
  const reading = startBackgroundReading(db, textReader.read);
  // SQLite with MOMENTS_INBOX_MAX: new responses are committed raw at the 202 and folded behind it
  // (ingest/inbox.ts). Without it, what an earlier start left waiting is folded before listening.
  const inbox = config.databaseUrl
    ? undefined
    : await createInbox(db, {
        maxBacklog: config.inboxMax,
        onFolded: (siteId) => reading.schedule(siteId),
      });
  if (inbox && config.inboxMax === 0) await inbox.drain();
  const app = createApp({
    db,
    streamDb,
    inbox: config.inboxMax > 0 ? inbox : undefined,
    readTexts: textReader.read,
    onResponsesStored: (siteId) => reading.schedule(siteId),
    adminTokenHash: admin.hash,
    adminTokenFromEnv: !!config.adminToken,
    failedAuthThrottle: createFailedAuthThrottle(db, config.authFailures),
    rotationGraceMs: config.rotationGraceMs,
    webhookAllowPrivate: config.webhookAllowPrivate,
    // One process on SQLite counts in memory; instances sharing PostgreSQL count in it.
    rateLimiter: config.databaseUrl
      ? createSharedRateLimiter(db, config.rateLimit)
      : createRateLimiter(config.rateLimit),
    getClientIp,
    widgetFiles: existsSync(widgetDist) ? dirFiles(widgetDist) : undefined,
    dashboardFiles: existsSync(dashboardDist) ? dirFiles(dashboardDist) : undefined,
    checkWebhookTarget: resolvePublicAddresses,
    demo: opts.demo,
    trustProxy: config.proxyHops > 0,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const stopWebhooks = startWebhookWorker(db, { allowPrivate: config.webhookAllowPrivate });
  const stopPruning = startPruning(db, {
    liveEventsDays: config.liveEventsDays,
    webhookLogDays: config.webhookLogDays,
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    app,
    db,
    port,
    /** Stops accepting, lets in-flight requests finish, then closes the database. */
    stop: () =>
      new Promise<void>((resolve) => {
        const http = server as unknown as {
          closeIdleConnections?: () => void;
          closeAllConnections?: () => void;
        };
        // Keep-alive connections that go idle after close() would hold the process for their
        // timeout: close idle ones now and keep doing so, and cut what is left after a grace period.
        const idle = setInterval(() => http.closeIdleConnections?.(), 250);
        const grace = setTimeout(() => http.closeAllConnections?.(), SHUTDOWN_GRACE_MS);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(grace);
          stopPruning();
          stopWebhooks()
            .then(() => inbox?.stop())
            .then(() => reading.stop())
            .then(() => Promise.all([db.close(), streamDb?.close(), textReader.close()]))
            .then(() => undefined)
            .then(resolve, resolve);
        });
        http.closeIdleConnections?.();
      }),
  };
}
