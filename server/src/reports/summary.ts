import { DEFAULT_MIN_SAMPLE, type ReportFilter, type Summary, summarizeRate } from '@moments/shared';
import type { Db } from '../db/index.js';
import { selectDisplayCount, selectResponseCount, selectScoreSource } from './filters.js';
import {
  EMPTY_STATS,
  flagSample,
  type ScoreStats,
  scoreStatsSql,
  summarizeCesStats,
  summarizeCsatStats,
  summarizeNpsStats,
} from './score-stats.js';

/** Displays carry no team, agent or plan (they are counted by survey and day). */
const RATE_UNAVAILABLE =
  'Displays are not recorded by team, agent or plan: under this filter a rate would divide its answers by every display.';

/** Answers a rate of answers over displays cannot be read from: more answers than displays. */
const fewerDisplays = (responses: number, displays: number) =>
  `More answers (${responses}) than displays recorded (${displays}) in this period: some answers came without a recorded display (sent through the API, or a display that was not recorded), so there is no rate of one over the other.`;

/**
 * NPS, CSAT, CES, response rate and completion rate over a period, each with n and a 95% interval;
 * a score on fewer than `minN` answers is marked `insufficient`.
 */
export async function getSummary(
  db: Db,
  siteId: string,
  f: ReportFilter,
  minN = DEFAULT_MIN_SAMPLE,
): Promise<Summary> {
  const source = selectScoreSource(siteId, f);
  const responsesQuery = selectResponseCount(source, siteId, f);
  const completedQuery = selectResponseCount(source, siteId, f, 'completed');
  const displaysQuery = selectDisplayCount(source, siteId, f);
  const [stats, responses, completed, displays] = await Promise.all([
    db.all<ScoreStats & { qtype: string }>(
      `SELECT qtype, ${scoreStatsSql(source.weight)} FROM ${source.table}
       WHERE ${source.where} AND qtype IN ('nps', 'csat', 'ces') GROUP BY qtype`,
      source.params,
    ),
    db.get<{ n: number }>(responsesQuery.sql, responsesQuery.params),
    db.get<{ n: number }>(completedQuery.sql, completedQuery.params),
    db.get<{ n: number }>(displaysQuery.sql, displaysQuery.params),
  ]);
  const of = (t: string) => stats.find((s) => s.qtype === t) ?? EMPTY_STATS;
  const nResponses = Number(responses?.n ?? 0);
  const nCompleted = Number(completed?.n ?? 0);
  const nDisplays = Number(displays?.n ?? 0);
  return {
    from: new Date(source.from).toISOString(),
    to: new Date(source.to).toISOString(),
    n: nResponses,
    nps: flagSample(summarizeNpsStats(of('nps')), minN),
    csat: flagSample(summarizeCsatStats(of('csat')), minN),
    ces: flagSample(summarizeCesStats(of('ces')), minN),
    responseRate: {
      responses: nResponses,
      displays: nDisplays,
      n: nDisplays,
      ...(f.team || f.agent || f.plan
        ? { rate: null, ci95: null, unavailable: RATE_UNAVAILABLE }
        : nResponses > nDisplays
          ? { rate: null, ci95: null, unavailable: fewerDisplays(nResponses, nDisplays) }
          : summarizeRate(nResponses, nDisplays)),
    },
    completionRate: {
      completed: nCompleted,
      responses: nResponses,
      ...summarizeRate(nCompleted, nResponses),
    },
    minN,
  };
}
