/**
 * `pnpm start:edge`: the Worker build on workerd (miniflare) with the settings of `pnpm start`:
 * PORT, HOST, MOMENTS_DATA (the local D1 files go in its d1/ folder), MOMENTS_ADMIN_TOKEN and the
 * other MOMENTS_* settings (passed to the Worker as vars). The Cron Trigger fires each minute, as
 * on Cloudflare.
 */
import { join, resolve } from 'node:path';
import { ensureAdminToken } from '../auth/admin-token.js';
import { createD1Db } from '../db/d1.js';
import { buildWorker, copyAssets } from './build.js';
import { createLocalEdge, fireCron } from './local.js';

const env = process.env;
const port = Number(env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535)
  throw new Error(`PORT must be a port number, not ${env.PORT}`);
const d1Dir = join(resolve(env.MOMENTS_DATA ?? './data'), 'd1');
const vars = Object.fromEntries(
  Object.entries(env).filter(
    (e): e is [string, string] => e[0].startsWith('MOMENTS_') && e[0] !== 'MOMENTS_DATA' && !!e[1],
  ),
);

await buildWorker();
const mf = createLocalEdge({ vars, d1Dir, assetsDir: copyAssets(), port, host: env.HOST ?? '0.0.0.0' });
const url = await mf.ready;
// Without MOMENTS_ADMIN_TOKEN, one is made here and shown once (the Worker itself never makes one).
const db = createD1Db(await mf.getD1Database('DB'));
await db.migrate();
const admin = await ensureAdminToken(db, vars.MOMENTS_ADMIN_TOKEN);
if (admin.created)
  console.log(
    `\nAdmin token (shown once, stored hashed; set MOMENTS_ADMIN_TOKEN to choose your own):\n  ${admin.created}\n`,
  );
const shown = new URL(url.href);
if (shown.hostname === '0.0.0.0' || shown.hostname === '127.0.0.1') shown.hostname = 'localhost';
console.log(`Moments listening on ${shown.origin} (Cloudflare Workers runtime, workerd; D1 in ${d1Dir})`);

// Each minute on the minute, as a Cron Trigger "* * * * *" does.
let cron: ReturnType<typeof setTimeout>;
const tick = () => {
  cron = setTimeout(
    () => {
      fireCron(mf).catch((err) => console.error('scheduled tick failed', err));
      tick();
    },
    60_000 - (Date.now() % 60_000),
  );
};
tick();

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  // miniflare's own signal hook (signal-exit) stops workerd and re-raises the signal, so the
  // process would end by it (143) instead of draining and exiting 0 as `pnpm start` does: ours
  // stops workerd itself.
  for (const l of process.listeners(signal)) process.removeListener(signal, l);
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(cron);
    await mf.dispose();
    process.exit(0);
  });
}
