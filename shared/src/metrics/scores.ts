import type { CsatResult, MeanResult, NpsResult } from '../schemas/reports.js';
import { getMeanInterval, getWilsonInterval, round2, roundInterval, Z95 } from './intervals.js';
import { BAND_CUTS, BANDS_BY_METRIC, getBand } from './scales.js';

/** Whether an NPS answer (0-10) is a promoter (9-10), passive (7-8) or detractor (0-6). */
export function getNpsBand(value: number): 'promoter' | 'passive' | 'detractor' {
  return getBand('nps', value) as 'promoter' | 'passive' | 'detractor';
}

/**
 * NPS from band counts with the adjusted-Wald 95% interval (Rocks 2016):
 * n' = n+3, p' = (P+0.75)/n', d' = (D+0.75)/n', interval (p'-d') ± z·sqrt((p'+d'-(p'-d')²)/n').
 */
export function summarizeNps(counts: { promoters: number; passives: number; detractors: number }): NpsResult {
  const { promoters, passives, detractors } = counts;
  const n = promoters + passives + detractors;
  if (n === 0) return { score: null, n: 0, promoters, passives, detractors, ci95: null };
  const n1 = n + 3;
  const p1 = (promoters + 0.75) / n1;
  const d1 = (detractors + 0.75) / n1;
  const diff = p1 - d1;
  const half = Z95 * Math.sqrt((p1 + d1 - diff * diff) / n1);
  return {
    score: round2((100 * (promoters - detractors)) / n),
    n,
    promoters,
    passives,
    detractors,
    ci95: roundInterval([diff - half, diff + half], 100, -100, 100),
  };
}

/** CSAT as the % of answers that are 4 or 5, with a Wilson 95% interval, and the mean. */
export function summarizeCsat(s: { n: number; satisfied: number; sum: number }): CsatResult {
  if (s.n === 0) return { score: null, mean: null, n: 0, satisfied: 0, ci95: null };
  return {
    score: round2((100 * s.satisfied) / s.n),
    mean: round2(s.sum / s.n),
    n: s.n,
    satisfied: s.satisfied,
    ci95: roundInterval(getWilsonInterval(s.satisfied, s.n), 100, 0, 100),
  };
}

/**
 * A mean (CES, a rating) with its Student-t 95% interval, clipped to the scale's range (CES 1..7,
 * a rating 1..N): a few answers give a wide interval, never one off the scale.
 */
export function summarizeMean(
  s: { n: number; sum: number; sumSq: number },
  range: readonly [number, number] = [-Infinity, Infinity],
): MeanResult {
  if (s.n === 0) return { mean: null, n: 0, ci95: null };
  return {
    mean: round2(s.sum / s.n),
    n: s.n,
    ci95: roundInterval(getMeanInterval(s.n, s.sum, s.sumSq), 1, range[0], range[1]),
  };
}

/** A rate k/n as a proportion with its Wilson 95% interval (null when n is 0). */
export function summarizeRate(k: number, n: number) {
  if (n === 0) return { rate: null, ci95: null };
  return { rate: round2(k / n), ci95: roundInterval(getWilsonInterval(Math.min(k, n), n), 1, 0, 1) };
}

/** SQL CASE giving the band of `value_num` for a metric (the same cut-offs as getBand). */
export function getBandSql(metric: 'nps' | 'csat' | 'ces', column = 'value_num'): string {
  const [best, mid, worst] = BANDS_BY_METRIC[metric];
  const [hi, lo] = BAND_CUTS[metric];
  return `CASE WHEN ${column} >= ${hi} THEN '${best}' WHEN ${column} >= ${lo} THEN '${mid}' ELSE '${worst}' END`;
}
