import type { GroupBy, Metric, Movers, Ranking, ReportFilter } from '@moments/shared';
import type { Db } from '../db/index.js';
import { COACHING_NOTE, countGroupedAnswers, describeGroup, getGroupStats } from './group-scores.js';
import { resolvePeriod } from './period.js';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Groups ranked by score (only those with at least minN answers), each with its change against the previous period of the same length. */
export async function getRanking(
  db: Db,
  siteId: string,
  f: ReportFilter & { metric: Metric; by: GroupBy; minN: number },
): Promise<Ranking> {
  const now = resolvePeriod(f);
  const before = { from: now.from - (now.to - now.from), to: now.from };
  const [current, previous, answered] = await Promise.all([
    getGroupStats(db, siteId, f, f.metric, f.by, now),
    getGroupStats(db, siteId, f, f.metric, f.by, before),
    countGroupedAnswers(db, siteId, f, f.by, now),
  ]);
  const ranked = [...current.entries()]
    .filter(([, s]) => s.n >= f.minN)
    .map(([key, s]) => describeGroup(f.metric, key, s, previous.get(key), f.minN))
    .sort((a, b) => b.score - a.score || b.n - a.n);
  return {
    metric: f.metric,
    by: f.by,
    minN: f.minN,
    from: iso(now.from),
    to: iso(now.to),
    previous: { from: iso(before.from), to: iso(before.to) },
    groups: ranked.map((g, i) => ({ ...g, rank: i + 1 })),
    insufficient: [...current.entries()]
      .filter(([, s]) => s.n < f.minN)
      .map(([key, s]) => ({ key, n: s.n }))
      .sort((a, b) => b.n - a.n),
    note: COACHING_NOTE,
    answered,
  };
}

/**
 * The last week or month (to the end of the period) against the one before: most improved
 * groups first, and the groups that need attention, those whose drop is statistically real.
 */
export async function getMovers(
  db: Db,
  siteId: string,
  f: ReportFilter & { metric: Metric; by: GroupBy; interval: 'week' | 'month'; minN: number },
): Promise<Movers> {
  const { to } = resolvePeriod(f);
  const length = (f.interval === 'week' ? 7 : 30) * DAY_MS;
  const current = { from: to - length, to };
  const previous = { from: to - 2 * length, to: to - length };
  const [now, before] = await Promise.all([
    getGroupStats(db, siteId, f, f.metric, f.by, current),
    getGroupStats(db, siteId, f, f.metric, f.by, previous),
  ]);
  const compared = [...now.entries()]
    .filter(([, s]) => s.n >= f.minN)
    .map(([key, s]) => describeGroup(f.metric, key, s, before.get(key), f.minN))
    .filter((g) => g.change);
  return {
    metric: f.metric,
    by: f.by,
    interval: f.interval,
    current: { from: iso(current.from), to: iso(current.to) },
    previous: { from: iso(previous.from), to: iso(previous.to) },
    improved: compared
      .filter((g) => g.change!.change > 0)
      .sort((a, b) => b.change!.change - a.change!.change),
    attention: compared
      .filter((g) => g.change!.significant && g.change!.change < 0)
      .sort((a, b) => a.change!.change - b.change!.change),
    note: COACHING_NOTE,
  };
}
