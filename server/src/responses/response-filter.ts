import { getBandMetric, getBandSql, type ResponseFilter } from '@moments/shared';
import type { SqlValue } from '../db/index.js';
import { toContainsPattern } from '../db/like.js';
import { resolvePeriod } from '../reports/period.js';

/** A filter after validation (flags already booleans). */
export type CheckedResponseFilter = Omit<ResponseFilter, 'hasComment' | 'complete'> & {
  hasComment?: boolean;
  complete?: boolean;
};

/**
 * The WHERE clause on `responses r` for a filter. Band, comment and text conditions look up the
 * response's own answers by their primary key (site_id, response_id, …), so each costs one seek a row.
 * Without `from` the period starts at the epoch: a list or an export means every response.
 */
export function buildResponseWhere(siteId: string, f: CheckedResponseFilter) {
  const { from, to } = resolvePeriod({ from: f.from ?? '1970-01-01T00:00:00Z', to: f.to });
  const clauses = ['r.site_id = ?', 'r.created_at >= ?', 'r.created_at < ?'];
  const params: SqlValue[] = [siteId, from, to];
  const add = (sql: string, ...values: SqlValue[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  const answer = (cond: string) =>
    `EXISTS (SELECT 1 FROM answers a WHERE a.site_id = r.site_id AND a.response_id = r.id AND ${cond})`;
  if (f.surveyId) add('r.survey_id = ?', f.surveyId);
  if (f.moment) add('r.moment = ?', f.moment);
  if (f.customer) add('r.customer_id = ?', f.customer);
  if (f.complete !== undefined) add('r.complete = ?', f.complete ? 1 : 0);
  if (f.band) {
    const metric = f.metric ?? getBandMetric(f.band);
    add(answer(`a.qtype = ? AND ${getBandSql(metric, 'a.value_num')} = ?`), metric, f.band);
  }
  if (f.hasComment === true) add(answer("a.qtype = 'text' AND a.value_text <> ''"));
  if (f.hasComment === false) clauses.push(`NOT ${answer("a.qtype = 'text' AND a.value_text <> ''")}`);
  if (f.q) add(answer("a.qtype = 'text' AND lower(a.value_text) LIKE ? ESCAPE '\\'"), toContainsPattern(f.q));
  return { where: clauses.join(' AND '), params };
}
