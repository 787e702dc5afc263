import { type Metric, SCALE_RANGES, summarizeCsat, summarizeMean, summarizeNps } from '@moments/shared';

/** The sufficient statistics of numeric answers, as the SQL below aggregates them. */
export type ScoreStats = { n: number; sum: number; sum_sq: number; hi9: number; lo6: number; hi4: number };

/** SELECT list aggregating ScoreStats over `value_num`, each row counting for `weight` (1, or a rollup's n). */
export function scoreStatsSql(weight: 'n' | '1' | 'w'): string {
  return `SUM(${weight}) AS n, SUM(value_num * ${weight}) AS sum, SUM(value_num * value_num * ${weight}) AS sum_sq,
  SUM(CASE WHEN value_num >= 9 THEN ${weight} ELSE 0 END) AS hi9,
  SUM(CASE WHEN value_num <= 6 THEN ${weight} ELSE 0 END) AS lo6,
  SUM(CASE WHEN value_num >= 4 THEN ${weight} ELSE 0 END) AS hi4`;
}

export const EMPTY_STATS: ScoreStats = { n: 0, sum: 0, sum_sq: 0, hi9: 0, lo6: 0, hi4: 0 };

export function summarizeNpsStats(s: ScoreStats) {
  return summarizeNps({ promoters: s.hi9, passives: s.n - s.hi9 - s.lo6, detractors: s.lo6 });
}
export function summarizeCsatStats(s: ScoreStats) {
  return summarizeCsat({ n: s.n, satisfied: s.hi4, sum: s.sum });
}
/** The CES mean, its interval kept on the 1..7 scale. */
export function summarizeCesStats(s: ScoreStats) {
  return summarizeMean({ n: s.n, sum: s.sum, sumSq: s.sum_sq }, SCALE_RANGES.ces);
}

/** Marks a result with fewer answers than the site's minimum sample as `insufficient`. */
export function flagSample<T extends { n: number }>(r: T, minN: number): T & { insufficient: boolean } {
  return { ...r, insufficient: r.n < minN };
}

/** The headline score of a metric (NPS score, CSAT %, CES mean) with n and interval. */
export function getMetricPoint(metric: Metric, s: ScoreStats) {
  if (metric === 'nps') {
    const r = summarizeNpsStats(s);
    return { n: r.n, score: r.score, ci95: r.ci95 };
  }
  if (metric === 'csat') {
    const r = summarizeCsatStats(s);
    return { n: r.n, score: r.score, ci95: r.ci95 };
  }
  const r = summarizeCesStats(s);
  return { n: r.n, score: r.mean, ci95: r.ci95 };
}
