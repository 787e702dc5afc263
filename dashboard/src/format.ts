import { type QuestionType, writeDay } from '@moments/shared';

/** Display formatting: numbers, intervals, money, dates, one place. */

/** A number with fixed decimals and the typographic minus sign (U+2212), the one sign used everywhere. */
export const fmt = (x: number | null | undefined, digits = 0): string =>
  x == null || Number.isNaN(x)
    ? '–'
    : x
        .toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
        .replace(/^-/, '−')
        // −0 after rounding is 0.
        .replace(/^−(0(\.0+)?)$/, '$1');

/**
 * A share as a percentage; a share that is neither none nor all never reads as 0% or 100% (3 of
 * 800 is "<1%", not "0%").
 */
export function fmtPct(x: number | null | undefined, digits = 0): string {
  if (x == null) return '–';
  const step = 10 ** -digits;
  if (x > 0 && x * 100 < step / 2) return `<${fmt(step, digits)}%`;
  if (x < 1 && x * 100 > 100 - step / 2) return `>${fmt(100 - step, digits)}%`;
  return `${fmt(x * 100, digits)}%`;
}

/** An interval with its unit after it (`12 to 30%`), or "no interval" without one. */
export const fmtCi = (ci: [number, number] | null | undefined, digits = 0, scale = 1, unit = ''): string =>
  ci ? `${fmt(ci[0] * scale, digits)} to ${fmt(ci[1] * scale, digits)}${unit}` : 'no interval';

/** Money in the customers' currency (ISO code), US dollars when they name none. */
export const fmtMoney = (x: number | null | undefined, currency?: string | null): string =>
  x == null
    ? '–'
    : x
        .toLocaleString('en-US', { style: 'currency', currency: currency ?? 'USD', maximumFractionDigits: 0 })
        .replace(/^-/, '−');

export const fmtSigned = (x: number, digits = 1): string =>
  `${x > 0 ? '+' : x < 0 ? '−' : '±'}${fmt(Math.abs(x), digits)}`;

export const fmtDate = (iso: string): string => writeDay(iso);

/** The last day of a period whose end the API gives as the next midnight (exclusive): both ends read inclusive. */
export const fmtLastDay = (isoEnd: string): string => fmtDate(new Date(Date.parse(isoEnd) - 1).toISOString());

export const fmtDateTime = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });

/**
 * How long ago, in calendar days where the viewer is (the same clock as `fmtDateTime`): something
 * from 23:50 reads "yesterday" at 00:10, not "today" as a count of 24-hour blocks would say.
 */
export const fmtAge = (iso: string, now: number = Date.now()): string => {
  // Each local date as a UTC midnight: whole days apart, whatever daylight saving did in between.
  const day = (t: number) => {
    const d = new Date(t);
    return Date.UTC(d.getFullYear(), d.getMonth(), d.getDate());
  };
  const days = Math.round((day(now) - day(Date.parse(iso))) / 86_400_000);
  return days < 1 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
};

/** `checkout_completed` → `Checkout completed`. */
export const humanize = (s: string): string => {
  const t = s.replace(/[_.:-]+/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
};

const QUESTION_TYPE_LABEL: Record<QuestionType, string> = {
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  rating: 'Rating',
  choice: 'Multiple choice',
  text: 'Comment',
};

/** A question's type as a person reads it: `choice` → `Multiple choice`; the metrics keep their acronyms (NPS). */
export const questionTypeLabel = (type: string): string =>
  QUESTION_TYPE_LABEL[type as QuestionType] ?? humanize(type);

/** Metric decimals: NPS and CSAT as whole points, CES as a mean. */
export const DIGITS = { nps: 0, csat: 0, ces: 2 } as const;
export const METRIC_LABEL = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;
/** After a score: CSAT is the share satisfied, as the overview shows it (63%); NPS and CES are plain. */
export const SCORE_UNIT = { nps: '', csat: '%', ces: '' } as const;

// A customer's risk in a word, as the extension's overlay says it too.
export { answeredAny, riskLabel } from '@moments/shared';

/** The pill's colour for a risk: green only for a customer whose answers show none. */
export const riskClass = (risk: { level: 'none' | 'watch' | 'high' }, answered = true): string =>
  risk.level === 'none' ? (answered ? 'positive' : 'neutral') : risk.level === 'watch' ? 'watch' : 'negative';

/**
 * The words after the risk pill: its reasons, less the one the pill already says. A churned
 * customer reads "Churned on 3 Oct 2026; detractor (NPS 3)", not "Churned churned".
 */
export const riskDetail = (
  risk: { level: 'none' | 'watch' | 'high'; reasons: string[] },
  churnedAt?: string | null,
): string => {
  const churned = risk.reasons.includes('churned');
  const others = risk.reasons.filter((r) => r !== 'churned');
  const when = churned && churnedAt ? `on ${fmtDate(churnedAt)}` : '';
  return [when, others.join('; ')].filter(Boolean).join('; ');
};
