import { type ContactHistory, getEligibleSurveyIds, type Survey } from '@moments/shared';
import type { Db } from '../db/index.js';
import type { SiteRecord } from '../sites/queries.js';

const MONTH_MS = 30 * 86_400_000;

/** Whose history: a customer (across devices) or one anonymous visitor. */
export type Subject = { customerId: string } | { anonymousId: string };

/** The contact history of one customer or visitor, from displays and responses, aggregated in SQL. */
export async function getContactHistory(db: Db, siteId: string, who: Subject, now: number) {
  // Two fixed column names, never input: the value is bound.
  const column = 'customerId' in who ? 'customer_id' : 'anonymous_id';
  const id = 'customerId' in who ? who.customerId : who.anonymousId;
  const [shown, answered, recent] = await Promise.all([
    db.all<{ survey_id: string; kind: string; last: number }>(
      `SELECT survey_id, kind, MAX(created_at) AS last FROM displays
       WHERE site_id = ? AND ${column} = ? GROUP BY survey_id, kind`,
      [siteId, id],
    ),
    // A customer's answers still waiting in SQLite's inbox count too (ingest/inbox.ts).
    db.all<{ survey_id: string; last: number }>(
      `SELECT survey_id, MAX(created_at) AS last FROM (
         SELECT survey_id, created_at FROM responses WHERE site_id = ? AND ${column} = ?
         ${column === 'customer_id' ? 'UNION ALL SELECT survey_id, created_at FROM response_inbox WHERE site_id = ? AND customer_id = ?' : ''}
       ) t GROUP BY survey_id`,
      column === 'customer_id' ? [siteId, id, siteId, id] : [siteId, id],
    ),
    db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM displays WHERE site_id = ? AND ${column} = ? AND kind = 'shown' AND created_at >= ?`,
      [siteId, id, now - MONTH_MS],
    ),
  ]);
  const history: ContactHistory = {
    shownLast30Days: recent?.n ?? 0,
    optedOut: shown.some((r) => r.kind === 'opted_out'),
    lastShownAt: {},
    lastAnsweredAt: {},
  };
  for (const r of shown) {
    if (r.kind === 'shown')
      history.lastShownAt[r.survey_id] = Math.max(history.lastShownAt[r.survey_id] ?? 0, r.last);
  }
  for (const r of answered) history.lastAnsweredAt[r.survey_id] = r.last;
  const times = [...shown.filter((r) => r.kind === 'shown'), ...answered].map((r) => r.last);
  if (times.length) history.lastContactAt = Math.max(...times);
  return history;
}

/** Survey ids the customer may be shown now under the site's contact policy. */
export async function getEligibleForCustomer(
  db: Db,
  site: SiteRecord,
  surveys: Survey[],
  customerId: string,
) {
  const now = Date.now();
  const history = await getContactHistory(db, site.id, { customerId }, now);
  return getEligibleSurveyIds(surveys, site.contactPolicy, history, customerId, now);
}
