import type { Queryable } from '../db/index.js';

const DAY_MS = 86_400_000;
/** The metrics kept in the daily score rollup. */
export const ROLLUP_QTYPES = ['nps', 'csat', 'ces'];

/** Start of the UTC day of an epoch-ms time. */
export const toDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

type ScoreKey = {
  day: number;
  surveyId: string;
  moment: string;
  team: string;
  qtype: string;
  value: number;
  agent?: string | null;
};
type ResponseKey = { day: number; surveyId: string; moment: string; team: string };

/** Adds up counts by key, sorted by key so concurrent writers lock rows in the same order. */
function tally<K>(items: K[], keyOf: (k: K) => unknown[], sign: number): [K, number][] {
  const byKey = new Map<string, [K, number]>();
  for (const item of items) {
    const key = JSON.stringify(keyOf(item));
    const hit = byKey.get(key);
    if (hit) hit[1] += sign;
    else byKey.set(key, [item, sign]);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => v);
}

/** Adds (sign 1) or removes (sign -1) answers from the daily score rollup. */
export async function bumpScoreDaily(q: Queryable, siteId: string, keys: ScoreKey[], sign = 1) {
  const rows = tally(keys, (k) => [k.qtype, k.day, k.surveyId, k.moment, k.team, k.value], sign).map(
    ([k, n]) => [siteId, k.qtype, k.day, k.surveyId, k.moment, k.team, k.value, n, 0],
  );
  await q.insertRows(
    'score_daily',
    ['site_id', 'qtype', 'day', 'survey_id', 'moment', 'team', 'value_num', 'n', 'slot'],
    rows,
    {
      onConflict:
        'ON CONFLICT (site_id, qtype, day, survey_id, moment, team, value_num, slot) DO UPDATE SET n = score_daily.n + excluded.n',
    },
  );
}

/** Adds or removes the answers that name an agent from the per-agent daily rollup. */
export async function bumpAgentDaily(q: Queryable, siteId: string, keys: ScoreKey[], sign = 1) {
  const withAgent = keys.filter((k): k is ScoreKey & { agent: string } => !!k.agent);
  const rows = tally(
    withAgent,
    (k) => [k.qtype, k.day, k.agent, k.surveyId, k.moment, k.team, k.value],
    sign,
  ).map(([k, n]) => [siteId, k.qtype, k.day, k.agent, k.surveyId, k.moment, k.team, k.value, n, 0]);
  await q.insertRows(
    'agent_daily',
    ['site_id', 'qtype', 'day', 'agent', 'survey_id', 'moment', 'team', 'value_num', 'n', 'slot'],
    rows,
    {
      onConflict:
        'ON CONFLICT (site_id, qtype, day, agent, survey_id, moment, team, value_num, slot) DO UPDATE SET n = agent_daily.n + excluded.n',
    },
  );
}

/** Adds or removes responses from a daily response count: every response, or the completed ones. */
export async function bumpResponseDaily(
  q: Queryable,
  siteId: string,
  keys: ResponseKey[],
  sign = 1,
  table: 'response_daily' | 'completion_daily' = 'response_daily',
) {
  const rows = tally(keys, (k) => [k.day, k.surveyId, k.moment, k.team], sign).map(([k, n]) => [
    siteId,
    k.day,
    k.surveyId,
    k.moment,
    k.team,
    n,
    0,
  ]);
  await q.insertRows(table, ['site_id', 'day', 'survey_id', 'moment', 'team', 'n', 'slot'], rows, {
    onConflict: `ON CONFLICT (site_id, day, survey_id, moment, team, slot) DO UPDATE SET n = ${table}.n + excluded.n`,
  });
}

/** Adds or removes shown displays from the daily display count. */
export async function bumpDisplayDaily(
  q: Queryable,
  siteId: string,
  keys: { day: number; surveyId: string }[],
  sign = 1,
) {
  const rows = tally(keys, (k) => [k.day, k.surveyId], sign).map(([k, n]) => [
    siteId,
    k.day,
    k.surveyId,
    n,
    0,
  ]);
  await q.insertRows('display_daily', ['site_id', 'day', 'survey_id', 'n', 'slot'], rows, {
    onConflict: 'ON CONFLICT (site_id, day, survey_id, slot) DO UPDATE SET n = display_daily.n + excluded.n',
  });
}

/** Takes one customer's rows out of the rollups, before those rows are erased. */
export async function subtractCustomerFromDaily(q: Queryable, siteId: string, customerId: string) {
  const scores = await q.all<{
    created_at: number;
    survey_id: string;
    moment: string;
    team: string | null;
    agent: string | null;
    qtype: string;
    value_num: number;
  }>(
    `SELECT created_at, survey_id, moment, team, agent, qtype, value_num FROM answers
     WHERE site_id = ? AND customer_id = ? AND qtype IN ('nps', 'csat', 'ces') AND value_num IS NOT NULL`,
    [siteId, customerId],
  );
  const scoreKeys = scores.map((r) => ({
    day: toDay(r.created_at),
    surveyId: r.survey_id,
    moment: r.moment,
    team: r.team ?? '',
    agent: r.agent,
    qtype: r.qtype,
    value: r.value_num,
  }));
  await bumpScoreDaily(q, siteId, scoreKeys, -1);
  await bumpAgentDaily(q, siteId, scoreKeys, -1);
  const responses = await q.all<{
    created_at: number;
    survey_id: string;
    moment: string;
    team: string | null;
    complete: number;
  }>(
    'SELECT created_at, survey_id, moment, team, complete FROM responses WHERE site_id = ? AND customer_id = ?',
    [siteId, customerId],
  );
  const responseKey = (r: (typeof responses)[number]) => ({
    day: toDay(r.created_at),
    surveyId: r.survey_id,
    moment: r.moment,
    team: r.team ?? '',
  });
  await bumpResponseDaily(q, siteId, responses.map(responseKey), -1);
  await bumpResponseDaily(
    q,
    siteId,
    responses.filter((r) => r.complete === 1).map(responseKey),
    -1,
    'completion_daily',
  );
  const displays = await q.all<{ created_at: number; survey_id: string }>(
    "SELECT created_at, survey_id FROM displays WHERE site_id = ? AND customer_id = ? AND kind = 'shown'",
    [siteId, customerId],
  );
  await bumpDisplayDaily(
    q,
    siteId,
    displays.map((r) => ({ day: toDay(r.created_at), surveyId: r.survey_id })),
    -1,
  );
}
