import type { ReportFilter } from '@moments/shared';
import type { SqlValue } from '../db/index.js';
import { resolvePeriod } from './period.js';

/**
 * The WHERE clause for a report's period and filters. `answers` and `responses` share these
 * column names, so one builder serves both.
 */
export function buildReportWhere(siteId: string, f: ReportFilter, now = Date.now()) {
  const { from, to } = resolvePeriod(f, now);
  const clauses = ['site_id = ?', 'created_at >= ?', 'created_at < ?'];
  const params: SqlValue[] = [siteId, from, to];
  const add = (sql: string, ...values: SqlValue[]) => {
    clauses.push(sql);
    params.push(...values);
  };
  if (f.surveyId) add('survey_id = ?', f.surveyId);
  if (f.moment) add('moment = ?', f.moment);
  if (f.team) add('team = ?', f.team);
  if (f.agent) add('agent = ?', f.agent);
  if (f.plan) add('customer_id IN (SELECT id FROM customers WHERE site_id = ? AND plan = ?)', siteId, f.plan);
  return { where: clauses.join(' AND '), params, from, to };
}
