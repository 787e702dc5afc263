import { fmtDate } from './format.js';

const DAY = 86_400_000;

export type Interval = 'week' | 'month';

/** The last moment of the period starting at `start` (weeks of 7 days, calendar months). */
export function periodEnd(start: string, interval: Interval): number {
  const t = Date.parse(start);
  if (interval === 'week') return t + 7 * DAY - 1;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - 1;
}

/** "Week of 2 Nov 2026 (to 8 Nov 2026)" or "November 2026". */
export function describePeriod(start: string, interval: Interval): string {
  if (interval === 'month')
    return new Date(start).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
  return `Week of ${fmtDate(start)} (to ${fmtDate(new Date(periodEnd(start, interval)).toISOString())})`;
}

/** Whole days from one ISO day (or date-time) to another, both counted. */
const daysBetween = (from: number, to: number) => Math.round((to - from) / DAY) + 1;

/**
 * The first period with answers, when it covers only part of its week or month: it starts
 * before the chosen period does (a week from Monday, a period from a Wednesday), or before the
 * first answer (the data starts mid-week). Its score is on fewer days than the others'.
 * `periodFrom` is the chosen period's first day; `firstAnswer` the day of its first answer, if known.
 */
export function partialFirst(
  points: { start: string; n: number }[],
  interval: Interval,
  periodFrom: string,
  firstAnswer?: string,
): { index: number; from: string; reason: 'period' | 'data'; days: number; of: number } | undefined {
  const index = points.findIndex((p) => p.n > 0);
  if (index < 0) return undefined;
  const start = Date.parse(points[index]!.start);
  const day = (iso: string) => Date.parse(iso.slice(0, 10));
  const periodStart = day(periodFrom);
  const dataStart = firstAnswer ? day(firstAnswer) : Number.NEGATIVE_INFINITY;
  const from = Math.max(periodStart, dataStart);
  if (from <= start) return undefined;
  const end = periodEnd(points[index]!.start, interval);
  if (from > end) return undefined;
  return {
    index,
    from: new Date(from).toISOString().slice(0, 10),
    reason: dataStart > periodStart ? 'data' : 'period',
    days: daysBetween(from, end - DAY + 1),
    of: daysBetween(start, end - DAY + 1),
  };
}

/**
 * The value axis of a score chart: from the points with enough answers (their scores and intervals),
 * padded a tenth, so one thin period (NPS 100 on one answer) does not flatten the others into a
 * line; from every point when none has enough. Null when there is nothing to draw.
 */
export function scoreAxisRange(
  points: { score: number | null; ci95: [number, number] | null; insufficient?: boolean }[],
): [number, number] | null {
  const trusted = points.filter((p) => !p.insufficient && p.score != null);
  const values = (trusted.length ? trusted : points).flatMap((p) => [
    ...(p.score == null ? [] : [p.score]),
    ...(p.ci95 ?? []),
  ]);
  if (!values.length) return null;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max((hi - lo) / 10, 1);
  return [lo - pad, hi + pad];
}
