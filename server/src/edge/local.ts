import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Miniflare, type MiniflareOptions } from 'miniflare';
import { COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, EDGE_WORKER } from './build.js';

/** What runs the built Worker locally on workerd (miniflare): `pnpm start:edge`, the edge test project, the bench. */
export interface LocalEdgeOptions {
  /** The bundle (edge/build.ts); EDGE_WORKER when absent. */
  script?: string;
  /** The Worker's settings (MOMENTS_*), as vars. */
  vars: Record<string, string>;
  /** Folder for the local D1 files; in memory when absent. */
  d1Dir?: string;
  /** Folder of static assets laid out by copyAssets (widget/, dashboard/); none when absent. */
  assetsDir?: string;
  /** Listen on a port (0: any free one); dispatchFetch only when absent. */
  port?: number;
  host?: string;
}

export function createLocalEdge(opts: LocalEdgeOptions): Miniflare {
  const script = opts.script ?? EDGE_WORKER;
  const options: MiniflareOptions = {
    // The bundle is given as one module: miniflare's module walker refuses the dynamic import()
    // that rate-limiter-flexible holds (never reached here).
    modules: [{ type: 'ESModule', path: script, contents: readFileSync(script, 'utf8') }],
    // Module names are relative to this root: a bundle outside the working folder (a temp one) is fine.
    modulesRoot: dirname(script),
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: COMPATIBILITY_FLAGS,
    d1Databases: { DB: 'moments' },
    d1Persist: opts.d1Dir ?? false,
    bindings: opts.vars,
    ...(opts.assetsDir
      ? {
          assets: {
            directory: opts.assetsDir,
            binding: 'ASSETS',
            // As `run_worker_first` in wrangler.jsonc: the app's routes set the headers.
            routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
            assetConfig: { html_handling: 'none', not_found_handling: 'none' },
          },
        }
      : {}),
    ...(opts.port === undefined ? {} : { port: opts.port, host: opts.host ?? '127.0.0.1' }),
  };
  return new Miniflare(options);
}

/** Fires the Worker's Cron Trigger once, as Cloudflare does each minute; resolves when the tick is done. */
export async function fireCron(mf: Miniflare, scheduledTime = Date.now()): Promise<void> {
  // miniflare types getWorker() through the Workers types, which are not installed here.
  const worker = (await mf.getWorker()) as unknown as {
    scheduled(o: { cron: string; scheduledTime: Date }): Promise<{ outcome: string }>;
  };
  const result = await worker.scheduled({ cron: '* * * * *', scheduledTime: new Date(scheduledTime) });
  if (result.outcome !== 'ok') throw new Error(`the scheduled handler ended with ${result.outcome}`);
}
