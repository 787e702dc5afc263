import {
  AtRiskQuerySchema,
  AtRiskSchema,
  DigestQuerySchema,
  DriversQuerySchema,
  DriversSchema,
  JourneySchema,
  MoversQuerySchema,
  MoversSchema,
  RankingQuerySchema,
  RankingSchema,
  ReportFilterSchema,
  SummarySchema,
  SurveyResultsQuerySchema,
  SurveyResultsSchema,
  ThemesSchema,
  TimeseriesQuerySchema,
  TimeseriesSchema,
  ValueSchema,
} from '@moments/shared';
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import { NotFoundError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { validateQuery } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { loadSite } from '../sites/routes.js';
import { findSurvey } from '../surveys/queries.js';
import { digestToHtml, digestToMarkdown, getDigest } from './digest.js';
import { getDrivers } from './drivers.js';
import { getJourney } from './journey.js';
import { getMovers, getRanking } from './ranking.js';
import { getSummary } from './summary.js';
import { getSurveyResults } from './survey-results.js';
import { getThemes } from './themes.js';
import { getTimeseries } from './timeseries.js';
import { getValueReport } from './value.js';
import { getValueAtRisk, toAtRiskCsv } from './value-at-risk.js';

export function createReportRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('/v1/sites/:id/reports/*', requireRole(deps, ['admin']));

  app.get(
    '/v1/sites/:id/reports/summary',
    describeRoute({ summary: 'NPS, CSAT, CES, response rate', auth: ['admin'], ok: [200, SummarySchema] }),
    validateQuery(ReportFilterSchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await getSummary(deps.db, site.id, c.req.valid('query'), site.minSample));
    },
  );

  app.get(
    '/v1/sites/:id/reports/timeseries',
    describeRoute({
      summary: 'A metric per day, week or month',
      auth: ['admin'],
      ok: [200, TimeseriesSchema],
    }),
    validateQuery(TimeseriesQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await getTimeseries(deps.db, site.id, c.req.valid('query'), site.minSample));
    },
  );
  app.get(
    '/v1/sites/:id/reports/ranking',
    describeRoute({
      summary: 'Groups ranked with n, 95% intervals and change; small groups listed as insufficient',
      auth: ['admin'],
      ok: [200, RankingSchema],
    }),
    validateQuery(RankingQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await getRanking(deps.db, site.id, c.req.valid('query')));
    },
  );

  app.get(
    '/v1/sites/:id/reports/movers',
    describeRoute({
      summary: 'Most improved groups, and real drops that need attention',
      auth: ['admin'],
      ok: [200, MoversSchema],
    }),
    validateQuery(MoversQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await getMovers(deps.db, site.id, c.req.valid('query')));
    },
  );
  app.get(
    '/v1/sites/:id/reports/value/at-risk',
    describeRoute({
      summary:
        'The customers behind revenue at risk, biggest MRR first: a page (limit, offset), or every one as CSV',
      auth: ['admin'],
      ok: [200, AtRiskSchema],
    }),
    validateQuery(AtRiskQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      const q = c.req.valid('query');
      if (q.format === 'csv') {
        // The whole list unless a page is asked for: the download is every customer at risk.
        const r = await getValueAtRisk(deps.db, site.id, q);
        return c.body(toAtRiskCsv(r), 200, {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="at-risk-${site.id}.csv"`,
        });
      }
      return c.json(await getValueAtRisk(deps.db, site.id, { ...q, limit: q.limit ?? 100 }));
    },
  );
  app.get(
    '/v1/sites/:id/reports/questions',
    describeRoute({
      summary: "A survey's answers question by question: distributions, option shares, comments",
      auth: ['admin'],
      ok: [200, SurveyResultsSchema],
    }),
    validateQuery(SurveyResultsQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      const q = c.req.valid('query');
      const survey = await findSurvey(deps.db, q.surveyId);
      if (!survey || survey.siteId !== site.id) throw new NotFoundError('Survey');
      return c.json(await getSurveyResults(deps.db, site.id, survey, q));
    },
  );
  app.get(
    '/v1/sites/:id/reports/value',
    describeRoute({
      summary: 'Revenue-weighted NPS, revenue at risk, churn, MRR, lifetime value, CAC and CSC by band',
      auth: ['admin'],
      ok: [200, ValueSchema],
    }),
    validateQuery(ReportFilterSchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await getValueReport(deps.db, site.id, site.valueSettings, c.req.valid('query')));
    },
  );
  app.get(
    '/v1/sites/:id/reports/journey',
    describeRoute({
      summary: 'Moments in funnel order: scores, response rate, conversion to the next moment by score band',
      auth: ['admin'],
      ok: [200, JourneySchema],
    }),
    validateQuery(ReportFilterSchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await getJourney(deps.db, site.id, c.req.valid('query'), site.minSample));
    },
  );
  app.get(
    '/v1/sites/:id/reports/drivers',
    describeRoute({
      summary:
        "Each driver's relative importance for NPS or CSAT (Johnson's relative weights), mean and quadrant",
      auth: ['admin'],
      ok: [200, DriversSchema],
    }),
    validateQuery(DriversQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      const drivers = await getDrivers(deps.db, site.id, c.req.valid('query'));
      if (!drivers) throw new NotFoundError('Survey');
      return c.json(drivers);
    },
  );
  app.get(
    '/v1/sites/:id/reports/themes',
    describeRoute({
      summary: 'Recurring themes in text answers: count, share, mean score, sentiment, quotes',
      auth: ['admin'],
      ok: [200, ThemesSchema],
    }),
    validateQuery(ReportFilterSchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await getThemes(deps.db, site.id, c.req.valid('query'), deps.readTexts));
    },
  );
  app.get(
    '/v1/sites/:id/reports/digest',
    describeRoute({
      summary:
        'The week in review as JSON, Markdown or HTML (also sent to digest.weekly webhooks on Mondays)',
      auth: ['admin'],
      ok: [200, null],
    }),
    validateQuery(DigestQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      const q = c.req.valid('query');
      const digest = await getDigest(deps.db, site, q.to, deps.readTexts);
      if (q.format === 'markdown')
        return c.body(digestToMarkdown(digest), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
      if (q.format === 'html') return c.html(digestToHtml(digest));
      return c.json(digest);
    },
  );
  return app;
}
