import { DEFAULT_MIN_SAMPLE, type Metric, type ReportFilter, type Timeseries } from '@moments/shared';
import type { Db, Dialect } from '../db/index.js';
import { ValidationError } from '../domain/errors.js';
import { selectScoreSource } from './filters.js';
import { EMPTY_STATS, flagSample, getMetricPoint, type ScoreStats, scoreStatsSql } from './score-stats.js';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const MAX_POINTS = 1000;
/** 1970-01-05, the first Monday of the epoch: weeks start on Monday (ISO 8601). */
const MONDAY_MS = 4 * DAY_MS;

type Interval = Timeseries['interval'];

function bucketSql(dialect: Dialect, interval: Interval, time: string): string {
  if (interval === 'day') return `(${time} / ${DAY_MS}) * ${DAY_MS}`;
  if (interval === 'week') return `((${time} - ${MONDAY_MS}) / ${WEEK_MS}) * ${WEEK_MS} + ${MONDAY_MS}`;
  return dialect.monthStartMs(time);
}

function startOf(t: number, interval: Interval): number {
  if (interval === 'day') return Math.floor(t / DAY_MS) * DAY_MS;
  if (interval === 'week') return Math.floor((t - MONDAY_MS) / WEEK_MS) * WEEK_MS + MONDAY_MS;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextStart(t: number, interval: Interval): number {
  if (interval === 'day') return t + DAY_MS;
  if (interval === 'week') return t + WEEK_MS;
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** A metric per day, week or month, every period present (n 0 where nobody answered). */
export async function getTimeseries(
  db: Db,
  siteId: string,
  f: ReportFilter & { metric: Metric; interval: Interval },
  minN = DEFAULT_MIN_SAMPLE,
): Promise<Timeseries> {
  const source = selectScoreSource(siteId, f);
  const { from, to } = source;
  const approxPoints = (to - from) / { day: DAY_MS, week: WEEK_MS, month: 28 * DAY_MS }[f.interval];
  if (approxPoints > MAX_POINTS) {
    throw new ValidationError([
      {
        path: 'interval',
        message: `the period has over ${MAX_POINTS} ${f.interval}s; use a longer interval`,
      },
    ]);
  }
  const rows = await db.all<ScoreStats & { bucket: number }>(
    `SELECT ${bucketSql(db.dialect, f.interval, source.time)} AS bucket, ${scoreStatsSql(source.weight)}
     FROM ${source.table} WHERE ${source.where} AND qtype = ? GROUP BY 1 ORDER BY 1`,
    [...source.params, f.metric],
  );
  const byBucket = new Map(rows.map((r) => [Number(r.bucket), r]));
  const points: Timeseries['points'] = [];
  for (let t = startOf(from, f.interval); t < to; t = nextStart(t, f.interval)) {
    points.push({
      start: new Date(t).toISOString(),
      ...flagSample(getMetricPoint(f.metric, byBucket.get(t) ?? EMPTY_STATS), minN),
    });
  }
  return {
    metric: f.metric,
    interval: f.interval,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    points,
  };
}
