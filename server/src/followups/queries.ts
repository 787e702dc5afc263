import type { FollowUp, FollowUpStatus } from '@moments/shared';
import type { Db, Queryable, SqlValue } from '../db/index.js';

type Row = {
  id: string;
  site_id: string;
  response_id: string;
  customer_id: string | null;
  status: FollowUpStatus;
  reason: string;
  assignee: string | null;
  note: string | null;
  opened_at: number;
  updated_at: number;
  customer_email?: string | null;
};

export function toFollowUp(r: Row): FollowUp {
  return {
    id: r.id,
    siteId: r.site_id,
    responseId: r.response_id,
    customerId: r.customer_id,
    status: r.status,
    reason: r.reason,
    assignee: r.assignee,
    note: r.note,
    openedAt: new Date(r.opened_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    ...(r.customer_email !== undefined ? { customerEmail: r.customer_email } : {}),
  };
}

export async function findFollowUp(q: Queryable, id: string): Promise<FollowUp | undefined> {
  const r = await q.get<Row>('SELECT * FROM followups WHERE id = ?', [id]);
  return r && toFollowUp(r);
}

export async function listFollowUpHistory(db: Db, id: string) {
  const rows = await db.all<{ at: number; actor: string; change: string }>(
    'SELECT at, actor, change FROM followup_changes WHERE followup_id = ? ORDER BY at, id',
    [id],
  );
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    change: JSON.parse(r.change),
  }));
}

/** Follow-ups of the given sites, newest first, with the customer's email when known. */
type FollowUpFilter = { status: string; customer?: string; limit: number };

/** `WHERE …` and its parameters for the follow-ups a filter keeps, in the sites given (every site when undefined). */
function followUpWhere(siteIds: string[] | undefined, f: FollowUpFilter) {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (siteIds) {
    where.push(siteIds.length ? `site_id IN (${siteIds.map(() => '?').join(', ')})` : '1 = 0');
    params.push(...siteIds);
  }
  if (f.status === 'unresolved') where.push("status <> 'resolved'");
  else if (f.status !== 'all') {
    where.push('status = ?');
    params.push(f.status);
  }
  if (f.customer) {
    where.push('customer_id = ?');
    params.push(f.customer);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export async function listFollowUps(
  db: Db,
  siteIds: string[] | undefined,
  f: FollowUpFilter,
): Promise<FollowUp[]> {
  if (siteIds && !siteIds.length) return [];
  const where = followUpWhere(siteIds, f);
  const rows = await db.all<Row>(
    `SELECT *, (SELECT email FROM customers c WHERE c.site_id = followups.site_id AND c.id = followups.customer_id) AS customer_email
     FROM followups ${where.sql} ORDER BY opened_at DESC, id LIMIT ${f.limit}`,
    where.params,
  );
  return rows.map(toFollowUp);
}

/** How many follow-ups the filter keeps in all (the list gives the newest `limit` of them). */
export async function countFollowUps(
  db: Db,
  siteIds: string[] | undefined,
  f: FollowUpFilter,
): Promise<number> {
  if (siteIds && !siteIds.length) return 0;
  const where = followUpWhere(siteIds, f);
  const row = await db.get<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM followups ${where.sql}`,
    where.params,
  );
  return Number(row?.n ?? 0);
}
