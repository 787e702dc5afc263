import type { Metric } from '../schemas/reports.js';
import { round2, Z95 } from './intervals.js';

/** The counts and sums a score is computed from (as the SQL aggregates them). */
export type ScoreCounts = {
  n: number;
  sum: number;
  sumSq: number;
  promoters: number;
  detractors: number;
  satisfied: number;
};

/**
 * A metric's score and its standard error, on the reported scale (NPS −100..100, CSAT 0..100,
 * CES mean): NPS by the adjusted-Wald variance, CSAT as a proportion, CES as a mean.
 */
export function getScoreWithError(metric: Metric, c: ScoreCounts): { score: number; se: number } | null {
  if (c.n === 0) return null;
  if (metric === 'nps') {
    const n1 = c.n + 3;
    const p = (c.promoters + 0.75) / n1;
    const d = (c.detractors + 0.75) / n1;
    return {
      score: (100 * (c.promoters - c.detractors)) / c.n,
      se: 100 * Math.sqrt((p + d - (p - d) ** 2) / n1),
    };
  }
  if (metric === 'csat') {
    const p = c.satisfied / c.n;
    const p1 = (c.satisfied + 2) / (c.n + 4); // Agresti-Coull: no zero error at 0% or 100%
    return { score: 100 * p, se: 100 * Math.sqrt((p1 * (1 - p1)) / (c.n + 4)) };
  }
  // One answer has no spread to measure: its error is unknown, not zero, so no change is called real.
  if (c.n < 2) return null;
  const mean = c.sum / c.n;
  const variance = Math.max(0, (c.sumSq - c.n * mean * mean) / (c.n - 1));
  return { score: mean, se: Math.sqrt(variance / c.n) };
}

/**
 * The change from `before` to `now` with a 95% interval (independent samples); `significant`
 * only when the interval excludes zero, so a change within the noise is never flagged.
 */
export function compareScores(now: { score: number; se: number }, before: { score: number; se: number }) {
  const change = now.score - before.score;
  const half = Z95 * Math.sqrt(now.se ** 2 + before.se ** 2);
  const ci95: [number, number] = [round2(change - half), round2(change + half)];
  return { change: round2(change), ci95, significant: ci95[0] > 0 || ci95[1] < 0 };
}
