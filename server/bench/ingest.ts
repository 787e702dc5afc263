// pnpm bench:ingest — autocannon on loopback against the real server (SQLite, or DATABASE_URL when
// set), printed beside a bare Hono no-op route measured in the same run.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { NPS_SURVEY } from '../src/testing/test-app.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const TOKEN = 'bench-admin';

async function start(
  args: string[],
  env: Record<string, string>,
): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
    });
    proc.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { url, proc };
}

function run(opts: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
}

const response = (id: string) =>
  `{"id":"${id}","surveyId":"checkout-nps","answers":[{"questionId":"nps","value":${id.length % 11}}],"anonymousId":"a-${id}","moment":"checkout_completed","createdAt":"2026-11-01T10:00:00Z"}`;

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${(++counter).toString(36).padStart(8, '0')}`;

const dataDir = mkdtempSync(join(tmpdir(), 'moments-bench-'));
const noop = await start(['bench/noop-server.ts'], {});
const server = await start(['src/main.ts'], {
  MOMENTS_DATA: dataDir,
  MOMENTS_ADMIN_TOKEN: TOKEN,
  MOMENTS_RATE_LIMIT: '100000000',
});
try {
  const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const site = (await (
    await fetch(`${server.url}/v1/sites`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Bench' }),
    })
  ).json()) as {
    id: string;
    publicKey: string;
  };
  await fetch(`${server.url}/v1/sites/${site.id}/surveys`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(NPS_SURVEY),
  });
  const path = `/v1/sites/${site.publicKey}/responses`;
  const headers = { 'content-type': 'application/json' };

  const ceiling = await run({
    url: `${noop.url}/noop`,
    connections: CONNECTIONS,
    duration: DURATION,
    method: 'POST',
    headers,
    body: `{"responses":[${response('warm-00000001')}]}`,
  });
  const single = await run({
    url: server.url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path,
        headers,
        setupRequest: (req) => ({ ...req, body: `{"responses":[${response(nextId('s'))}]}` }),
      },
    ],
  });
  const batch = await run({
    url: server.url,
    connections: 10,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path,
        headers,
        setupRequest: (req) => ({
          ...req,
          body: `{"responses":[${Array.from({ length: 100 }, () => response(nextId('b'))).join(',')}]}`,
        }),
      },
    ],
  });
  const stored = await fetch(`${server.url}/v1/sites/${site.id}/reports/summary?from=2026-01-01`, {
    headers: auth,
  }).then((r) => r.json() as Promise<{ n: number }>);

  const rows = [
    [
      'bare Hono no-op POST (ceiling)',
      ceiling.requests.average,
      ceiling.latency.p99,
      ceiling.requests.average,
      ceiling.non2xx,
    ],
    [
      'ingest, 1 response a request',
      single.requests.average,
      single.latency.p99,
      single.requests.average,
      single.non2xx,
    ],
    [
      'ingest, 100 responses a request',
      batch.requests.average,
      batch.latency.p99,
      batch.requests.average * 100,
      batch.non2xx,
    ],
  ] as const;
  console.log(
    `\nIngest benchmark: ${DURATION} s each, loopback, ${process.env.DATABASE_URL ? 'PostgreSQL' : 'SQLite (WAL)'}, Node ${process.version}`,
  );
  console.log('| case | requests/s | p99 ms | responses/s | non-2xx |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const [name, rps, p99, resp, bad] of rows) {
    console.log(`| ${name} | ${Math.round(rps)} | ${p99} | ${Math.round(resp)} | ${bad} |`);
  }
  console.log(
    `\nsingle-response ingest = ${((100 * single.requests.average) / ceiling.requests.average).toFixed(0)}% of the no-op ceiling (target >= 50%)`,
  );
  console.log(
    `batched ingest = ${Math.round(batch.requests.average * 100)} responses/s (target >= 100,000 on SQLite)`,
  );
  console.log(`responses stored: ${stored.n}`);
} finally {
  noop.proc.kill('SIGTERM');
  server.proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
}
