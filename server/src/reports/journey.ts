import {
  BANDS_BY_METRIC,
  DEFAULT_MIN_SAMPLE,
  getBandSql,
  type Journey,
  type Metric,
  type ReportFilter,
  summarizeRate,
} from '@moments/shared';
import type { Db } from '../db/index.js';
import { selectScoreSource } from './filters.js';
import { resolvePeriod } from './period.js';
import { getSummary } from './summary.js';

/**
 * Moments in funnel order: by how long after a customer's first tracked moment each one usually
 * comes (average over identified customers), then moments only surveys name, alphabetically.
 */
export async function getFunnelOrder(db: Db, siteId: string): Promise<string[]> {
  const tracked = await db.all<{ name: string }>(
    `WITH firsts AS (
       SELECT customer_id, name, MIN(created_at) AS first_at FROM events
       WHERE site_id = ? AND customer_id IS NOT NULL GROUP BY customer_id, name
     ), starts AS (
       SELECT customer_id, MIN(first_at) AS start_at FROM firsts GROUP BY customer_id
     )
     SELECT f.name FROM firsts f JOIN starts s ON s.customer_id = f.customer_id
     GROUP BY f.name ORDER BY AVG(f.first_at - s.start_at), f.name`,
    [siteId],
  );
  const surveyed = await db.all<{ moment: string }>(
    'SELECT DISTINCT moment FROM surveys WHERE site_id = ? AND deleted_at IS NULL ORDER BY moment',
    [siteId],
  );
  const order = tracked.map((r) => r.name);
  for (const { moment } of surveyed) if (!order.includes(moment)) order.push(moment);
  return order;
}

/** Words in a moment's name that mean the customer is leaving (matched at the start of a word). */
const EXIT_WORDS = /^(cancel|churn|unsubscrib|downgrad|offboard|deactivat|terminat)/;
const ACCOUNT_END = /^(close|closed|closing|delete|deleted|deleting|remove|removed)$/;

/**
 * Whether a moment is one where customers leave: `cancel_started`, `subscription_cancelled`,
 * `churned`, `unsubscribed`, `plan_downgraded`, `account_closed`, `delete-account`. Judged by the
 * name's words (split on anything not a letter or digit, and on camelCase), so `cancel` never
 * matches inside another word.
 */
export function isExitMoment(moment: string): boolean {
  const words = moment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return (
    words.some((w) => EXIT_WORDS.test(w)) ||
    (words.includes('account') && words.some((w) => ACCOUNT_END.test(w)))
  );
}

/** Each moment's scores and response rate, and how often customers in each score band went on to the next moment. */
export async function getJourney(
  db: Db,
  siteId: string,
  f: ReportFilter,
  minN = DEFAULT_MIN_SAMPLE,
): Promise<Journey> {
  const { from, to } = resolvePeriod(f);
  const order = await getFunnelOrder(db, siteId);
  const moments = await Promise.all(
    order.map(async (moment, i) => {
      const summary = await getSummary(db, siteId, { ...f, moment }, minN);
      const metric: Metric | null = summary.nps.n
        ? 'nps'
        : summary.csat.n
          ? 'csat'
          : summary.ces.n
            ? 'ces'
            : null;
      const next = order[i + 1] ?? null;
      let bands: Journey['moments'][number]['bands'] = [];
      if (metric) {
        // From the daily rollup for whole days (as the summary is): a scan of the answers costs seconds.
        const source = selectScoreSource(siteId, { ...f, moment });
        const rows = await db.all<{ band: string; n: number }>(
          `SELECT ${getBandSql(metric)} AS band, SUM(${source.weight}) AS n FROM ${source.table}
           WHERE ${source.where} AND qtype = ? GROUP BY 1`,
          [...source.params, metric],
        );
        const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
        bands = BANDS_BY_METRIC[metric].map((band) => {
          const n = Number(rows.find((x) => x.band === band)?.n ?? 0);
          const { rate, ci95 } = summarizeRate(n, total);
          return { band, n, share: rate, ci95 };
        });
      }
      let conversion: Journey['moments'][number]['conversion'] = [];
      if (metric && next) {
        const rows = await db.all<{ band: string; n: number; converted: number }>(
          `SELECT ${getBandSql(metric, 'a.value_num')} AS band, COUNT(*) AS n,
             SUM(CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.site_id = a.site_id AND e.customer_id = a.customer_id
                                   AND e.name = ? AND e.created_at > a.created_at) THEN 1 ELSE 0 END) AS converted
           FROM answers a
           WHERE a.site_id = ? AND a.moment = ? AND a.qtype = ? AND a.customer_id IS NOT NULL
             AND a.created_at >= ? AND a.created_at < ?
           GROUP BY 1`,
          [next, siteId, moment, metric, from, to],
        );
        conversion = BANDS_BY_METRIC[metric].map((band) => {
          const r = rows.find((x) => x.band === band);
          return {
            band,
            n: r?.n ?? 0,
            converted: r?.converted ?? 0,
            ...summarizeRate(r?.converted ?? 0, r?.n ?? 0),
          };
        });
      }
      return {
        moment,
        metric,
        n: summary.n,
        nps: summary.nps,
        csat: summary.csat,
        ces: summary.ces,
        responseRate: {
          rate: summary.responseRate.rate,
          ci95: summary.responseRate.ci95,
          unavailable: summary.responseRate.unavailable,
        },
        bands,
        next,
        exit: isExitMoment(moment),
        nextIsExit: next !== null && isExitMoment(next),
        conversion,
      };
    }),
  );
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), moments };
}
