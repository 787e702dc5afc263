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
  tier: number;
};

/**
 * The same rules as the agent's lookup: a detractor or a churned customer is high risk; an NPS that
 * fell by 2 or more, or an unsatisfied CSAT, is one to watch. With `since`, a score answered before
 * it flags nothing (as the value report reads a period's latest NPS). Each test is false, not NULL,
 * for a customer without that score, so NOT of one never drops the customer.
 */
function riskSql(since: number | undefined) {
  const after = (alias: string) => (since == null ? '' : ` AND ${alias}.latest_at >= ${since}`);
  const detractor = `(n.latest IS NOT NULL AND n.latest <= 6${after('n')})`;
  const fell = `(n.latest IS NOT NULL AND n.prev IS NOT NULL AND n.latest <= n.prev - 2${after('n')})`;
  const unsatisfied = `(s.latest IS NOT NULL AND s.latest <= 2${after('s')})`;
  return {
    high: `(${detractor} OR c.churned_at IS NOT NULL)`,
    watch: `(${fell} OR ${unsatisfied})`,
  };
}

/** Active customers come first, those who churned after them: their revenue is lost, not at risk. */
const TIER = 'CASE WHEN c.churned_at IS NULL THEN 0 ELSE 1 END';

function describeRisk(r: Row, since: number | undefined): ListedCustomer['risk'] {
  const reasons: string[] = [];
  const inTime = (at: number | null) => since == null || (at != null && at >= since);
  const nps = r.nps != null && inTime(r.nps_at) ? r.nps : null;
  const csat = r.csat != null && inTime(r.csat_at) ? r.csat : null;
  if (nps != null && nps <= 6) reasons.push(`detractor (NPS ${nps})`);
  if (nps != null && r.nps_prev != null && nps <= r.nps_prev - 2)
    reasons.push(`NPS fell from ${r.nps_prev} to ${nps}`);
  if (csat != null && csat <= 2) reasons.push(`unsatisfied (CSAT ${csat})`);
  if (r.churned_at != null) reasons.push('churned');
  const high = (nps != null && nps <= 6) || r.churned_at != null;
  return { level: high ? 'high' : reasons.length ? 'watch' : 'none', reasons };
}

const score = (value: number | null, at: number | null) =>
  value == null || at == null ? null : { value, at: new Date(at).toISOString() };

/**
 * A page of a site's customers: active ones first, then those who churned, each biggest MRR first
 * (no MRR last), with their latest scores (kept at ingest in customer_scores) and risk, flagged
 * from the scores answered since `since` when given. Keyset paging on (tier, MRR, id).
 */
export async function listCustomers(
  db: Db,
  siteId: string,
  f: {
    q?: string;
    plan?: string;
    risk?: 'high' | 'watch' | 'any';
    since?: string;
    cursor?: { key: number; id: string; tier?: number };
    limit: number;
    withTotal?: boolean;
  },
): Promise<CustomerList> {
  const since = f.since == null ? undefined : Date.parse(f.since);
  const risk = riskSql(since);
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
  if (f.risk === 'high') where.push(risk.high);
  if (f.risk === 'watch') where.push(`NOT ${risk.high} AND ${risk.watch}`);
  if (f.risk === 'any') where.push(`(${risk.high} OR ${risk.watch})`);
  const filtered = { where: [...where], params: [...params] };
  if (f.cursor) {
    where.push(
      `(${TIER} > ? OR (${TIER} = ? AND (COALESCE(c.mrr, -1) < ? OR (COALESCE(c.mrr, -1) = ? AND c.id > ?))))`,
    );
    const tier = f.cursor.tier ?? 0;
    params.push(tier, tier, f.cursor.key, f.cursor.key, f.cursor.id);
  }
  const join = (alias: string, qtype: string) =>
    `LEFT JOIN customer_scores ${alias} ON ${alias}.site_id = c.site_id AND ${alias}.customer_id = c.id AND ${alias}.qtype = '${qtype}'`;
  const [rows, total] = await Promise.all([
    db.all<Row>(
      `SELECT c.id, c.email, c.name, c.account, c.plan, c.mrr, c.currency, c.churned_at,
       n.latest AS nps, n.latest_at AS nps_at, n.prev AS nps_prev, s.latest AS csat, s.latest_at AS csat_at,
       e.latest AS ces, e.latest_at AS ces_at, COALESCE(c.mrr, -1) AS sort_key, ${TIER} AS tier
     FROM customers c ${join('n', 'nps')} ${join('s', 'csat')} ${join('e', 'ces')}
     WHERE ${where.join(' AND ')}
     ORDER BY ${TIER}, COALESCE(c.mrr, -1) DESC, c.id LIMIT ${f.limit + 1}`,
      params,
    ),
    // Counted when asked only: a count reads every customer the filter keeps, a page only its own.
    !f.withTotal
      ? Promise.resolve(null)
      : db
          .get<{ n: number | string }>(
            `SELECT COUNT(*) AS n FROM customers c ${f.risk ? `${join('n', 'nps')} ${join('s', 'csat')}` : ''}
             WHERE ${filtered.where.join(' AND ')}`,
            filtered.params,
          )
          .then((r) => Number(r?.n ?? 0)),
  ]);
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
      risk: describeRisk(r, since),
    })),
    nextCursor:
      rows.length > f.limit && last
        ? encodeCursor(last.sort_key, last.id, Number(last.tier) ? 1 : undefined)
        : null,
    total,
  };
}
