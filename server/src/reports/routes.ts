import {
  DigestQuerySchema,
  DriversQuerySchema,
  MoversQuerySchema,
  RankingQuerySchema,
  ReportFilterSchema,
  TimeseriesQuerySchema,
} from '@moments/shared';
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv, Deps } from '../env.js';
import { NotFoundError } from '../http/errors.js';
import { validateQuery } from '../http/validate.js';
import { loadSite } from '../sites/routes.js';
import { digestToHtml, digestToMarkdown, getDigest } from './digest.js';
import { getDrivers } from './drivers.js';
import { getJourney } from './journey.js';
import { getMovers, getRanking } from './ranking.js';
import { getSummary } from './summary.js';
import { getThemes } from './themes.js';
import { getTimeseries } from './timeseries.js';
import { getValueReport } from './value.js';

export function createReportRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('/v1/sites/:id/reports/*', requireRole(deps, ['admin']));

  app.get('/v1/sites/:id/reports/summary', validateQuery(ReportFilterSchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json(await getSummary(deps.db, site.id, c.req.valid('query'), site.minSample));
  });

  app.get('/v1/sites/:id/reports/timeseries', validateQuery(TimeseriesQuerySchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json(await getTimeseries(deps.db, site.id, c.req.valid('query'), site.minSample));
  });
  app.get('/v1/sites/:id/reports/ranking', validateQuery(RankingQuerySchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json(await getRanking(deps.db, site.id, c.req.valid('query')));
  });

  app.get('/v1/sites/:id/reports/movers', validateQuery(MoversQuerySchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json(await getMovers(deps.db, site.id, c.req.valid('query')));
  });
  app.get('/v1/sites/:id/reports/value', validateQuery(ReportFilterSchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json(await getValueReport(deps.db, site.id, site.valueSettings, c.req.valid('query')));
  });
  app.get('/v1/sites/:id/reports/journey', validateQuery(ReportFilterSchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json(await getJourney(deps.db, site.id, c.req.valid('query'), site.minSample));
  });
  app.get('/v1/sites/:id/reports/drivers', validateQuery(DriversQuerySchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    const drivers = await getDrivers(deps.db, site.id, c.req.valid('query'));
    if (!drivers) throw new NotFoundError('Survey');
    return c.json(drivers);
  });
  app.get('/v1/sites/:id/reports/themes', validateQuery(ReportFilterSchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json(await getThemes(deps.db, site.id, c.req.valid('query')));
  });
  app.get('/v1/sites/:id/reports/digest', validateQuery(DigestQuerySchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    const q = c.req.valid('query');
    const digest = await getDigest(deps.db, site, q.to);
    if (q.format === 'markdown')
      return c.body(digestToMarkdown(digest), 200, { 'Content-Type': 'text/markdown; charset=utf-8' });
    if (q.format === 'html') return c.html(digestToHtml(digest));
    return c.json(digest);
  });
  return app;
}
