// The fixed answer scales and their bands, free of zod so the widget and the extension can import
// them at no byte cost beyond what they use.

/** The metrics with a fixed scale. */
export type ScaleMetric = 'nps' | 'csat' | 'ces';

/**
 * Answer ranges of the fixed scales. CES is CES 2.0 ("The company made it easy for me to handle my
 * issue"): 1 = very difficult … 7 = very easy, so for all three a higher answer is better.
 */
export const SCALE_RANGES: Record<ScaleMetric, readonly [number, number]> = {
  nps: [0, 10],
  csat: [1, 5],
  ces: [1, 7],
};

/** Score bands of each metric, best first. */
export const BANDS_BY_METRIC = {
  nps: ['promoter', 'passive', 'detractor'],
  csat: ['satisfied', 'neutral', 'unsatisfied'],
  ces: ['easy', 'neutral', 'hard'],
} as const;

/** The lowest answer of each metric's best and middle band (NPS 9 and 7, CSAT 4 and 3, CES 5 and 4). */
export const BAND_CUTS: Record<ScaleMetric, readonly [best: number, mid: number]> = {
  nps: [9, 7],
  csat: [4, 3],
  ces: [5, 4],
};

/** The band of an answer: NPS promoter 9–10 / passive 7–8 / detractor 0–6; CSAT 4–5 / 3 / 1–2; CES easy 5–7 / neutral 4 / hard 1–3. */
export function getBand(metric: ScaleMetric, value: number): string {
  const [best, mid, worst] = BANDS_BY_METRIC[metric];
  const [hi, lo] = BAND_CUTS[metric];
  return value >= hi ? best : value >= lo ? mid : worst;
}

/** Whether an answer falls in its metric's worst band (detractor, unsatisfied, hard). */
export function isWorstBand(metric: ScaleMetric, value: number): boolean {
  return value < BAND_CUTS[metric][1];
}
