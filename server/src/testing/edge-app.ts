import { join } from 'node:path';
import type { Miniflare } from 'miniflare';
import { createD1Db } from '../db/d1.js';
import type { Db } from '../db/types.js';
import { EDGE_OUT } from '../edge/build.js';
import { createLocalEdge } from '../edge/local.js';

/** The Worker the edge test project runs: built once a run by edge-global-setup.ts. */
export const EDGE_TEST_WORKER = join(EDGE_OUT, 'test-worker.js');

type Instance = { mf: Miniflare; db: Db; key: string; idleTimer?: ReturnType<typeof setTimeout> };

/** Miniflare instances at rest, by their settings: a test file's tests reuse one (starting workerd takes about a second). */
const idle = new Map<string, Instance[]>();
/** How long an instance at rest waits for the next test before it is stopped. */
const IDLE_MS = 2000;

/** Empties every table (the schema stays): what a fresh D1 holds, without starting workerd again. */
async function wipe(db: Db): Promise<void> {
  const tables = await db.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name <> 'schema_migrations'",
  );
  // surveys reference sites: sites go last.
  const names = tables.map((t) => t.name).sort((a, b) => Number(a === 'sites') - Number(b === 'sites'));
  await db.tx(async (q) => {
    for (const name of names) await q.run(`DELETE FROM ${name}`);
  });
}

/** How long workerd may take to start before it is started again (it takes about a second). */
const START_MS = 20_000;

/**
 * workerd started for a test, once more if it is not ready in time: starved of CPU by a full suite,
 * its start can hang for good (a CI run stalled 15 minutes on a workerd spinning at 100%; the same
 * is reported of miniflare's unbounded `ready` under suite load). A second failure is the test's.
 */
async function startEdge(script: string, vars: Record<string, string>): Promise<Miniflare> {
  for (let attempt = 1; ; attempt++) {
    const mf = createLocalEdge({ script, vars });
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        mf.ready,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`workerd did not start in ${START_MS} ms`)), START_MS);
        }),
      ]);
      return mf;
    } catch (err) {
      void mf.dispose().catch(() => {});
      if (attempt === 2) throw err;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The Worker on workerd with a fresh D1 (migrated), for a test: `request` goes through
 * dispatchFetch, `db` is the D1 adapter over the binding miniflare hands Node.
 */
export async function openEdgeApp(vars: Record<string, string>, script = EDGE_TEST_WORKER) {
  const key = JSON.stringify(vars);
  let instance = idle.get(key)?.pop();
  if (instance) {
    clearTimeout(instance.idleTimer);
    await wipe(instance.db);
  } else {
    const mf = await startEdge(script, vars);
    const db = createD1Db(await mf.getD1Database('DB'));
    await db.migrate();
    instance = { mf, db, key };
  }
  const { mf, db } = instance;
  const running = instance;
  return {
    mf,
    db,
    /** A request to the Worker: x-test-ip stands for the caller's address (CF-Connecting-IP on Workers). */
    request: async (url: string, init: RequestInit = {}): Promise<Response> => {
      const headers = new Headers(init.headers);
      const ip = headers.get('x-test-ip');
      if (ip) headers.set('cf-connecting-ip', ip);
      const absolute = /^https?:/.test(url) ? url : `http://localhost${url}`;
      const res = await mf.dispatchFetch(absolute, {
        ...(init as object),
        headers,
        redirect: 'manual',
      } as Parameters<Miniflare['dispatchFetch']>[1]);
      return res as unknown as Response;
    },
    close: async () => {
      const list = idle.get(key) ?? [];
      idle.set(key, list);
      list.push(running);
      running.idleTimer = setTimeout(() => {
        list.splice(list.indexOf(running), 1);
        void mf.dispose();
      }, IDLE_MS);
    },
  };
}
