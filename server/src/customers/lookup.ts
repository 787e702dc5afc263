import type { Lookup, Metric } from '@moments/shared';
import type { Db } from '../db/index.js';
import { ConflictError } from '../domain/errors.js';

const HISTORY_LIMIT = 50;
const COMMENT_LIMIT = 5;
const MONTH_MS = 30.4375 * 86_400_000;

type CustomerRow = {
  site_id: string;
  id: string;
  email: string | null;
  name: string | null;
  account: string | null;
  plan: string | null;
  mrr: number | null;
  currency: string | null;
  acquired_at: number | null;
  churned_at: number | null;
  owner: string | null;
};

const iso = (ms: number) => new Date(ms).toISOString();

/** Finds the customer by id or email among the given sites (undefined: every site). */
async function findCustomer(db: Db, siteIds: string[] | undefined, q: { email?: string; id?: string }) {
  const where: string[] = [];
  const params: string[] = [];
  if (q.id) {
    where.push('id = ?');
    params.push(q.id);
  }
  if (q.email) {
    // The same on both databases, and what the customers_email index holds.
    where.push('lower(email) = lower(?)');
    params.push(q.email);
  }
  if (siteIds) {
    where.push(`site_id IN (${siteIds.map(() => '?').join(', ')})`);
    params.push(...siteIds);
  }
  const rows = await db.all<CustomerRow>(
    `SELECT site_id, id, email, name, account, plan, mrr, currency, acquired_at, churned_at, owner
     FROM customers WHERE ${where.join(' AND ')} ORDER BY updated_at DESC LIMIT 2`,
    params,
  );
  // By email alone, two customers are ambiguous: showing either could show one the other's answers.
  if (rows.length > 1 && !q.id)
    throw new ConflictError('More than one customer holds that email; look the customer up by id');
  return rows[0];
}

/** Revenue earned so far: MRR times the months from acquisition to churn (or now). */
function getRevenueToDate(c: CustomerRow, now: number): number | null {
  if (c.mrr == null || c.acquired_at == null) return null;
  const months = Math.max(0, ((c.churned_at ?? now) - c.acquired_at) / MONTH_MS);
  return Math.round(c.mrr * months * 100) / 100;
}

function assessRisk(history: Lookup['history'], c: CustomerRow): Lookup['risk'] {
  const reasons: string[] = [];
  const nps = history.filter((h) => h.metric === 'nps');
  const last = nps[nps.length - 1];
  if (last && last.value <= 6) reasons.push(`detractor (NPS ${last.value})`);
  const prev = nps[nps.length - 2];
  if (last && prev && last.value <= prev.value - 2)
    reasons.push(`NPS fell from ${prev.value} to ${last.value}`);
  const csat = history.filter((h) => h.metric === 'csat').at(-1);
  if (csat && csat.value <= 2) reasons.push(`unsatisfied (CSAT ${csat.value})`);
  if (c.churned_at != null) reasons.push('churned');
  const high = reasons.some((r) => r.startsWith('detractor') || r === 'churned');
  return { level: high ? 'high' : reasons.length ? 'watch' : 'none', reasons };
}

/**
 * Every moment the customer reached (a tracked event) or answered a survey at, latest first: the
 * latest score of each metric there, whether they answered there at all, and when they last did.
 * A moment reached and never answered is listed too, with `answered` false.
 */
function summarizeByMoment(
  history: Lookup['history'],
  answered: { moment: string; at: number }[],
  reached: { moment: string; at: number }[],
): Lookup['moments'] {
  const byMoment = new Map<string, Lookup['moments'][number]>();
  const row = (moment: string, at: string) => {
    const m = byMoment.get(moment) ?? {
      moment,
      nps: null,
      csat: null,
      ces: null,
      at,
      answered: false,
      reachedAt: null,
    };
    byMoment.set(moment, m);
    return m;
  };
  for (const h of history) {
    const m = row(h.moment, h.at);
    m[h.metric] = h.value;
    m.answered = true;
    if (h.at > m.at) m.at = h.at;
  }
  // Answers without a score (a comment, a choice), or older than the history's last scores.
  for (const a of answered) {
    const m = row(a.moment, iso(a.at));
    if (!m.answered || iso(a.at) > m.at) m.at = iso(a.at);
    m.answered = true;
  }
  for (const r of reached) {
    const m = row(r.moment, iso(r.at));
    m.reachedAt = iso(r.at);
    if (!m.answered) m.at = iso(r.at);
  }
  return [...byMoment.values()].sort((a, b) => (a.at < b.at ? 1 : -1));
}

/** Everything the agent's overlay shows about one customer, or undefined when unknown. */
export async function getCustomerLookup(
  db: Db,
  siteIds: string[] | undefined,
  q: { email?: string; id?: string },
): Promise<Lookup | undefined> {
  if (siteIds && !siteIds.length) return undefined;
  const c = await findCustomer(db, siteIds, q);
  if (!c) return undefined;
  const [scores, comments, followups, answered, reached] = await Promise.all([
    db.all<{ qtype: Metric; value_num: number; created_at: number; moment: string }>(
      `SELECT qtype, value_num, created_at, moment FROM answers
       WHERE site_id = ? AND customer_id = ? AND qtype IN ('nps', 'csat', 'ces')
       ORDER BY created_at DESC LIMIT ${HISTORY_LIMIT}`,
      [c.site_id, c.id],
    ),
    db.all<{ value_text: string; created_at: number; survey_id: string; moment: string }>(
      `SELECT value_text, created_at, survey_id, moment FROM answers
       WHERE site_id = ? AND customer_id = ? AND qtype = 'text' ORDER BY created_at DESC LIMIT ${COMMENT_LIMIT}`,
      [c.site_id, c.id],
    ),
    db.all<{
      id: string;
      status: string;
      reason: string;
      opened_at: number;
      assignee: string | null;
      note: string | null;
    }>(
      `SELECT id, status, reason, opened_at, assignee, note FROM followups
       WHERE site_id = ? AND customer_id = ? AND status <> 'resolved' ORDER BY opened_at DESC`,
      [c.site_id, c.id],
    ),
    // The moments they answered a survey at, and the moments they reached (tracked events).
    db.all<{ moment: string; at: number | string }>(
      `SELECT moment, MAX(created_at) AS at FROM responses WHERE site_id = ? AND customer_id = ? GROUP BY moment`,
      [c.site_id, c.id],
    ),
    db.all<{ moment: string; at: number | string }>(
      `SELECT name AS moment, MAX(created_at) AS at FROM events WHERE site_id = ? AND customer_id = ? GROUP BY name`,
      [c.site_id, c.id],
    ),
  ]);
  const toMs = (rows: { moment: string; at: number | string }[]) =>
    rows.map((r) => ({ moment: r.moment, at: Number(r.at) }));
  const history = scores
    .reverse()
    .map((s) => ({ metric: s.qtype, value: s.value_num, at: iso(s.created_at), moment: s.moment }));
  const latestOf = (m: Metric) => {
    const h = history.filter((x) => x.metric === m).at(-1);
    return h ? { value: h.value, at: h.at } : null;
  };
  return {
    customer: {
      id: c.id,
      siteId: c.site_id,
      email: c.email,
      name: c.name,
      account: c.account,
      plan: c.plan,
      mrr: c.mrr,
      currency: c.currency,
      lifetimeValue: getRevenueToDate(c, Date.now()),
      churnedAt: c.churned_at == null ? null : iso(c.churned_at),
      owner: c.owner,
    },
    latest: { nps: latestOf('nps'), csat: latestOf('csat'), ces: latestOf('ces') },
    history,
    moments: summarizeByMoment(history, toMs(answered), toMs(reached)),
    comments: comments.map((x) => ({
      text: x.value_text,
      at: iso(x.created_at),
      surveyId: x.survey_id,
      moment: x.moment,
    })),
    followups: followups.map((f) => ({
      id: f.id,
      status: f.status,
      reason: f.reason,
      openedAt: iso(f.opened_at),
      assignee: f.assignee,
      note: f.note,
    })),
    risk: assessRisk(history, c),
  };
}
