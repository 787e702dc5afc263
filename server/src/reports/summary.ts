import { type ReportFilter, type Summary, summarizeRate } from '@moments/shared';
import type { Db } from '../db/index.js';
import { selectDisplayCount, selectResponseCount, selectScoreSource } from './filters.js';
import {
  EMPTY_STATS,
  type ScoreStats,
  scoreStatsSql,
  summarizeCsatStats,
  summarizeMeanStats,
  summarizeNpsStats,
} from './score-stats.js';

/** NPS, CSAT, CES and response rate over a period, each with n and a 95% interval. */
export async function getSummary(db: Db, siteId: string, f: ReportFilter): Promise<Summary> {
  const source = selectScoreSource(siteId, f);
  const responsesQuery = selectResponseCount(source, siteId, f);
  const displaysQuery = selectDisplayCount(source, siteId, f);
  const [stats, responses, displays] = await Promise.all([
    db.all<ScoreStats & { qtype: string }>(
      `SELECT qtype, ${scoreStatsSql(source.weight)} FROM ${source.table}
       WHERE ${source.where} AND qtype IN ('nps', 'csat', 'ces') GROUP BY qtype`,
      source.params,
    ),
    db.get<{ n: number }>(responsesQuery.sql, responsesQuery.params),
    db.get<{ n: number }>(displaysQuery.sql, displaysQuery.params),
  ]);
  const of = (t: string) => stats.find((s) => s.qtype === t) ?? EMPTY_STATS;
  const nResponses = responses?.n ?? 0;
  const nDisplays = displays?.n ?? 0;
  return {
    from: new Date(source.from).toISOString(),
    to: new Date(source.to).toISOString(),
    n: nResponses,
    nps: summarizeNpsStats(of('nps')),
    csat: summarizeCsatStats(of('csat')),
    ces: summarizeMeanStats(of('ces')),
    responseRate: {
      responses: nResponses,
      displays: nDisplays,
      n: nDisplays,
      ...summarizeRate(nResponses, nDisplays),
    },
  };
}
