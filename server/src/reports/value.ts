import {
  getLifetimeValue,
  getMonthlyRetention,
  type ReportFilter,
  round2,
  summarizeRate,
  type Value,
  type ValueSettings,
} from '@moments/shared';
import type { Db, Dialect, SqlValue } from '../db/index.js';
import { filtersAnswers, whereAnswers } from './filters.js';
import { resolvePeriod } from './period.js';

const DAY_MS = 86_400_000;
const MONTH_MS = 30.4375 * DAY_MS;
const BANDS = ['promoter', 'passive', 'detractor'] as const;

type BandRow = {
  band: (typeof BANDS)[number];
  customers: number;
  mrr_sum: number;
  mrr_avg: number | null;
  churned: number;
  cac: number | null;
  csc: number | null;
  falling_mrr: number;
  at_risk_mrr: number;
};

const BAND_SQL = "CASE WHEN nps >= 9 THEN 'promoter' WHEN nps >= 7 THEN 'passive' ELSE 'detractor' END";

/** A query for each customer's latest NPS in a period (and the one before it), with its parameters. */
export type LatestQuery = { sql: string; params: SqlValue[] };

/** A customer's NPS answers before `to`, newest first, as a correlated subquery on `s`. */
const before = (and: string, limit: string) =>
  `(SELECT a.value_num FROM answers a WHERE a.site_id = s.site_id AND a.customer_id = s.customer_id AND a.qtype = 'nps'
     AND a.created_at < ?${and} ORDER BY a.created_at DESC, a.value_num DESC LIMIT ${limit})`;

/**
 * The customers who answered again at or after `to`, with their latest NPS in [from, to) and the
 * one before it. SQLite: two correlated seeks a customer, on the customer's index (value
 * included, so the table is never read); MATERIALIZED so each runs once a customer (a flattened
 * subquery would seek again for its WHERE). PostgreSQL, where a subquery's rescan costs more: one
 * scan of the last two answers a customer (LATERAL), which runs about 40% faster there.
 */
function answeredAfter(dialect: Dialect['name'], siteId: string, from: number, to: number): LatestQuery {
  if (dialect === 'postgres') {
    return {
      sql: `
SELECT s.customer_id, l.nps, l.prev FROM customer_scores s
CROSS JOIN LATERAL (
  SELECT t.created_at, t.value_num AS nps,
    LEAD(t.value_num) OVER (ORDER BY t.created_at DESC, t.value_num DESC) AS prev
  FROM (SELECT a.created_at, a.value_num FROM answers a
        WHERE a.site_id = s.site_id AND a.customer_id = s.customer_id AND a.qtype = 'nps' AND a.created_at < ?
        ORDER BY a.created_at DESC, a.value_num DESC LIMIT 2) t
  ORDER BY t.created_at DESC, t.value_num DESC LIMIT 1
) l
WHERE s.site_id = ? AND s.qtype = 'nps' AND s.latest_at >= ? AND l.created_at >= ?`,
      params: [to, siteId, to, from],
    };
  }
  return {
    sql: `
WITH who AS MATERIALIZED (
  SELECT site_id, customer_id FROM customer_scores WHERE site_id = ? AND qtype = 'nps' AND latest_at >= ?
  ORDER BY customer_id
), later AS MATERIALIZED (
  SELECT s.customer_id, ${before(' AND a.created_at >= ?', '1')} AS nps, ${before('', '1 OFFSET 1')} AS prev FROM who s
)
SELECT later.customer_id, later.nps, later.prev FROM later WHERE later.nps IS NOT NULL`,
    params: [siteId, to, to, from, to],
  };
}

/**
 * The answers given in [from, to) that were still their customer's latest at `to` (the next one
 * came at or after it), with the one before each, as the answers hold them (NPS_HISTORY_BACKFILL_SQL):
 * one scan of the period's NPS answers that name a customer, on an index of its own.
 */
const heldAtEnd = (siteId: string, from: number, to: number): LatestQuery => ({
  sql: `
SELECT a.customer_id, a.value_num AS nps, a.nps_prev AS prev FROM answers a
WHERE a.site_id = ? AND a.qtype = 'nps' AND a.customer_id IS NOT NULL
  AND a.created_at >= ? AND a.created_at < ? AND a.nps_next_at >= ?`,
  params: [siteId, from, to, to],
});

/**
 * How the customers who answered again at or after the period's end are read: `seek` their last
 * answers before it (a seek a customer), or `scan` the period's answers for those still latest at
 * its end; `kept` when nobody answered after it (the kept scores alone).
 */
export type LatestVia = 'kept' | 'seek' | 'scan';

/**
 * A seek costs about as much as scanning this many index entries (measured at 1M responses, 50,000
 * customers answering again after a half-year: 50,000 seeks against 500,000 entries, 3 to 5 times
 * slower on both databases).
 */
const ENTRIES_A_SEEK = 25;

/**
 * The cheaper way for a period: customers who answered after it (from the kept scores' index)
 * against the responses in it (the daily rollup, an upper bound of the answers a scan reads).
 */
async function chooseVia(db: Db, siteId: string, from: number, to: number): Promise<LatestVia> {
  const row = await db.get<{ later: number | string; inside: number | string | null }>(
    `SELECT (SELECT COUNT(*) FROM customer_scores WHERE site_id = ? AND qtype = 'nps' AND latest_at >= ?) AS later,
       (SELECT SUM(n) FROM response_daily WHERE site_id = ? AND day >= ? AND day < ?) AS inside`,
    [siteId, to, siteId, from - (from % DAY_MS), to],
  );
  const later = Number(row?.later ?? 0);
  if (!later) return 'kept';
  return later * ENTRIES_A_SEEK < Number(row?.inside ?? 0) ? 'seek' : 'scan';
}

/**
 * Each customer's latest NPS in [from, to) and the one before it. A customer whose kept latest
 * answer (customer_scores: every customer who ever gave an NPS, with their latest and previous one)
 * falls in the period is read as kept; one who answered again at or after `to` is read from the
 * answers, by `via` (the cheaper way when not given). Up to today only the first part has rows.
 */
export async function latestNps(
  db: Db,
  siteId: string,
  from: number,
  to: number,
  via?: LatestVia,
): Promise<LatestQuery> {
  const kept: LatestQuery = {
    sql: `
SELECT s.customer_id, s.latest AS nps, s.prev FROM customer_scores s
WHERE s.site_id = ? AND s.qtype = 'nps' AND s.latest_at >= ? AND s.latest_at < ?`,
    params: [siteId, from, to],
  };
  const how = via ?? (await chooseVia(db, siteId, from, to));
  if (how === 'kept') return kept;
  const later =
    how === 'scan' ? heldAtEnd(siteId, from, to) : answeredAfter(db.dialect.name, siteId, from, to);
  return {
    sql: `${kept.sql}
UNION ALL
SELECT later.customer_id, later.nps, later.prev FROM (${later.sql}) later`,
    params: [...kept.params, ...later.params],
  };
}

/** The same, ranking every answer: the reference the tests hold the query above to. */
export function latestNpsFromAnswers(siteId: string, from: number, to: number): LatestQuery {
  return { sql: LATEST_FROM_ANSWERS, params: [siteId, from, to, to] };
}

const LATEST_FROM_ANSWERS = `
SELECT a.customer_id, a.value_num AS nps,
  (SELECT p.value_num FROM answers p WHERE p.site_id = a.site_id AND p.customer_id = a.customer_id AND p.qtype = 'nps'
     AND p.created_at < a.created_at ORDER BY p.created_at DESC LIMIT 1) AS prev
FROM answers a
WHERE a.site_id = ? AND a.qtype = 'nps' AND a.customer_id IS NOT NULL AND a.created_at >= ? AND a.created_at < ?
  AND a.created_at = (SELECT MAX(b.created_at) FROM answers b
                      WHERE b.site_id = a.site_id AND b.customer_id = a.customer_id AND b.qtype = 'nps' AND b.created_at < ?)`;

/** How a test reads the latest scores: by every answer (the reference), or by a way it names. */
export type ValueReading = { fromAnswers?: boolean; via?: LatestVia };

/**
 * Each customer's latest NPS in [from, to) among the answers a filter keeps (a survey, moment, team
 * or agent), and the one before it among them. The kept scores are per customer over every answer,
 * so a filtered report ranks the answers themselves: those of the period, newest first with the
 * same tie-break as the kept scores; the one before a customer's only answer in the period is
 * sought before the period, under the filter.
 */
function latestNpsInScope(siteId: string, f: ReportFilter, from: number, to: number): LatestQuery {
  // The plan is applied to the customers by readLatest, as for the kept scores.
  const scope = { ...f, plan: undefined };
  const inPeriod = whereAnswers(siteId, scope, from, to);
  // Its columns name the answers `p` of the subquery (the innermost).
  const before = whereAnswers(siteId, scope, 0, from);
  const order = 'PARTITION BY customer_id ORDER BY created_at DESC, value_num DESC';
  return {
    sql: `
SELECT r.customer_id, r.nps, COALESCE(r.prev_in, (SELECT p.value_num FROM answers p
    WHERE ${before.where} AND p.qtype = 'nps' AND p.customer_id = r.customer_id
    ORDER BY p.created_at DESC, p.value_num DESC LIMIT 1)) AS prev
FROM (
  SELECT customer_id, value_num AS nps, LEAD(value_num) OVER (${order}) AS prev_in, ROW_NUMBER() OVER (${order}) AS k
  FROM answers WHERE ${inPeriod.where} AND qtype = 'nps' AND customer_id IS NOT NULL
) r WHERE r.k = 1`,
    params: [...before.params, ...inPeriod.params],
  };
}

/**
 * The latest-NPS query a report reads: under the report's filters, by the chosen way, or as a test
 * asks. A plan keeps only the customers on it (the business data), whichever way the scores are read.
 */
export async function readLatest(
  db: Db,
  siteId: string,
  from: number,
  to: number,
  opts: ValueReading,
  f: ReportFilter = {},
): Promise<LatestQuery> {
  const latest = filtersAnswers(f)
    ? latestNpsInScope(siteId, f, from, to)
    : opts.fromAnswers
      ? latestNpsFromAnswers(siteId, from, to)
      : await latestNps(db, siteId, from, to, opts.via);
  if (!f.plan) return latest;
  return {
    sql: `
SELECT l.customer_id, l.nps, l.prev FROM (${latest.sql}) l
JOIN customers c ON c.site_id = ? AND c.id = l.customer_id AND c.plan = ?`,
    params: [...latest.params, siteId, f.plan],
  };
}

/**
 * Revenue a customer can still take away: not churned by the period's end (`?`: its end). A churned
 * customer's revenue is lost, counted in the band's churn, not at risk.
 */
export const stillCustomer = (churnedAt = 'churned_at') => `(${churnedAt} IS NULL OR ${churnedAt} >= ?)`;

// Banded, joined to business data, aggregated per band in one query.
const valueSql = (latest: string) => `
WITH latest AS (${latest}), scored AS (
  SELECT l.nps, l.prev, ${BAND_SQL} AS band, c.mrr, c.churned_at, c.acquisition_cost, c.cost_to_serve
  FROM latest l LEFT JOIN customers c ON c.site_id = ? AND c.id = l.customer_id
)
SELECT band, COUNT(*) AS customers, COALESCE(SUM(mrr), 0) AS mrr_sum, AVG(mrr) AS mrr_avg,
  SUM(CASE WHEN churned_at IS NOT NULL THEN 1 ELSE 0 END) AS churned,
  AVG(acquisition_cost) AS cac, AVG(cost_to_serve) AS csc,
  COALESCE(SUM(CASE WHEN band <> 'detractor' AND prev IS NOT NULL AND nps <= prev - 2 AND ${stillCustomer()} THEN mrr ELSE 0 END), 0) AS falling_mrr,
  COALESCE(SUM(CASE WHEN ${stillCustomer()} THEN mrr ELSE 0 END), 0) AS at_risk_mrr
FROM scored GROUP BY band`;

/**
 * The site's currency: the one most of its customers carry (USD when none names one), and whether
 * some carry another (amounts are then added as they are: there is no exchange rate here).
 */
export async function getSiteCurrency(db: Db, siteId: string) {
  const rows = await db.all<{ currency: string; n: number }>(
    `SELECT currency, COUNT(*) AS n FROM customers WHERE site_id = ? AND currency IS NOT NULL
     GROUP BY currency ORDER BY n DESC, currency LIMIT 2`,
    [siteId],
  );
  return { currency: rows[0]?.currency ?? 'USD', mixedCurrencies: rows.length > 1 };
}

/**
 * Scores tied to money: revenue-weighted NPS, revenue at risk (detractors' MRR and MRR of
 * customers whose NPS fell by 2 or more), and per band churn, MRR, lifetime value, CAC and CSC;
 * under the filters every report takes (API.md): survey, moment, team, agent and plan.
 */
export async function getValueReport(
  db: Db,
  siteId: string,
  settings: ValueSettings,
  f: ReportFilter,
  opts: ValueReading = {},
): Promise<Value> {
  const { from, to } = resolvePeriod(f);
  const latest = await readLatest(db, siteId, from, to, opts, f);
  const rows = await db.all<BandRow>(valueSql(latest.sql), [...latest.params, siteId, to, to]);
  const money = await getSiteCurrency(db, siteId);
  const by = (band: string) => rows.find((r) => r.band === band);
  const total = rows.reduce((n, r) => n + r.customers, 0);
  const totalMrr = rows.reduce((n, r) => n + r.mrr_sum, 0);
  const months = (to - from) / MONTH_MS;
  const p = by('promoter');
  const d = by('detractor');
  const detractorMrr = d?.mrr_sum ?? 0;
  // Revenue at risk: detractors and falling scores among customers not churned by the period's end.
  const detractorsAtRisk = d?.at_risk_mrr ?? 0;
  const fallingMrr = rows.reduce((n, r) => n + r.falling_mrr, 0);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    customers: total,
    nps: total ? round2((100 * ((p?.customers ?? 0) - (d?.customers ?? 0))) / total) : null,
    revenueWeightedNps: totalMrr ? round2((100 * ((p?.mrr_sum ?? 0) - detractorMrr)) / totalMrr) : null,
    revenueAtRisk: {
      monthly: round2(detractorsAtRisk + fallingMrr),
      annual: round2(12 * (detractorsAtRisk + fallingMrr)),
      detractors: round2(detractorsAtRisk),
      falling: round2(fallingMrr),
    },
    bands: BANDS.map((band) => {
      const r = by(band);
      if (!r) {
        return {
          band,
          customers: 0,
          share: 0,
          mrr: 0,
          averageMrr: null,
          churnRate: null,
          churnCi95: null,
          lifetimeValue: null,
          acquisitionCost: null,
          costToServe: null,
        };
      }
      const churn = summarizeRate(r.churned, r.customers);
      const retention = getMonthlyRetention(r.churned / r.customers, months);
      return {
        band,
        customers: r.customers,
        share: round2(r.customers / total),
        mrr: round2(r.mrr_sum),
        averageMrr: r.mrr_avg === null ? null : round2(r.mrr_avg),
        churnRate: churn.rate,
        churnCi95: churn.ci95,
        lifetimeValue:
          r.mrr_avg === null
            ? null
            : round2(
                getLifetimeValue({
                  mrr: r.mrr_avg,
                  margin: settings.margin,
                  monthlyRetention: retention,
                  annualDiscountRate: settings.annualDiscountRate,
                }),
              ),
        acquisitionCost: r.cac === null ? null : round2(r.cac),
        costToServe: r.csc === null ? null : round2(r.csc),
      };
    }),
    settings,
    ...money,
  };
}
