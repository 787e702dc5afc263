import {
  compareScores,
  type GroupBy,
  getScoreWithError,
  type Metric,
  type ReportFilter,
} from '@moments/shared';
import type { Db } from '../db/index.js';
import { selectScoreSource } from './filters.js';
import { getMetricPoint, type ScoreStats, scoreStatsSql } from './score-stats.js';

/** Said with every ranking: the product frames low scores for coaching. */
export const COACHING_NOTE =
  'Scores are a signal of how customers experienced a moment, not proof of anyone’s performance: use them to ask what happened and to coach. Groups under the minimum sample are not ranked, and only changes whose 95% interval excludes zero are called real.';

export type GroupStats = ScoreStats & { grp: string };

// The plan is the customer's, looked up per answer; the others are columns of the answers (and of the rollup for team and moment).
const GROUP_SQL: Record<GroupBy, string> = {
  agent: 'agent',
  team: 'team',
  moment: 'moment',
  plan: '(SELECT plan FROM customers WHERE customers.site_id = answers.site_id AND customers.id = answers.customer_id)',
};

/** Where a grouping's answers are read: by plan (business data, in no rollup) the answers themselves. */
const groupSource = (siteId: string, f: ReportFilter, by: GroupBy, period: { from: number; to: number }) =>
  selectScoreSource(siteId, f, Date.now(), { period, raw: by === 'plan', byAgent: by === 'agent' });

/** The metric's sufficient statistics per group over one period, aggregated in SQL. */
export async function getGroupStats(
  db: Db,
  siteId: string,
  f: ReportFilter,
  metric: Metric,
  by: GroupBy,
  period: { from: number; to: number },
): Promise<Map<string, GroupStats>> {
  const source = groupSource(siteId, f, by, period);
  const rows = await db.all<GroupStats>(
    `SELECT ${GROUP_SQL[by]} AS grp, ${scoreStatsSql(source.weight)} FROM ${source.table}
     WHERE ${source.where} AND qtype = ? GROUP BY 1`,
    [...source.params, metric],
  );
  return new Map(rows.filter((r) => r.grp !== null && r.grp !== '').map((r) => [r.grp, r]));
}

/**
 * How many answers of each metric in the period name a group of `by` (a team, an agent, a moment, a
 * plan): a metric at 0 has nothing to rank by that grouping.
 */
export async function countGroupedAnswers(
  db: Db,
  siteId: string,
  f: ReportFilter,
  by: GroupBy,
  period: { from: number; to: number },
): Promise<Record<Metric, number>> {
  const source = groupSource(siteId, f, by, period);
  const rows = await db.all<{ qtype: Metric; n: number | string | null }>(
    `SELECT qtype, SUM(${source.weight}) AS n FROM ${source.table}
     WHERE ${source.where} AND qtype IN ('nps', 'csat', 'ces') AND COALESCE(${GROUP_SQL[by]}, '') <> ''
     GROUP BY qtype`,
    source.params,
  );
  const counts: Record<Metric, number> = { nps: 0, csat: 0, ces: 0 };
  for (const r of rows) counts[r.qtype] = Number(r.n ?? 0);
  return counts;
}

const toCounts = (s: ScoreStats) => ({
  n: s.n,
  sum: s.sum,
  sumSq: s.sum_sq,
  promoters: s.hi9,
  detractors: s.lo6,
  satisfied: s.hi4,
});

/** One group's score now, before, and the change between them when both samples are large enough. */
export function describeGroup(
  metric: Metric,
  key: string,
  now: GroupStats,
  before: GroupStats | undefined,
  minN: number,
) {
  const point = getMetricPoint(metric, now);
  const a = getScoreWithError(metric, toCounts(now));
  const b = before && before.n >= minN ? getScoreWithError(metric, toCounts(before)) : null;
  const change = a && b ? compareScores(a, b) : null;
  return {
    key,
    n: now.n,
    score: point.score!,
    ci95: point.ci95,
    previous: { n: before?.n ?? 0, score: before ? getMetricPoint(metric, before).score : null },
    change,
  };
}
