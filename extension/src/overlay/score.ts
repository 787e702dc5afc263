import { getNpsBand, type Lookup } from '@moments/shared';

export type Tone = 'good' | 'mid' | 'bad' | 'none';

/** The badge's headline: the latest NPS, else CSAT, else CES, with its band's tone. */
export function getHeadline(l: Lookup): { label: string; tone: Tone; band: string } {
  const { nps, csat, ces } = l.latest;
  if (nps) {
    const band = getNpsBand(nps.value);
    return {
      label: `NPS ${nps.value}`,
      tone: band === 'promoter' ? 'good' : band === 'passive' ? 'mid' : 'bad',
      band,
    };
  }
  if (csat) {
    const tone = csat.value >= 4 ? 'good' : csat.value === 3 ? 'mid' : 'bad';
    return {
      label: `CSAT ${csat.value}`,
      tone,
      band: tone === 'good' ? 'satisfied' : tone === 'mid' ? 'neutral' : 'unsatisfied',
    };
  }
  if (ces) {
    const tone = ces.value <= 3 ? 'good' : ces.value === 4 ? 'mid' : 'bad';
    return {
      label: `CES ${ces.value}`,
      tone,
      band: tone === 'good' ? 'easy' : tone === 'mid' ? 'neutral' : 'hard',
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
