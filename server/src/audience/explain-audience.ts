import { type Audience, explainEligibility } from '@moments/shared';
import type { Db } from '../db/index.js';
import { ConflictError } from '../domain/errors.js';
import { getFunnelOrder } from '../reports/journey.js';
import { getContactHistory, type Subject } from '../site-config/eligibility.js';
import type { SiteRecord } from '../sites/queries.js';
import { listSurveys } from '../surveys/queries.js';

/**
 * The customer a person typed: their id, or an email held by exactly one customer of the site
 * (an email two customers hold is a conflict: the id tells them apart).
 */
export async function resolveCustomerRef(db: Db, siteId: string, typed: string): Promise<string> {
  if (!typed.includes('@')) return typed;
  if (await db.get('SELECT 1 AS x FROM customers WHERE site_id = ? AND id = ?', [siteId, typed]))
    return typed;
  const rows = await db.all<{ id: string }>(
    'SELECT id FROM customers WHERE site_id = ? AND lower(email) = lower(?) LIMIT 2',
    [siteId, typed],
  );
  if (rows.length > 1) throw new ConflictError('That email is held by more than one customer: give their id');
  return rows[0]?.id ?? typed;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/**
 * Who would see what: for one customer or anonymous visitor, each survey at each moment, whether
 * it would show now under the site's contact policy (the same rules the widget and /config apply)
 * and why not. Drafts and paused surveys are listed too, with that as their reason.
 */
export async function explainAudience(db: Db, site: SiteRecord, who: Subject): Promise<Audience> {
  const now = Date.now();
  const [surveys, history, customer, funnel] = await Promise.all([
    listSurveys(db, site.id),
    getContactHistory(db, site.id, who, now),
    'customerId' in who
      ? db.get<{ email: string | null }>('SELECT email FROM customers WHERE site_id = ? AND id = ?', [
          site.id,
          who.customerId,
        ])
      : Promise.resolve(undefined),
    getFunnelOrder(db, site.id),
  ]);
  const subjectId = 'customerId' in who ? who.customerId : who.anonymousId;
  const verdicts = explainEligibility(surveys, site.contactPolicy, history, subjectId, now);
  // In funnel order, as the Journey lists them (moments no customer reached yet after, by name).
  const place = (m: string) => (funnel.includes(m) ? funnel.indexOf(m) : funnel.length);
  const moments = [...new Set(surveys.map((s) => s.moment))].sort(
    (a, b) => place(a) - place(b) || (a < b ? -1 : 1),
  );
  const seen =
    customer !== undefined ||
    history.lastContactAt !== undefined ||
    history.optedOut ||
    Object.keys(history.lastShownAt).length > 0;
  return {
    subject: {
      customer: 'customerId' in who ? who.customerId : null,
      anonymousId: 'anonymousId' in who ? who.anonymousId : null,
      known: seen,
      email: customer?.email ?? null,
    },
    contacts: {
      lastContactAt: iso(history.lastContactAt),
      shownLast30Days: history.shownLast30Days,
      optedOut: history.optedOut,
    },
    policy: site.contactPolicy,
    moments: moments.map((moment) => ({
      moment,
      surveys: surveys
        .filter((s) => s.moment === moment)
        .sort((a, b) => b.priority - a.priority)
        .map((s) => {
          const v = verdicts.find((x) => x.surveyId === s.id)!;
          return {
            surveyId: s.id,
            name: s.name,
            status: s.status,
            priority: s.priority,
            shows: v.shows,
            reasons: v.reasons,
          };
        }),
    })),
  };
}
