/**
 * The Cloudflare Workers entry of the same Hono app: D1 for the database, static assets for the
 * widget and the dashboard, a Cron Trigger for webhooks, digests and pruning. Built from
 * runtime-neutral modules only: edge/build.ts bundles it and fails on any Node built-in.
 */
import { createApp } from '../app.js';
import { ensureAdminToken, readStoredAdminTokenHash } from '../auth/admin-token.js';
import { createFailedAuthThrottle } from '../auth/failed-auth-throttle.js';
import { createD1Db, type D1Binding } from '../db/d1.js';
import type { Db } from '../db/types.js';
import { makeErrorBody } from '../http/errors.js';
import { createClientIpReader } from '../http/forwarded.js';
import { createSharedRateLimiter } from '../http/rate-limit.js';
import { sendDueDigests } from '../reports/digest.js';
import { pruneExpired } from '../retention/prune.js';
import { readSettings, type Settings } from '../settings.js';
import { deliverDueWebhooks } from '../webhooks/dispatch.js';
import { type AssetsBinding, assetFiles } from './assets.js';
import { postWithFetch } from './post-fetch.js';

/** The Worker's bindings (wrangler.jsonc): D1 as DB, the static assets as ASSETS, and the settings as vars or secrets. */
export interface Env {
  DB: D1Binding;
  ASSETS?: AssetsBinding;
  [setting: `MOMENTS_${string}`]: string | undefined;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}
interface ScheduledController {
  scheduledTime: number;
  cron: string;
}

class SetupError extends Error {}

type Built = { db: Db; settings: Settings; app: ReturnType<typeof createApp> };

/** Migrates once per isolate. Two isolates migrating at once: one batch wins, the other fails whole and looks again. */
async function migrate(db: Db): Promise<void> {
  try {
    await db.migrate();
  } catch {
    await db.migrate();
  }
}

async function build(env: Env): Promise<Built> {
  const settings = readSettings(env as unknown as Record<string, string | undefined>);
  const db = createD1Db(env.DB);
  await migrate(db);
  // No one would see a token made here: the admin token is the MOMENTS_ADMIN_TOKEN secret.
  if (!settings.adminToken && !(await readStoredAdminTokenHash(db)))
    throw new SetupError(
      'No admin token: set the MOMENTS_ADMIN_TOKEN secret (wrangler secret put MOMENTS_ADMIN_TOKEN)',
    );
  const admin = await ensureAdminToken(db, settings.adminToken);
  const app = createApp({
    db,
    adminTokenHash: admin.hash,
    adminTokenFromEnv: !!settings.adminToken,
    failedAuthThrottle: createFailedAuthThrottle(db, settings.authFailures),
    rotationGraceMs: settings.rotationGraceMs,
    webhookAllowPrivate: settings.webhookAllowPrivate,
    // Isolates come and go across Cloudflare's network: counts live in D1, shared by all of them.
    rateLimiter: createSharedRateLimiter(db, settings.rateLimit, undefined, undefined, {
      isolatedRequests: true,
    }),
    getClientIp: createClientIpReader(settings.proxyHops, (c) => c.req.header('cf-connecting-ip')),
    widgetFiles: assetFiles(env.ASSETS, 'widget'),
    dashboardFiles: assetFiles(env.ASSETS, 'dashboard'),
    trustProxy: settings.proxyHops > 0,
    // workerd cancels a request that waits on I/O another request started (as hung): requests
    // share nothing, and each ingest request writes alone.
    isolatedRequests: true,
    streamHeartbeatMs: env.MOMENTS_STREAM_HEARTBEAT_MS ? Number(env.MOMENTS_STREAM_HEARTBEAT_MS) : undefined,
  });
  return { db, settings, app };
}

let built: Promise<Built> | undefined;
/** The app of this isolate, built on its first request (a failed build is tried again on the next). */
function getBuilt(env: Env): Promise<Built> {
  built ??= build(env).catch((err) => {
    built = undefined;
    throw err;
  });
  return built;
}

/** What one Cron Trigger tick does: what the Node server's webhook worker and pruning timer do. */
export async function runScheduled(db: Db, settings: Settings, scheduledTime: number): Promise<void> {
  // Each part on its own: one failing does not hold up the others (the tick fails after all ran).
  const parts = [
    () => sendDueDigests(db),
    () => deliverDueWebhooks(db, { post: postWithFetch, allowPrivate: settings.webhookAllowPrivate }),
    ...(new Date(scheduledTime).getUTCMinutes() === 0 ? [() => pruneExpired(db, settings)] : []),
  ];
  const failures: unknown[] = [];
  for (const part of parts) await part().catch((err) => failures.push(err));
  if (failures.length) throw new AggregateError(failures, 'scheduled tick: a part failed');
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let app: Built['app'];
    try {
      ({ app } = await getBuilt(env));
    } catch (err) {
      if (!(err instanceof SetupError)) console.error('Moments could not start', err);
      const message = err instanceof SetupError ? err.message : 'The database is unavailable';
      return Response.json(makeErrorBody('unavailable', message), {
        status: 503,
        headers: { 'Retry-After': '5' },
      });
    }
    return app.fetch(request, env, ctx as never);
  },

  // Awaited, not waitUntil: the tick's outcome (and a failure) is the handler's.
  async scheduled(controller: ScheduledController, env: Env): Promise<void> {
    const { db, settings } = await getBuilt(env);
    await runScheduled(db, settings, controller.scheduledTime);
  },
};
