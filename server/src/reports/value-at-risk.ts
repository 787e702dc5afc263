import type { AtRisk, ReportFilter } from '@moments/shared';
import type { Db } from '../db/index.js';
import { resolvePeriod } from './period.js';
import { getSiteCurrency, readLatest, stillCustomer, type ValueReading } from './value.js';

type Row = {
  id: string;
  email: string | null;
  name: string | null;
  plan: string | null;
  mrr: number | null;
  nps: number;
  prev: number | null;
  total: number;
};

// The same customers the value report adds up as revenue at risk: detractors by their latest NPS in
// the period, and others whose NPS fell by 2 or more, not churned by the period's end. Biggest MRR first.
// Under the report's filters, as the value report reads them (readLatest).
const atRiskSql = (latest: string, limit: number) => `
WITH latest AS (${latest}), risky AS (
  SELECT l.customer_id, l.nps, l.prev FROM latest l
  LEFT JOIN customers c ON c.site_id = ? AND c.id = l.customer_id
  WHERE (l.nps <= 6 OR (l.prev IS NOT NULL AND l.nps <= l.prev - 2)) AND ${stillCustomer('c.churned_at')}
)
SELECT k.customer_id AS id, c.email, c.name, c.plan, c.mrr, k.nps, k.prev,
  (SELECT COUNT(*) FROM risky) AS total
FROM risky k LEFT JOIN customers c ON c.site_id = ? AND c.id = k.customer_id
ORDER BY COALESCE(c.mrr, -1) DESC, k.customer_id LIMIT ${limit}`;

/** The customers behind the value report's revenue at risk, for the same period and filters. */
export async function getValueAtRisk(
  db: Db,
  siteId: string,
  f: ReportFilter & { limit: number },
  opts: ValueReading = {},
): Promise<AtRisk> {
  const { from, to } = resolvePeriod(f);
  const latest = await readLatest(db, siteId, from, to, opts, f);
  const rows = await db.all<Row>(atRiskSql(latest.sql, f.limit), [...latest.params, siteId, to, siteId]);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    customers: rows.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      plan: r.plan,
      mrr: r.mrr,
      nps: r.nps,
      previousNps: r.prev,
      reason: r.nps <= 6 ? 'detractor' : 'falling',
    })),
    total: rows[0]?.total ?? 0,
    currency: (await getSiteCurrency(db, siteId)).currency,
  };
}
