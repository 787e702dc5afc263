import { type ReportFilter, type Summary, summarizeRate } from '@moments/shared';
import type { Db } from '../db/index.js';
import { buildReportWhere } from './filters.js';
import {
  EMPTY_STATS,
  SCORE_STATS_SQL,
  type ScoreStats,
  summarizeCsatStats,
  summarizeMeanStats,
  summarizeNpsStats,
} from './score-stats.js';

/** NPS, CSAT, CES and response rate over a period, each with n and a 95% interval. */
export async function getSummary(db: Db, siteId: string, f: ReportFilter): Promise<Summary> {
  const { where, params, from, to } = buildReportWhere(siteId, f);
  // Displays carry only the survey; the moment filter reaches them through the survey.
  const displayWhere = ['site_id = ?', "kind = 'shown'", 'created_at >= ?', 'created_at < ?'];
  const displayParams: (string | number)[] = [siteId, from, to];
  if (f.surveyId) {
    displayWhere.push('survey_id = ?');
    displayParams.push(f.surveyId);
  }
  if (f.moment) {
    displayWhere.push('survey_id IN (SELECT id FROM surveys WHERE site_id = ? AND moment = ?)');
    displayParams.push(siteId, f.moment);
  }
  const [stats, responses, displays] = await Promise.all([
    db.all<ScoreStats & { qtype: string }>(
      `SELECT qtype, ${SCORE_STATS_SQL} FROM answers WHERE ${where} AND qtype IN ('nps', 'csat', 'ces') GROUP BY qtype`,
      params,
    ),
    db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM responses WHERE ${where}`, params),
    db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM displays WHERE ${displayWhere.join(' AND ')}`,
      displayParams,
    ),
  ]);
  const of = (t: string) => stats.find((s) => s.qtype === t) ?? EMPTY_STATS;
  const nResponses = responses?.n ?? 0;
  const nDisplays = displays?.n ?? 0;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
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
