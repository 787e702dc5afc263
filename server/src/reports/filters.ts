import type { ReportFilter } from '@moments/shared';
import type { SqlValue } from '../db/index.js';
import { isWholeDays, resolvePeriod } from './period.js';

/** Where a report reads scores from: the daily rollup when it can answer exactly, else every answer. */
export type ScoreSource = {
  table: 'score_daily' | 'agent_daily' | 'answers';
  /** The epoch-ms column periods and buckets are cut on. */
  time: 'day' | 'created_at';
  /** What one row counts for: its n in a rollup, 1 for an answer. */
  weight: 'n' | '1';
  where: string;
  params: SqlValue[];
  from: number;
  to: number;
};

/** `has` says which filter columns the table holds: answers hold agent and (through the customer) plan. */
function buildWhere(
  siteId: string,
  f: ReportFilter,
  time: string,
  from: number,
  to: number,
  has: { agent: boolean; plan: boolean },
) {
  const clauses = ['site_id = ?', `${time} >= ?`, `${time} < ?`];
  const params: SqlValue[] = [siteId, from, to];
  const add = (sql: string, ...values: SqlValue[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  if (f.surveyId) add('survey_id = ?', f.surveyId);
  if (f.moment) add('moment = ?', f.moment);
  if (f.team) add('team = ?', f.team);
  if (has.agent && f.agent) add('agent = ?', f.agent);
  if (has.plan && f.plan)
    add('customer_id IN (SELECT id FROM customers WHERE site_id = ? AND plan = ?)', siteId, f.plan);
  return { where: clauses.join(' AND '), params };
}

/**
 * The rollups hold whole UTC days by survey, moment and team (and, per agent, by agent too); a
 * period cut inside a day, a plan filter, or an agent filter outside a per-agent report, reads the
 * answers themselves. Both give the same numbers.
 */
export function selectScoreSource(
  siteId: string,
  f: ReportFilter,
  now = Date.now(),
  opts: { period?: { from: number; to: number }; raw?: boolean; byAgent?: boolean } = {},
): ScoreSource {
  const { from, to } = opts.period ?? resolvePeriod(f, now);
  const rollup = !opts.raw && isWholeDays({ from, to }) && !f.plan;
  const rolled = (table: 'score_daily' | 'agent_daily') => ({
    table,
    time: 'day' as const,
    weight: 'n' as const,
    ...buildWhere(siteId, f, 'day', from, to, { agent: table === 'agent_daily', plan: false }),
    from,
    to,
  });
  if (rollup && opts.byAgent) return rolled('agent_daily');
  if (rollup && !f.agent) return rolled('score_daily');
  return {
    table: 'answers',
    time: 'created_at',
    weight: '1',
    ...buildWhere(siteId, f, 'created_at', from, to, { agent: true, plan: true }),
    from,
    to,
  };
}

/** The same choice for counting responses (every one, partial ones included, or the completed ones). */
export function selectResponseCount(
  source: ScoreSource,
  siteId: string,
  f: ReportFilter,
  which: 'all' | 'completed' = 'all',
) {
  const raw = source.table === 'answers';
  const { where, params } = buildWhere(siteId, f, source.time, source.from, source.to, {
    agent: raw,
    plan: raw,
  });
  if (raw)
    return {
      sql: `SELECT COUNT(*) AS n FROM responses WHERE ${where}${which === 'completed' ? ' AND complete = 1' : ''}`,
      params,
    };
  const table = which === 'completed' ? 'completion_daily' : 'response_daily';
  return { sql: `SELECT COALESCE(SUM(n), 0) AS n FROM ${table} WHERE ${where}`, params };
}

/**
 * Shown displays over the period; they carry only the survey, so the moment filter goes through it
 * (and agent, team or plan do not apply). Whole days read the daily rollup.
 */
export function selectDisplayCount(source: ScoreSource, siteId: string, f: ReportFilter) {
  const raw = !isWholeDays(source);
  const time = raw ? 'created_at' : 'day';
  const clauses = ['site_id = ?', `${time} >= ?`, `${time} < ?`];
  const params: SqlValue[] = [siteId, source.from, source.to];
  if (raw) clauses.push("kind = 'shown'");
  if (f.surveyId) {
    clauses.push('survey_id = ?');
    params.push(f.surveyId);
  }
  if (f.moment) {
    clauses.push('survey_id IN (SELECT id FROM surveys WHERE site_id = ? AND moment = ?)');
    params.push(siteId, f.moment);
  }
  const sum = raw ? 'COUNT(*)' : 'COALESCE(SUM(n), 0)';
  return {
    sql: `SELECT ${sum} AS n FROM ${raw ? 'displays' : 'display_daily'} WHERE ${clauses.join(' AND ')}`,
    params,
  };
}
