// pnpm bench:ingest — autocannon on loopback against the real server, printed beside a bare Hono
// no-op route measured in the same run. SQLite always; with DATABASE_URL also PostgreSQL (a fresh
// database of its own), one instance and then three instances on one database, sampling the
// database's wait events meanwhile to tell how much of the waiting is on locks.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { NPS_SURVEY } from '../src/testing/test-app.js';
import { freshDatabase, nextId, response, run, startProcess } from './support.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const TOKEN = 'bench-admin';
const BENCH_DB = 'moments_bench';

type Row = [name: string, rps: number, p99: number, responses: number, bad: number, cpuUs?: number];
const rows: Row[] = [];
const notes: string[] = [];

/**
 * CPU seconds the server processes have used (Linux's /proc, in clock ticks of 1/100 s; undefined
 * elsewhere). Read around each case, it says what a request costs the server whatever the load
 * generator on the same cores could drive: a figure the other work on the machine moves less.
 */
function cpuSeconds(pids: number[]): number | undefined {
  try {
    let ticks = 0;
    for (const pid of pids) {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    }
    return ticks / 100;
  } catch {
    return undefined;
  }
}

/** The servers whose CPU the cases measure (set before each). */
let measured: number[] = [];

/** One autocannon run, with the CPU µs the measured servers spent per request. */
async function runMeasured(opts: Parameters<typeof run>[0]) {
  const before = cpuSeconds(measured);
  const result = await run(opts);
  const after = cpuSeconds(measured);
  const cpuUs =
    before === undefined || after === undefined || !result.requests.total
      ? undefined
      : ((after - before) * 1e6) / result.requests.total;
  return Object.assign(result, { cpuUs });
}

/** A site with the NPS survey on the first server (all servers share its database). */
async function makeSite(url: string) {
  const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const site = (await (
    await fetch(`${url}/v1/sites`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'Bench' }) })
  ).json()) as { id: string; publicKey: string };
  await fetch(`${url}/v1/sites/${site.id}/surveys`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify(NPS_SURVEY),
  });
  return site;
}

/**
 * Single-response and 100-response requests to `path` on the servers (connections spread over
 * them); `settle`, when given, runs after each case (the product's: until what it acknowledged is
 * folded) and answers how long it took.
 */
async function twoCases(urls: string[], path: string, settle?: () => Promise<number>) {
  const url = urls.length === 1 ? urls[0]! : (urls as unknown as string);
  const headers = { 'content-type': 'application/json' };
  const single = await runMeasured({
    url,
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
  const singleSettled = await settle?.();
  const batch = await runMeasured({
    url,
    connections: 10 * urls.length,
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
  const batchSettled = await settle?.();
  return { single, batch, singleSettled, batchSettled };
}

/**
 * 100-response requests whose responses each name one of 10,000 customers: the writes a customer
 * adds (their latest scores, their NPS history, live events) on top of the anonymous case.
 */
async function identifiedBatches(url: string, path: string) {
  let n = 0;
  return runMeasured({
    url,
    connections: 10,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({
          ...req,
          body: `{"responses":[${Array.from({ length: 100 }, () => response(nextId('n'), `c${(n++ * 7919) % 10_000}`)).join(',')}]}`,
        }),
      },
    ],
  });
}

/** Both cases as table rows. */
function pushCases(label: string, { single, batch }: Awaited<ReturnType<typeof twoCases>>) {
  rows.push(
    [
      `${label}, 1 response a request`,
      single.requests.average,
      single.latency.p99,
      single.requests.average,
      single.non2xx,
      single.cpuUs,
    ],
    [
      `${label}, 100 responses a request`,
      batch.requests.average,
      batch.latency.p99,
      batch.requests.average * 100,
      batch.non2xx,
      batch.cpuUs === undefined ? undefined : batch.cpuUs / 100,
    ],
  );
}

/** Both cases through the product's ingest, checking that what was acknowledged was stored. */
async function ingestCases(label: string, urls: string[], site: { id: string; publicKey: string }) {
  const summary = () =>
    fetch(`${urls[0]}/v1/sites/${site.id}/reports/summary?from=2026-01-01`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    }).then((r) => r.json() as Promise<{ n: number }>);
  const before = await summary();
  // An authenticated read folds every response acknowledged before it (SQLite's inbox): timed, it
  // says how long the acknowledged ones took to be whole; elsewhere it is one report's time.
  const settle = async () => {
    const started = performance.now();
    await summary();
    return performance.now() - started;
  };
  const cases = await twoCases(urls, `/v1/sites/${site.publicKey}/responses`, settle);
  pushCases(label, cases);
  const { single, batch } = cases;
  const stored = await summary();
  const sustained = (r: typeof single, per: number, settled = 0) =>
    Math.round(((r.requests.total - r.non2xx) * per) / (DURATION + settled / 1000));
  notes.push(
    `${label}: a report right after each case waited ${Math.round(cases.singleSettled ?? 0)} ms (1 a request) and ${Math.round(cases.batchSettled ?? 0)} ms (100 a request): acknowledged and whole, ${sustained(single, 1, cases.singleSettled)} and ${sustained(batch, 100, cases.batchSettled)} responses/s`,
  );
  const sent = single.requests.total - single.non2xx + (batch.requests.total - batch.non2xx) * 100;
  notes.push(
    `${label}: ${stored.n - before.n} responses added to the summary, ${sent} acknowledged (requests still open when a case ends are stored, not counted)`,
  );
  return cases;
}

/** Samples the wait events of the bench database's active backends until stopped. */
function sampleWaits(url: string) {
  const client = new pg.Client({ connectionString: url });
  const counts = new Map<string, number>();
  const lockedOn = new Map<string, number>();
  let active = 0;
  let stop = false;
  const done = (async () => {
    await client.connect();
    while (!stop) {
      const { rows } = await client.query<{ type: string | null; event: string | null; query: string }>(
        `SELECT wait_event_type AS type, wait_event AS event, query FROM pg_stat_activity
         WHERE datname = $1 AND state = 'active' AND pid <> pg_backend_pid()`,
        [BENCH_DB],
      );
      for (const r of rows) {
        active++;
        if (r.type) counts.set(`${r.type}:${r.event}`, (counts.get(`${r.type}:${r.event}`) ?? 0) + 1);
        if (r.type === 'Lock') {
          const what = r.query.replace(/\s+/g, ' ').slice(0, 60);
          lockedOn.set(what, (lockedOn.get(what) ?? 0) + 1);
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await client.end();
  })();
  return async () => {
    stop = true;
    await done;
    return { counts, active, lockedOn };
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'moments-bench-'));
const procs: ChildProcess[] = [];
const env = { MOMENTS_ADMIN_TOKEN: TOKEN, MOMENTS_RATE_LIMIT: '100000000' };
try {
  const noop = await startProcess(['bench/noop-server.ts'], {});
  procs.push(noop.proc);
  measured = [noop.proc.pid!];
  const ceiling = await runMeasured({
    url: `${noop.url}/noop`,
    connections: CONNECTIONS,
    duration: DURATION,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"responses":[${response('warm-00000001')}]}`,
  });
  rows.push([
    'bare Hono no-op POST (the ceiling)',
    ceiling.requests.average,
    ceiling.latency.p99,
    ceiling.requests.average,
    ceiling.non2xx,
    ceiling.cpuUs,
  ]);

  const floorServer = await startProcess(['bench/floor-server.ts'], {});
  procs.push(floorServer.proc);
  measured = [floorServer.proc.pid!];
  const floor = await twoCases([floorServer.url], '/floor');
  pushCases('floor: bare Hono + shared schema + one raw SQLite row a response', floor);
  floorServer.proc.kill('SIGTERM');

  // SQLite as configured by default (each response whole before its 202), then with the inbox
  // (MOMENTS_INBOX_MAX: new responses committed raw at the 202 and folded behind it).
  let onSqlite: Awaited<ReturnType<typeof ingestCases>> | undefined;
  let viaInbox: Awaited<ReturnType<typeof ingestCases>> | undefined;
  for (const [label, inboxMax] of [
    ['SQLite', '0'],
    ['SQLite with the inbox', '200000'],
  ] as const) {
    const sqlite = await startProcess(['src/main.ts'], {
      ...env,
      MOMENTS_DATA: join(dataDir, `inbox-${inboxMax}`),
      DATABASE_URL: '',
      MOMENTS_INBOX_MAX: inboxMax,
    });
    procs.push(sqlite.proc);
    measured = [sqlite.proc.pid!];
    const sqliteSite = await makeSite(sqlite.url);
    const cases = await ingestCases(label, [sqlite.url], sqliteSite);
    if (inboxMax === '0') onSqlite = cases;
    else viaInbox = cases;
    const identified = await identifiedBatches(sqlite.url, `/v1/sites/${sqliteSite.publicKey}/responses`);
    const identifiedStarted = performance.now();
    await fetch(`${sqlite.url}/v1/sites/${sqliteSite.id}/reports/summary?from=2026-01-01`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const identifiedSettled = performance.now() - identifiedStarted;
    notes.push(
      `${label}, responses naming customers: a report right after waited ${Math.round(identifiedSettled)} ms: acknowledged and whole, ${Math.round(((identified.requests.total - identified.non2xx) * 100) / (DURATION + identifiedSettled / 1000))} responses/s`,
    );
    rows.push([
      `${label}, 100 responses a request, each naming a customer (of 10,000)`,
      identified.requests.average,
      identified.latency.p99,
      identified.requests.average * 100,
      identified.non2xx,
      identified.cpuUs === undefined ? undefined : identified.cpuUs / 100,
    ]);
    sqlite.proc.kill('SIGTERM');
  }

  let lockShare: string | undefined;
  if (process.env.DATABASE_URL) {
    const url = await freshDatabase(process.env.DATABASE_URL, BENCH_DB);
    const onPg = { ...env, MOMENTS_DATA: dataDir, DATABASE_URL: url };
    const one = await startProcess(['src/main.ts'], onPg);
    procs.push(one.proc);
    measured = [one.proc.pid!];
    const site = await makeSite(one.url);
    await ingestCases('PostgreSQL, 1 instance', [one.url], site);
    const three = [one, await startProcess(['src/main.ts'], onPg), await startProcess(['src/main.ts'], onPg)];
    procs.push(three[1]!.proc, three[2]!.proc);
    measured = three.map((s) => s.proc.pid!);
    const stopSampling = sampleWaits(url);
    await ingestCases(
      'PostgreSQL, 3 instances',
      three.map((s) => s.url),
      site,
    );
    const { counts, active, lockedOn } = await stopSampling();
    const waits = [...counts.values()].reduce((a, b) => a + b, 0);
    const locks = [...counts].filter(([k]) => k.startsWith('Lock:')).reduce((a, [, n]) => a + n, 0);
    lockShare = `${((100 * locks) / Math.max(1, waits)).toFixed(1)}% (${locks} of ${waits})`;
    notes.push(
      `3 instances on PostgreSQL: ${active} samples of active backends, ${waits} waiting; lock waits ${lockShare} (target under 10%)`,
      `  top wait events: ${[...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 6)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
      `  statements waiting on a lock: ${
        [...lockedOn]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4)
          .map(([k, n]) => `${n} × ${k}…`)
          .join('; ') || 'none'
      }`,
    );
  }

  console.log(
    `\nIngest benchmark: ${DURATION} s a case, loopback, autocannon ${CONNECTIONS} connections (10 an instance for batches), Node ${process.version}`,
  );
  console.log(
    '| case | requests/s | p99 ms | responses/s | non-2xx | server CPU µs a response (Node only) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, rps, p99, resp, bad, cpuUs] of rows) {
    console.log(
      `| ${name} | ${Math.round(rps)} | ${p99} | ${Math.round(resp)} | ${bad} | ${cpuUs === undefined ? 'n/a' : cpuUs.toFixed(1)} |`,
    );
  }
  console.log(
    `\nSQLite single-response ingest = ${((100 * onSqlite!.single.requests.average) / ceiling.requests.average).toFixed(0)}% of the no-op ceiling (target >= 50%)`,
  );
  console.log(
    `  the floor (validate and insert one raw row, nothing else) = ${((100 * floor.single.requests.average) / ceiling.requests.average).toFixed(0)}% of the ceiling`,
  );
  const us = (r: { cpuUs?: number }) => (r.cpuUs === undefined ? 'n/a' : `${Math.round(r.cpuUs)} µs`);
  console.log(
    `  server CPU a single-response request: SQLite ${us(onSqlite!.single)}, the floor ${us(floor.single)}, the no-op ${us(ceiling)} (the load generator shares the machine's cores: the ceiling is what it can drive)`,
  );
  console.log(
    `SQLite batched ingest = ${Math.round(onSqlite!.batch.requests.average * 100)} responses/s (target >= 100,000; the floor ${Math.round(floor.batch.requests.average * 100)})`,
  );
  console.log(
    `  with the inbox, acknowledged: ${((100 * viaInbox!.single.requests.average) / ceiling.requests.average).toFixed(0)}% of the ceiling one at a time, ${Math.round(viaInbox!.batch.requests.average * 100)} responses/s in batches (whole later: see below)`,
  );
  for (const n of notes) console.log(n);
} finally {
  for (const p of procs) p.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  rmSync(dataDir, { recursive: true, force: true });
}
