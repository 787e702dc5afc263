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

const WORSE: Record<Exclude<Tone, 'none'>, number> = { good: 0, mid: 1, bad: 2 };

/**
 * The badge's headline: the latest NPS (the relationship), else CSAT, else CES, unless an answer of
 * another of them came after it in a worse band: a bad ticket yesterday outranks a promoter's NPS
 * of last spring, which the agent must not read as all being well. Then the worst of those newer
 * answers (the newest of equals) heads, and `note` names the one it outranks (`after NPS 9`).
 */
export function getHeadline(l: Lookup): { label: string; tone: Tone; band: string; note?: string } {
  const answers = (['nps', 'csat', 'ces'] as const).flatMap((metric) => {
    const latest = l.latest[metric];
    return latest
      ? [{ metric, value: latest.value, at: Date.parse(latest.at), tone: getTone(metric, latest.value) }]
      : [];
  });
  const base = answers[0];
  if (!base) return { label: 'no score', tone: 'none', band: 'no answers yet' };
  let head = base;
  for (const a of answers.slice(1))
    if (a.at > base.at && WORSE[a.tone] > WORSE[base.tone])
      if (head === base || WORSE[a.tone] > WORSE[head.tone] || (a.tone === head.tone && a.at > head.at))
        head = a;
  const label = (a: typeof base) => `${a.metric.toUpperCase()} ${a.value}`;
  return {
    label: label(head),
    tone: head.tone,
    band: getBand(head.metric, head.value),
    ...(head === base ? {} : { note: `after ${label(base)}` }),
  };
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
