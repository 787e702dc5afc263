// pnpm bench:live — how long a watched customer's answer takes to reach an agent's open stream
// while the same instance ingests other answers at a steady rate (autocannon, overallRate), and
// then flat out. On PostgreSQL when DATABASE_URL is set (a fresh database of its own), else SQLite.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { NPS_SURVEY } from '../src/testing/test-app.js';
import { freshDatabase, startProcess } from './support.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const TOKEN = 'bench-admin';
const BENCH_DB = 'moments_bench_live';
const admin = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

let counter = 0;
const response = (customer?: string) => {
  const id = `l-${Date.now().toString(36)}-${(++counter).toString(36).padStart(6, '0')}`;
  return {
    id,
    body: `{"id":"${id}","surveyId":"checkout-nps","answers":[{"questionId":"nps","value":${counter % 11}}],"anonymousId":"a-${id}","moment":"checkout_completed","createdAt":"${new Date().toISOString()}"${customer ? `,"customer":{"id":"${customer}"}` : ''}}`,
  };
};

/** Reads an SSE stream, calling onEvent(event, data) for each event. */
async function readStream(url: string, onEvent: (event: string, data: string) => void, signal: AbortSignal) {
  const res = await fetch(url, { headers: admin, signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      const event = block.match(/^event: ?(.*)$/m)?.[1] ?? 'message';
      const data = block.match(/^data: ?(.*)$/m)?.[1] ?? '';
      onEvent(event, data);
    }
  }
}

const percentile = (xs: number[], p: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!
    : NaN;

const dataDir = mkdtempSync(join(tmpdir(), 'moments-bench-live-'));
let server: { url: string; proc: ChildProcess } | undefined;
try {
  const env: Record<string, string> = {
    MOMENTS_ADMIN_TOKEN: TOKEN,
    MOMENTS_RATE_LIMIT: '100000000',
    MOMENTS_DATA: dataDir,
  };
  if (process.env.DATABASE_URL) {
    env.DATABASE_URL = await freshDatabase(process.env.DATABASE_URL, BENCH_DB);
  } else env.DATABASE_URL = '';
  server = await startProcess(['src/main.ts'], env);
  const { url } = server;
  const site = (await (
    await fetch(`${url}/v1/sites`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'Live' }) })
  ).json()) as { id: string; publicKey: string };
  await fetch(`${url}/v1/sites/${site.id}/surveys`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify(NPS_SURVEY),
  });
  const ingest = `/v1/sites/${site.publicKey}/responses`;

  const sentAt = new Map<string, number>();
  const lags: number[] = [];
  const stop = new AbortController();
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const streaming = readStream(
    `${url}/v1/stream?customers=watched`,
    (event, data) => {
      if (event === 'ready') ready();
      if (event !== 'response') return;
      const id = (JSON.parse(data) as { responseId?: string }).responseId;
      const at = id ? sentAt.get(id) : undefined;
      if (at !== undefined) lags.push(performance.now() - at);
    },
    stop.signal,
  ).catch(() => undefined);
  await isReady;

  const rows: string[] = [];
  for (const [label, rate] of [
    ['200 answers/s from others', 200],
    ['others flat out (no rate)', 0],
  ] as const) {
    lags.length = 0;
    let watched = 0;
    const load = new Promise<autocannon.Result>((resolve, reject) =>
      autocannon(
        {
          url,
          connections: rate ? 10 : 50,
          duration: DURATION,
          ...(rate ? { overallRate: rate } : {}),
          requests: [
            {
              method: 'POST',
              path: ingest,
              headers: { 'content-type': 'application/json' },
              setupRequest: (req) => ({ ...req, body: `{"responses":[${response().body}]}` }),
            },
          ],
        },
        (err, res) => (err ? reject(err) : resolve(res)),
      ),
    );
    const ticker = setInterval(() => {
      const r = response('watched');
      sentAt.set(r.id, performance.now());
      watched++;
      void fetch(`${url}${ingest}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `{"responses":[${r.body}]}`,
      });
    }, 250);
    const result = await load;
    clearInterval(ticker);
    await new Promise((r) => setTimeout(r, 1500));
    rows.push(
      `| ${label} | ${Math.round(result.requests.average)} | ${watched} | ${lags.length} | ${percentile(lags, 50).toFixed(0)} | ${percentile(lags, 95).toFixed(0)} | ${Math.max(...lags).toFixed(0)} |`,
    );
  }
  stop.abort();
  await streaming;
  console.log(
    `\nLive stream lag: ${DURATION} s a case, ${env.DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, one instance; a watched customer answers every 250 ms`,
  );
  console.log(
    '| load on the instance | others requests/s | watched sent | delivered | lag p50 ms | p95 ms | max ms |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
} finally {
  server?.proc.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
}
