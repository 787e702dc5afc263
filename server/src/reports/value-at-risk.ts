import type { AtRisk, ReportFilter } from '@moments/shared';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/index.js';
import { neutraliseCsvCell } from '../exports/export-responses.js';
import { resolvePeriod } from './period.js';
import { getSiteCurrency, readLatest, stillCustomer, type ValueReading } from './value.js';

type Row = {
  id: string | null;
  email: string | null;
  name: string | null;
  plan: string | null;
  mrr: number | null;
  nps: number | null;
  prev: number | null;
  total: number | string;
};

/** A LIMIT both databases take for "no limit" (SQLite needs one before an OFFSET). */
const EVERY_ROW = 2_147_483_647;

// The same customers the value report adds up as revenue at risk: detractors by their latest NPS in
// the period, and others whose NPS fell by 2 or more, not churned by the period's end. Biggest MRR first.
// Under the report's filters, as the value report reads them (readLatest). One row with the total and
// no customer when the page is past the end, so a page past the end still says how many there are.
const atRiskSql = (latest: string, limit: number | undefined, offset: number) => `
WITH latest AS (${latest}), risky AS (
  SELECT l.customer_id, l.nps, l.prev FROM latest l
  LEFT JOIN customers c ON c.site_id = ? AND c.id = l.customer_id
  WHERE (l.nps <= 6 OR (l.prev IS NOT NULL AND l.nps <= l.prev - 2)) AND ${stillCustomer('c.churned_at')}
), page AS (
  SELECT k.customer_id AS id, c.email, c.name, c.plan, c.mrr, k.nps, k.prev, COALESCE(c.mrr, -1) AS sort_key
  FROM risky k LEFT JOIN customers c ON c.site_id = ? AND c.id = k.customer_id
  ORDER BY COALESCE(c.mrr, -1) DESC, k.customer_id LIMIT ${limit ?? EVERY_ROW} OFFSET ${offset}
)
SELECT p.id, p.email, p.name, p.plan, p.mrr, p.nps, p.prev, t.total
FROM (SELECT COUNT(*) AS total FROM risky) t LEFT JOIN page p ON 1 = 1
ORDER BY p.sort_key DESC, p.id`;

/**
 * The customers behind the value report's revenue at risk, for the same period and filters: `limit`
 * of them (every one when not given) from `offset`.
 */
export async function getValueAtRisk(
  db: Db,
  siteId: string,
  f: ReportFilter & { limit?: number; offset?: number },
  opts: ValueReading = {},
): Promise<AtRisk> {
  const { from, to } = resolvePeriod(f);
  const offset = f.offset ?? 0;
  const latest = await readLatest(db, siteId, from, to, opts, f);
  const rows = await db.all<Row>(atRiskSql(latest.sql, f.limit, offset), [
    ...latest.params,
    siteId,
    to,
    siteId,
  ]);
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    customers: rows.flatMap((r) =>
      r.id == null || r.nps == null
        ? []
        : [
            {
              id: r.id,
              email: r.email,
              name: r.name,
              plan: r.plan,
              mrr: r.mrr,
              nps: r.nps,
              previousNps: r.prev,
              reason: r.nps <= 6 ? ('detractor' as const) : ('falling' as const),
            },
          ],
    ),
    total: Number(rows[0]?.total ?? 0),
    offset,
    currency: (await getSiteCurrency(db, siteId)).currency,
  };
}

/** The CSV of an at-risk list: a header line, then one line a customer, as the list gives them. */
export function toAtRiskCsv(r: AtRisk): string {
  const header = ['id', 'email', 'name', 'plan', 'mrr', 'currency', 'nps', 'previousNps', 'reason'];
  const rows = r.customers.map((c) =>
    [
      c.id,
      c.email ?? '',
      c.name ?? '',
      c.plan ?? '',
      c.mrr ?? '',
      r.currency,
      c.nps,
      c.previousNps ?? '',
      c.reason,
    ].map((v) => neutraliseCsvCell(String(v))),
  );
  return stringify([header, ...rows]);
}
