import { type CustomerList, encodeCursor, type ListedCustomer } from '@moments/shared';
import type { Db, SqlValue } from '../db/index.js';
import { toContainsPattern } from '../db/like.js';

type Row = {
  id: string;
  email: string | null;
  name: string | null;
  account: string | null;
  plan: string | null;
  mrr: number | null;
  currency: string | null;
  churned_at: number | null;
  nps: number | null;
  nps_at: number | null;
  nps_prev: number | null;
  csat: number | null;
  csat_at: number | null;
  ces: number | null;
  ces_at: number | null;
  sort_key: number;
};

// The same rules as the agent's lookup: a detractor or a churned customer is high risk; an NPS
// that fell by 2 or more, or an unsatisfied CSAT, is one to watch.
const HIGH = '(n.latest <= 6 OR c.churned_at IS NOT NULL)';
const WATCH = '(n.latest <= n.prev - 2 OR s.latest <= 2)';

function describeRisk(r: Row): ListedCustomer['risk'] {
  const reasons: string[] = [];
  if (r.nps != null && r.nps <= 6) reasons.push(`detractor (NPS ${r.nps})`);
  if (r.nps != null && r.nps_prev != null && r.nps <= r.nps_prev - 2)
    reasons.push(`NPS fell from ${r.nps_prev} to ${r.nps}`);
  if (r.csat != null && r.csat <= 2) reasons.push(`unsatisfied (CSAT ${r.csat})`);
  if (r.churned_at != null) reasons.push('churned');
  const high = (r.nps != null && r.nps <= 6) || r.churned_at != null;
  return { level: high ? 'high' : reasons.length ? 'watch' : 'none', reasons };
}

const score = (value: number | null, at: number | null) =>
  value == null || at == null ? null : { value, at: new Date(at).toISOString() };

/**
 * A page of a site's customers, biggest MRR first (no MRR last), with their latest scores (kept
 * at ingest in customer_scores) and risk. Keyset paging on (MRR, id).
 */
export async function listCustomers(
  db: Db,
  siteId: string,
  f: {
    q?: string;
    plan?: string;
    risk?: 'high' | 'watch' | 'any';
    cursor?: { key: number; id: string };
    limit: number;
  },
): Promise<CustomerList> {
  const where = ['c.site_id = ?'];
  const params: SqlValue[] = [siteId];
  if (f.q) {
    const like = toContainsPattern(f.q);
    where.push(
      `(lower(c.id) LIKE ? ESCAPE '\\' OR lower(c.email) LIKE ? ESCAPE '\\' OR lower(c.name) LIKE ? ESCAPE '\\' OR lower(c.account) LIKE ? ESCAPE '\\')`,
    );
    params.push(like, like, like, like);
  }
  if (f.plan) {
    where.push('c.plan = ?');
    params.push(f.plan);
  }
  if (f.risk === 'high') where.push(HIGH);
  if (f.risk === 'watch') where.push(`NOT ${HIGH} AND ${WATCH}`);
  if (f.risk === 'any') where.push(`(${HIGH} OR ${WATCH})`);
  if (f.cursor) {
    where.push('(COALESCE(c.mrr, -1) < ? OR (COALESCE(c.mrr, -1) = ? AND c.id > ?))');
    params.push(f.cursor.key, f.cursor.key, f.cursor.id);
  }
  const join = (alias: string, qtype: string) =>
    `LEFT JOIN customer_scores ${alias} ON ${alias}.site_id = c.site_id AND ${alias}.customer_id = c.id AND ${alias}.qtype = '${qtype}'`;
  const rows = await db.all<Row>(
    `SELECT c.id, c.email, c.name, c.account, c.plan, c.mrr, c.currency, c.churned_at,
       n.latest AS nps, n.latest_at AS nps_at, n.prev AS nps_prev, s.latest AS csat, s.latest_at AS csat_at,
       e.latest AS ces, e.latest_at AS ces_at, COALESCE(c.mrr, -1) AS sort_key
     FROM customers c ${join('n', 'nps')} ${join('s', 'csat')} ${join('e', 'ces')}
     WHERE ${where.join(' AND ')}
     ORDER BY COALESCE(c.mrr, -1) DESC, c.id LIMIT ${f.limit + 1}`,
    params,
  );
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return {
    customers: page.map((r) => ({
      id: r.id,
      email: r.email,
      name: r.name,
      account: r.account,
      plan: r.plan,
      mrr: r.mrr,
      currency: r.currency,
      churnedAt: r.churned_at == null ? null : new Date(r.churned_at).toISOString(),
      latest: { nps: score(r.nps, r.nps_at), csat: score(r.csat, r.csat_at), ces: score(r.ces, r.ces_at) },
      risk: describeRisk(r),
    })),
    nextCursor: rows.length > f.limit && last ? encodeCursor(last.sort_key, last.id) : null,
  };
}
