// pnpm bench:reports — report latency over 1,000,000 responses on SQLite (or DATABASE_URL when set),
// printed beside a bare COUNT(*) over the same rows measured in the same run.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SiteCreateSchema, SurveyCreateSchema } from '@moments/shared';
import { createApp } from '../src/app.js';
import type { Db, SqlValue } from '../src/db/index.js';
import { createPostgresDb } from '../src/db/postgres.js';
import {
  AGENT_ROLLUP_BACKFILL_SQL,
  COMPLETION_ROLLUP_BACKFILL_SQL,
  CUSTOMER_SCORES_BACKFILL_SQL,
  DAILY_ROLLUP_BACKFILL_SQL,
  NPS_HISTORY_BACKFILL_SQL,
} from '../src/db/schema.js';
import { createSqliteDb } from '../src/db/sqlite.js';
import { createRandom } from '../src/demo/random.js';
import { sha256Hex } from '../src/domain/crypto.js';
import { createRateLimiter } from '../src/http/rate-limit.js';
import { ANSWER_COLUMNS, RESPONSE_COLUMNS } from '../src/ingest/save-responses.js';
import { insertSite } from '../src/sites/queries.js';
import { insertSurvey } from '../src/surveys/queries.js';
import { NPS_SURVEY } from '../src/testing/test-app.js';

const TOTAL = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const RUNS = 15;
const DAY = 86_400_000;
const TEAMS = ['Billing', 'Technical', 'Onboarding', 'Returns'];
const END = Date.UTC(2026, 10, 1);
const START = END - 365 * DAY;

/** Comments for the themes report: about 1,000 different texts, as varied as the seed can afford. */
const SUBJECTS = [
  'The delivery',
  'Checkout',
  'My discount code',
  'The support agent',
  'The refund',
  'Your app',
  'The price',
  'The packaging',
  'The tracking page',
  'The invoice',
];
const PREDICATES = [
  'was late again',
  'was quick and easy',
  'did not work',
  'was really helpful',
  'took far too long',
  'is confusing',
  'was great',
  'kept failing on my phone',
  'was too expensive',
  'arrived damaged',
];
const TAILS = [
  '',
  ' today',
  ' this week',
  ', thanks',
  ', very disappointing',
  '!',
  ' as usual',
  ' for the second time',
  ', well done',
  ' on the new plan',
];
const commentOf = (i: number) =>
  `${SUBJECTS[i % 10]} ${PREDICATES[Math.floor(i / 10) % 10]}${TAILS[Math.floor(i / 100) % 10]}`;

/** A seed of this version: comments and the kept latest scores are there. */
async function isComplete(db: Db): Promise<boolean> {
  const comments = await db.get("SELECT 1 AS x FROM answers WHERE qtype = 'text' LIMIT 1");
  const scores = await db.get('SELECT 1 AS x FROM customer_scores LIMIT 1');
  return !!comments && !!scores;
}

async function openBenchDb(): Promise<{ db: Db; fresh: boolean }> {
  if (process.env.DATABASE_URL) {
    const db = await createPostgresDb(process.env.DATABASE_URL, { schema: `bench_reports_${TOTAL}` });
    await db.migrate();
    const seeded = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM responses');
    return { db, fresh: seeded!.n !== TOTAL || !(await isComplete(db)) };
  }
  const dir = join(import.meta.dirname, '../.bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `reports-${TOTAL}.sqlite`);
  const existed = existsSync(file);
  const db = createSqliteDb(file);
  await db.migrate();
  const seeded = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM responses');
  return { db, fresh: !existed || seeded!.n !== TOTAL || !(await isComplete(db)) };
}

async function seed(db: Db) {
  for (const t of [
    'customer_scores',
    'text_readings',
    'score_daily',
    'agent_daily',
    'response_daily',
    'completion_daily',
    'display_daily',
    'answers',
    'responses',
    'displays',
    'surveys',
    'sites',
  ]) {
    await db.run(`DELETE FROM ${t}`);
  }
  await insertSite(db, {
    ...SiteCreateSchema.parse({ name: 'Bench' }),
    id: 'site_bench',
    publicKey: 'pk_bench',
    secret: 'sk_bench',
  });

  await insertSurvey(db, 'site_bench', 'checkout-nps', SurveyCreateSchema.parse(NPS_SURVEY));
  const rnd = createRandom(42);
  const CHUNK = 5000;
  for (let base = 0; base < TOTAL; base += CHUNK) {
    const responses: SqlValue[][] = [];
    const answers: SqlValue[][] = [];
    const displays: SqlValue[][] = [];
    for (let i = base; i < Math.min(TOTAL, base + CHUNK); i++) {
      const id = `r${i.toString(36).padStart(8, '0')}`;
      const at = START + Math.floor(rnd.next() * (END - START));
      const team = TEAMS[i % 4]!;
      const agent = `agent-${i % 40}`;
      const customer = `c${i % 50_000}`;
      const nps = Math.min(10, Math.max(0, Math.round(rnd.normal(7.5, 2.2))));
      responses.push([
        'site_bench',
        id,
        'checkout-nps',
        customer,
        `a${i}`,
        'checkout_completed',
        agent,
        team,
        null,
        null,
        'en',
        at,
        at,
        '{}',
        1,
      ]);
      const answer = (q: string, type: string, v: number) => [
        'site_bench',
        id,
        q,
        'checkout-nps',
        type,
        null,
        v,
        null,
        'checkout_completed',
        team,
        agent,
        customer,
        at,
      ];
      answers.push(answer('nps', 'nps', nps));
      if (i % 5 === 0) {
        const text = answer('why', 'text', 0);
        text[6] = null; // value_num
        text[7] = commentOf(Math.floor(rnd.next() * 1000)); // value_text
        answers.push(text);
      }
      if (i % 3 === 0) answers.push(answer('csat', 'csat', Math.min(5, Math.max(1, Math.round(nps / 2)))));
      if (i % 5 === 0)
        answers.push(answer('ces', 'ces', Math.min(7, Math.max(1, 8 - Math.round(nps / 1.5)))));
      displays.push(['site_bench', `d${id}`, 'checkout-nps', customer, `a${i}`, 'shown', at]);
      if (i % 2 === 0) displays.push(['site_bench', `e${id}`, 'checkout-nps', null, `b${i}`, 'shown', at]);
    }
    await db.tx(async (q) => {
      await q.insertRows('responses', RESPONSE_COLUMNS, responses, { onConflict: '' });
      await q.insertRows('answers', ANSWER_COLUMNS, answers, { onConflict: '' });
      await q.insertRows(
        'displays',
        ['site_id', 'id', 'survey_id', 'customer_id', 'anonymous_id', 'kind', 'created_at'],
        displays,
        { onConflict: '' },
      );
    });
    if (base % 100_000 === 0) process.stdout.write(`\rseeding ${base + CHUNK}/${TOTAL}`);
  }
  for (const sql of DAILY_ROLLUP_BACKFILL_SQL.split(';').filter((x) => x.trim())) await db.run(sql);
  await db.run(AGENT_ROLLUP_BACKFILL_SQL);
  await db.run(CUSTOMER_SCORES_BACKFILL_SQL);
  await db.run(NPS_HISTORY_BACKFILL_SQL);
  await db.run(COMPLETION_ROLLUP_BACKFILL_SQL);
  // PostgreSQL: VACUUM too, as autovacuum would after a bulk load (it sets the visibility map, which
  // index-only scans need; the test server runs without autovacuum).
  await db.run(
    db.dialect.name === 'postgres'
      ? 'VACUUM ANALYZE answers, responses, displays, customer_scores, score_daily, agent_daily, response_daily, completion_daily, display_daily'
      : 'ANALYZE',
  );
  process.stdout.write('\n');
}

const { db, fresh } = await openBenchDb();
if (fresh) {
  const t0 = performance.now();
  await seed(db);
  console.log(`seeded ${TOTAL} responses in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const token = 'bench';
const app = createApp({
  db,
  adminTokenHash: await sha256Hex(token),
  rateLimiter: createRateLimiter(1e9),
  getClientIp: () => undefined,
});
const headers = { authorization: `Bearer ${token}` };
const period = `from=${new Date(START).toISOString().slice(0, 10)}&to=${new Date(END).toISOString().slice(0, 10)}`;
// A past period that ends inside the data: nearly every customer answered again after it.
const half = `from=${new Date(START).toISOString().slice(0, 10)}&to=${new Date(START + 182 * DAY).toISOString().slice(0, 10)}`;

async function measure(fn: () => Promise<unknown>) {
  for (let i = 0; i < 2; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(RUNS / 2)]!, p95: times[Math.ceil(RUNS * 0.95) - 1]! };
}

const get = (path: string) => async () => {
  const res = await app.request(`/v1/sites/site_bench/${path}`, { headers });
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const cases: [string, () => Promise<unknown>][] = [
  [
    'baseline: SELECT COUNT(*) over the answers',
    () => db.get('SELECT COUNT(*) AS n FROM answers WHERE site_id = ?', ['site_bench']),
  ],
  ['reports/summary (a year)', get(`reports/summary?${period}`)],
  ['reports/summary, team filter', get(`reports/summary?${period}&team=Billing`)],
  ['reports/summary, survey filter', get(`reports/summary?${period}&surveyId=checkout-nps`)],
  ['reports/timeseries nps weekly', get(`reports/timeseries?metric=nps&interval=week&${period}`)],
  ['reports/timeseries csat monthly', get(`reports/timeseries?metric=csat&interval=month&${period}`)],
  ['reports/ranking by team (a year)', get(`reports/ranking?by=team&${period}`)],
  ['reports/ranking by agent (a year)', get(`reports/ranking?by=agent&${period}`)],
  [
    'reports/value (a year to today: kept latest scores)',
    get(`reports/value?from=${new Date(START).toISOString().slice(0, 10)}`),
  ],
  [
    'reports/value, a past year (kept latest scores: no one answered after it)',
    get(`reports/value?${period}`),
  ],
  [
    "reports/value, a past half-year (who was latest at its end, from the answers' neighbours)",
    get(`reports/value?${half}`),
  ],
  [
    'reports/value, a past half-year, team filter (ranks the answers the filter keeps)',
    get(`reports/value?${half}&team=Billing`),
  ],
  ['reports/themes (a year, latest 5,000 comments)', get(`reports/themes?${period}`)],
  ['reports/journey (a year)', get(`reports/journey?${period}`)],
  [
    'reports/movers by team, monthly',
    get(`reports/movers?by=team&interval=month&to=${new Date(END).toISOString().slice(0, 10)}`),
  ],
  ['reports/summary, agent filter (reads the answers)', get(`reports/summary?${period}&agent=agent-7`)],
  [
    'reports/summary, period cut inside a day (whole days from the rollups, edges from the answers)',
    get(
      `reports/summary?from=${new Date(START + 1000).toISOString()}&to=${new Date(END).toISOString().slice(0, 10)}`,
    ),
  ],
  [
    'reports/summary, cut inside a day at both ends',
    get(
      `reports/summary?from=${new Date(START + 1000).toISOString()}&to=${new Date(END - 1000).toISOString()}`,
    ),
  ],
  ['responses/list, newest 50', get('responses/list')],
  [
    'responses/list, page 2 (cursor)',
    async () => {
      const first = (await get('responses/list')()) as { nextCursor: string };
      return get(`responses/list?cursor=${first.nextCursor}`)();
    },
  ],
  [
    'responses/list, detractors at a moment with a comment',
    get(`responses/list?band=detractor&moment=checkout_completed&hasComment=true&${period}`),
  ],
  ['responses/list, words in the comments', get(`responses/list?q=arrived%20damaged&${period}`)],
  ['responses/list, a word no comment holds', get(`responses/list?q=zeppelin&${period}`)],
  [
    'responses/list, detractors, page 2 by cursor',
    async () => {
      const first = (await get(`responses/list?band=detractor&${period}`)()) as { nextCursor: string };
      return get(`responses/list?band=detractor&cursor=${first.nextCursor}&${period}`)();
    },
  ],
  ['customers, biggest MRR first', get('customers')],
  [
    'reports/value/at-risk (a year to today)',
    get(`reports/value/at-risk?from=${new Date(START).toISOString().slice(0, 10)}`),
  ],
  ['reports/value/at-risk, a past half-year', get(`reports/value/at-risk?${half}`)],
];
// BENCH_ONLY='value|cut' runs only the cases whose name holds one of these texts (and the baseline).
const only = process.env.BENCH_ONLY?.split('|');
const picked = (name: string) => !only || only.some((text) => name.includes(text));
const chosen = cases.filter(([name], i) => i === 0 || picked(name));
// The themes report reads each comment once and keeps the reading: time that first read alone.
const firstReadName = 'reports/themes, first read of the latest 5,000 comments (none read before)';
if (picked(firstReadName)) {
  await db.run('DELETE FROM text_readings');
  const firstRead = performance.now();
  await get(`reports/themes?${period}`)();
  console.log(`${firstReadName}: ${(performance.now() - firstRead).toFixed(0)} ms`);
}
const n = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM answers');
console.log(
  `\nReports benchmark: ${TOTAL} responses (${n!.n} answers), ${db.dialect.name}, ${RUNS} runs each, in-process app.request`,
);
console.log('| case | p50 ms | p95 ms |');
console.log('| --- | ---: | ---: |');
for (const [name, fn] of chosen) {
  const r = await measure(fn);
  console.log(`| ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} |`);
}
const [rolled, raw] = (await Promise.all([
  get(`reports/summary?${period}`)(),
  get(`reports/summary?from=${new Date(START).toISOString()}&to=${new Date(END + DAY - 1).toISOString()}`)(),
])) as { nps: unknown; csat: unknown; ces: unknown }[];
const same =
  JSON.stringify([rolled!.nps, rolled!.csat, rolled!.ces]) ===
  JSON.stringify([raw!.nps, raw!.csat, raw!.ces]);
console.log(`\nrollup and raw answers agree on NPS, CSAT and CES: ${same ? 'yes' : 'NO'}`);
await db.close();
if (!same) process.exit(1);
