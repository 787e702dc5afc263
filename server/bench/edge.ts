// pnpm bench:edge — autocannon on loopback against the Worker build on workerd (miniflare, local D1
// files), ingest beside the Worker's own no-op route (/healthz, no database) measured in the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { createD1Db } from '../src/db/d1.js';
import { buildWorker } from '../src/edge/build.js';
import { createLocalEdge } from '../src/edge/local.js';
import { NPS_SURVEY } from '../src/testing/test-app.js';
import { nextId, response, run } from './support.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const TOKEN = 'bench-admin';

const dir = mkdtempSync(join(tmpdir(), 'moments-bench-edge-'));
const script = await buildWorker(join(dir, 'worker.js'));
const mf = createLocalEdge({
  script,
  vars: { MOMENTS_ADMIN_TOKEN: TOKEN, MOMENTS_RATE_LIMIT: '100000000' },
  d1Dir: join(dir, 'd1'),
  port: 0,
});
try {
  const url = (await mf.ready).origin;
  const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const site = (await (
    await fetch(`${url}/v1/sites`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Bench' }) })
  ).json()) as { id: string; publicKey: string };
  const survey = await fetch(`${url}/v1/sites/${site.id}/surveys`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(NPS_SURVEY),
  });
  if (survey.status !== 201) throw new Error(`survey: ${survey.status} ${await survey.text()}`);

  const rows: { name: string; result: autocannon.Result; perRequest: number }[] = [];
  const measure = async (name: string, perRequest: number, opts: autocannon.Options) => {
    const result = await run({ connections: CONNECTIONS, duration: DURATION, ...opts });
    rows.push({ name, result, perRequest });
  };
  await measure('Worker no-op: GET /healthz (same run)', 1, { url: `${url}/healthz` });
  await measure('ingest, 1 response a request (D1)', 1, {
    url: `${url}/v1/sites/${site.publicKey}/responses`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: `{"responses":[${response(nextId('one'))}]}` }) }],
  });
  await measure('ingest, 100 responses a request (D1)', 100, {
    url: `${url}/v1/sites/${site.publicKey}/responses`,
    method: 'POST',
    connections: 10,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          body: `{"responses":[${Array.from({ length: 100 }, () => response(nextId('many'))).join(',')}]}`,
        }),
      },
    ],
  });

  console.log(
    `\nWorker on workerd (miniflare), D1 in local files; ${DURATION} s a case, autocannon on loopback\n`,
  );
  console.log('| case | 2xx requests/s | p99 ms | responses/s | non-2xx |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const { name, result, perRequest } of rows) {
    const ok = result['2xx'] / result.duration;
    console.log(
      `| ${name} | ${Math.round(ok).toLocaleString('en')} | ${result.latency.p99} | ${Math.round(ok * perRequest).toLocaleString('en')} | ${result.non2xx + result.errors} |`,
    );
  }
  // Counted once: every 202 is a stored response, and the daily rollup counts each once.
  const db = createD1Db(await mf.getD1Database('DB'));
  const stored = await db.get<{ responses: number; counted: number }>(
    'SELECT (SELECT COUNT(*) FROM responses) AS responses, (SELECT COALESCE(SUM(n), 0) FROM response_daily) AS counted',
  );
  const accepted = rows.slice(1).reduce((n, r) => n + r.result['2xx'] * r.perRequest, 0);
  // autocannon stops counting at the end of a case: the requests then in flight (at most 50 + 10 ×
  // 100 responses) are stored but not in its count.
  console.log(
    `\n202s counted by autocannon ${accepted}; stored ${stored!.responses} (the rest: in flight at the end of a case, at most 1,050); counted in the daily rollup ${stored!.counted}`,
  );
} finally {
  await mf.dispose();
  rmSync(dir, { recursive: true, force: true });
}
