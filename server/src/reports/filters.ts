import type { ReportFilter } from '@moments/shared';
import type { SqlValue } from '../db/index.js';
import { isWholeDays, resolvePeriod } from './period.js';

const DAY_MS = 86_400_000;

/**
 * Where a report reads scores from: the daily rollup when it can answer exactly, every answer when
 * it cannot, or both: the whole days of a period from the rollup and its cut edges from the answers.
 */
export type ScoreSource = {
  kind: 'rollup' | 'raw' | 'mixed';
  /** A table, or (mixed) a subquery with the same columns. */
  table: string;
  /** The epoch-ms column periods and buckets are cut on. */
  time: 'day' | 'created_at' | 't';
  /** What one row counts for: its n in a rollup, 1 for an answer. */
  weight: 'n' | '1' | 'w';
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
 * The WHERE for a site's answers in [from, to) under a report's filters (a plan through the
 * customer), for reports that read the answers themselves.
 */
export function whereAnswers(siteId: string, f: ReportFilter, from: number, to: number) {
  return buildWhere(siteId, f, 'created_at', from, to, { agent: true, plan: true });
}

/** Whether a filter narrows which answers count (survey, moment, team, agent), beyond the period. */
export const filtersAnswers = (f: ReportFilter) => !!(f.surveyId || f.moment || f.team || f.agent);

/** The whole UTC days inside a period, if any. */
function wholeDaysOf(p: { from: number; to: number }) {
  const from = Math.ceil(p.from / DAY_MS) * DAY_MS;
  const to = Math.floor(p.to / DAY_MS) * DAY_MS;
  return to > from ? { from, to } : undefined;
}

/**
 * The parts of a period outside its whole days (its cut edges), each a range of its own: one range
 * seeks a time index, where an OR of two ranges within the whole period read the whole period.
 */
function edgesOf(p: { from: number; to: number }, days: { from: number; to: number }) {
  return [
    { from: p.from, to: days.from },
    { from: days.to, to: p.to },
  ].filter((e) => e.to > e.from);
}

/**
 * The rollups hold whole UTC days by survey, moment and team (and, per agent, by agent too). A
 * whole-day period reads only them; a period cut inside a day reads its whole days from them and
 * its two cut edges from the answers; a plan filter, or an agent filter outside a per-agent report,
 * reads the answers themselves. All give the same numbers.
 */
export function selectScoreSource(
  siteId: string,
  f: ReportFilter,
  now = Date.now(),
  opts: { period?: { from: number; to: number }; raw?: boolean; byAgent?: boolean } = {},
): ScoreSource {
  const period = opts.period ?? resolvePeriod(f, now);
  const { from, to } = period;
  const days = wholeDaysOf(period);
  const table = opts.byAgent ? 'agent_daily' : !f.agent ? 'score_daily' : undefined;
  const rollable = !opts.raw && !f.plan && table;
  if (rollable && isWholeDays(period)) {
    return {
      kind: 'rollup',
      table,
      time: 'day',
      weight: 'n',
      ...buildWhere(siteId, f, 'day', from, to, { agent: table === 'agent_daily', plan: false }),
      from,
      to,
    };
  }
  if (rollable && days) {
    const rolled = buildWhere(siteId, f, 'day', days.from, days.to, {
      agent: table === 'agent_daily',
      plan: false,
    });
    const edges = edgesOf(period, days).map((e) =>
      buildWhere(siteId, f, 'created_at', e.from, e.to, { agent: true, plan: false }),
    );
    const agent = table === 'agent_daily' ? 'agent' : 'NULL AS agent';
    // The edges' answers as the rollup counts them: scores with a value (and so on the metric index).
    const raw = edges.map(
      (e) => `
        UNION ALL
        SELECT qtype, value_num, 1 AS w, created_at AS t, survey_id, moment, COALESCE(team, '') AS team, agent
        FROM answers WHERE ${e.where} AND qtype IN ('nps', 'csat', 'ces') AND value_num IS NOT NULL`,
    );
    return {
      kind: 'mixed',
      table: `(SELECT qtype, value_num, n AS w, day AS t, survey_id, moment, team, ${agent} FROM ${table} WHERE ${rolled.where}${raw.join('')}) src`,
      time: 't',
      weight: 'w',
      where: '1 = 1',
      params: [...rolled.params, ...edges.flatMap((e) => e.params)],
      from,
      to,
    };
  }
  return {
    kind: 'raw',
    table: 'answers',
    time: 'created_at',
    weight: '1',
    ...buildWhere(siteId, f, 'created_at', from, to, { agent: true, plan: true }),
    from,
    to,
  };
}

type Where = { where: string; params: SqlValue[] };

/**
 * A count over a period read as its source is: a daily rollup's sum for whole days, the raw rows
 * for a cut period's edges (mixed), or the raw rows alone. `filter` builds each WHERE; `raw` says
 * it is for the raw table alone (which may hold columns the rollup has not).
 */
function countOverPeriod(
  kind: ScoreSource['kind'],
  period: { from: number; to: number },
  tables: { rollup: string; raw: string; rawOnly: string },
  filter: (time: string, from: number, to: number, rawAlone: boolean) => Where,
) {
  const days = wholeDaysOf(period);
  if (kind === 'rollup') {
    const rolled = filter('day', period.from, period.to, false);
    return {
      sql: `SELECT COALESCE(SUM(n), 0) AS n FROM ${tables.rollup} WHERE ${rolled.where}`,
      params: rolled.params,
    };
  }
  const only = tables.rawOnly ? ` AND ${tables.rawOnly}` : '';
  if (kind === 'mixed' && days) {
    const rolled = filter('day', days.from, days.to, false);
    const edges = edgesOf(period, days).map((e) => filter('created_at', e.from, e.to, false));
    return {
      sql: `SELECT (SELECT COALESCE(SUM(n), 0) FROM ${tables.rollup} WHERE ${rolled.where})${edges
        .map((e) => `\n        + (SELECT COUNT(*) FROM ${tables.raw} WHERE ${e.where}${only})`)
        .join('')} AS n`,
      params: [...rolled.params, ...edges.flatMap((e) => e.params)],
    };
  }
  const raw = filter('created_at', period.from, period.to, true);
  return { sql: `SELECT COUNT(*) AS n FROM ${tables.raw} WHERE ${raw.where}${only}`, params: raw.params };
}

/** The same choice for counting responses (every one, partial ones included, or the completed ones). */
export function selectResponseCount(
  source: ScoreSource,
  siteId: string,
  f: ReportFilter,
  which: 'all' | 'completed' = 'all',
) {
  return countOverPeriod(
    source.kind,
    source,
    {
      rollup: which === 'completed' ? 'completion_daily' : 'response_daily',
      raw: 'responses',
      rawOnly: which === 'completed' ? 'complete = 1' : '',
    },
    // The raw rows alone are read for an agent or plan filter, which the rollups do not hold.
    (time, from, to, rawAlone) => buildWhere(siteId, f, time, from, to, { agent: rawAlone, plan: rawAlone }),
  );
}

/**
 * Shown displays over the period; they carry only the survey, so the moment filter goes through it
 * (and agent, team or plan do not apply). Whole days read the daily rollup, cut edges the displays.
 */
export function selectDisplayCount(source: ScoreSource, siteId: string, f: ReportFilter) {
  const kind = isWholeDays(source) ? 'rollup' : wholeDaysOf(source) ? 'mixed' : 'raw';
  return countOverPeriod(
    kind,
    source,
    { rollup: 'display_daily', raw: 'displays', rawOnly: "kind = 'shown'" },
    (time, from, to) => {
      const clauses = ['site_id = ?', `${time} >= ?`, `${time} < ?`];
      const params: SqlValue[] = [siteId, from, to];
      if (f.surveyId) {
        clauses.push('survey_id = ?');
        params.push(f.surveyId);
      }
      if (f.moment) {
        clauses.push('survey_id IN (SELECT id FROM surveys WHERE site_id = ? AND moment = ?)');
        params.push(siteId, f.moment);
      }
      return { where: clauses.join(' AND '), params };
    },
  );
}
