import { getBandMetric, getBandSql, type ResponseFilter } from '@moments/shared';
import type { Dialect, SqlValue } from '../db/index.js';
import { toContainsPattern } from '../db/like.js';
import { resolvePeriod } from '../reports/period.js';

/** A filter after validation (flags already booleans). */
export type CheckedResponseFilter = Omit<ResponseFilter, 'hasComment' | 'complete'> & {
  hasComment?: boolean;
  complete?: boolean;
};

/**
 * How a filter on a response's answers (band, comment, words) is checked:
 * - `exists`: a correlated EXISTS, planned as the database likes (the export, which reads all);
 * - `seek`: one primary-key seek into the row's answers, row by row as a list walks its index
 *   (`Dialect.rowByRow`): cheapest when matches are common, a page stops once it is full;
 * - `set`: the matching answers of the period read once (their own index), the responses joined
 *   to them: bounded by how many answers match, whatever how far apart they are.
 */
export type AnswerCheck = 'exists' | 'seek' | 'set';

/** Whether a filter looks into the answers (the list then walks a little, then reads the set). */
export const filtersAnswers = (f: CheckedResponseFilter) => !!f.band || f.hasComment !== undefined || !!f.q;

/**
 * The WHERE clause on `responses r` for a filter: the period, survey, moment, customer and
 * completion on the response itself; band, comment and words on its answers, checked as `check` says.
 * Without `from` the period starts at the epoch: a list or an export means every response.
 */
export function buildResponseWhere(
  d: Dialect,
  siteId: string,
  f: CheckedResponseFilter,
  check: AnswerCheck = 'exists',
) {
  const { from, to } = resolvePeriod({ from: f.from ?? '1970-01-01T00:00:00Z', to: f.to });
  const clauses = ['r.site_id = ?', 'r.created_at >= ?', 'r.created_at < ?'];
  const params: SqlValue[] = [siteId, from, to];
  const add = (sql: string, ...values: SqlValue[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  // An answer of the response meets `cond` (given the answer's type column to compare): answers
  // carry their response's site and time, so the set form reads only the period's answers of one
  // type from the index that leads with them. The correlated forms must seek the response's own few
  // answers by primary key: SQLite without ANALYZE statistics (every database the server made)
  // otherwise takes answers_metric for `site_id = ? AND qtype = ?`, and scans every answer of that
  // type of the site for each response, quadratic: 7.6 s for a page of 5,000 responses. Its `+`
  // before the column rules that index out; PostgreSQL keeps the plain column (it has no unary + on
  // text, and its statistics choose the key).
  const qtype = check !== 'set' && d.name === 'sqlite' ? '+a.qtype' : 'a.qtype';
  const answer = (cond: (qtype: string) => string, values: SqlValue[], present = true) => {
    if (check === 'set')
      add(
        `r.id ${present ? '' : 'NOT '}IN (SELECT a.response_id FROM answers a
           WHERE a.site_id = ? AND ${cond(qtype)} AND a.created_at >= ? AND a.created_at < ?)`,
        siteId,
        ...values,
        from,
        to,
      );
    else
      add(
        `${present ? '' : 'NOT '}EXISTS (SELECT 1 FROM answers a WHERE a.site_id = r.site_id AND a.response_id = r.id
           AND ${cond(qtype)}${check === 'seek' ? d.rowByRow : ''})`,
        ...values,
      );
  };
  if (f.surveyId) add('r.survey_id = ?', f.surveyId);
  if (f.moment) add('r.moment = ?', f.moment);
  if (f.customer) add('r.customer_id = ?', f.customer);
  if (f.complete !== undefined) add('r.complete = ?', f.complete ? 1 : 0);
  if (f.band) {
    const metric = f.metric ?? getBandMetric(f.band);
    answer((t) => `${t} = ? AND ${getBandSql(metric, 'a.value_num')} = ?`, [metric, f.band]);
  }
  if (f.hasComment !== undefined) answer((t) => `${t} = 'text' AND a.value_text <> ''`, [], f.hasComment);
  if (f.q)
    answer((t) => `${t} = 'text' AND lower(a.value_text) LIKE ? ESCAPE '\\'`, [toContainsPattern(f.q)]);
  return { where: clauses.join(' AND '), params };
}
