import { getBand, type Lookup, type ScaleMetric } from '@moments/shared';

export type Tone = 'good' | 'mid' | 'bad' | 'none';

const TONES = ['good', 'mid', 'bad'] as const;
const BANDS: Record<ScaleMetric, readonly string[]> = {
  nps: ['promoter', 'passive', 'detractor'],
  csat: ['satisfied', 'neutral', 'unsatisfied'],
  ces: ['easy', 'neutral', 'hard'],
};

/**
 * The tone of an answer: its band, best to worst. CES is CES 2.0 (1 = very difficult … 7 = very
 * easy): higher is easier, 5–7 good, 4 middle, 1–3 bad, like NPS and CSAT.
 */
export function getTone(metric: ScaleMetric, value: number): Exclude<Tone, 'none'> {
  return TONES[BANDS[metric].indexOf(getBand(metric, value))] ?? 'bad';
}

/** The badge's headline: the latest NPS, else CSAT, else CES, with its band and tone. */
export function getHeadline(l: Lookup): { label: string; tone: Tone; band: string } {
  for (const metric of ['nps', 'csat', 'ces'] as const) {
    const latest = l.latest[metric];
    if (latest)
      return {
        label: `${metric.toUpperCase()} ${latest.value}`,
        tone: getTone(metric, latest.value),
        band: getBand(metric, latest.value),
      };
  }
  return { label: 'no score', tone: 'none', band: 'no answers yet' };
}

/** Points of a sparkline path through values on [min, max], oldest first. */
export function getSparkline(values: number[], min: number, max: number, w: number, h: number): string {
  if (values.length < 2) return '';
  const step = w / (values.length - 1);
  return values
    .map((v, i) => `${(i * step).toFixed(1)},${(h - ((v - min) / (max - min)) * h).toFixed(1)}`)
    .join(' ');
}

export const money = (x: number | null | undefined, currency: string | null) =>
  x == null
    ? '–'
    : x.toLocaleString('en-US', { style: 'currency', currency: currency ?? 'USD', maximumFractionDigits: 0 });

export const day = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
