import { MAX_BODY_BYTES } from '@moments/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { createCustomerRoutes } from './customers/routes.js';
import { createDashboardRoutes } from './dashboard/routes.js';
import { createDemoCrmRoutes } from './demo/crm-page.js';
import { createDemoShopRoutes } from './demo/shop-page.js';
import type { AppEnv, Deps } from './env.js';
import { createFollowUpRoutes } from './followups/routes.js';
import { limitBody } from './http/body-limit.js';
import { handleError, makeErrorBody } from './http/errors.js';
import { createIngestRoutes } from './ingest/routes.js';
import { createStreamRoutes } from './live/stream-routes.js';
import { describeRoute } from './openapi/describe-route.js';
import { buildOpenApiDocument } from './openapi/document.js';
import { createReportRoutes } from './reports/routes.js';
import { createSiteConfigRoutes } from './site-config/routes.js';
import { createSiteRoutes } from './sites/routes.js';
import { createWidgetRoutes } from './static/widget-files.js';
import { createSurveyRoutes } from './surveys/routes.js';
import { createTokenRoutes } from './tokens/routes.js';
import { createWebhookRoutes } from './webhooks/routes.js';

const HealthSchema = z.object({ ok: z.literal(true) });

/** The whole HTTP app, built from Web-standard APIs only; runtimes supply Deps. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound((c) => c.json(makeErrorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404));
  app.use('/v1/*', limitBody(MAX_BODY_BYTES));

  app.get(
    '/healthz',
    describeRoute({ summary: 'Alive (touches no database)', auth: ['public'], ok: [200, HealthSchema] }),
    (c) => c.json({ ok: true }),
  );
  let openapi: ReturnType<typeof buildOpenApiDocument>['document'] | undefined;
  app.get(
    '/v1/openapi.json',
    describeRoute({ summary: 'This document', auth: ['public'], ok: [200, null] }),
    // Built on first request, from every route registered by then.
    (c) => {
      openapi ??= buildOpenApiDocument(app.routes).document;
      return c.json(openapi);
    },
  );

  app.route('/', createSiteConfigRoutes(deps));
  app.route('/', createIngestRoutes(deps));
  app.route('/', createSiteRoutes(deps));
  app.route('/', createSurveyRoutes(deps));
  app.route('/', createCustomerRoutes(deps));
  app.route('/', createTokenRoutes(deps));
  app.route('/', createReportRoutes(deps));
  app.route('/', createFollowUpRoutes(deps));
  app.route('/', createStreamRoutes(deps));
  app.route('/', createWebhookRoutes(deps));
  app.route('/', createWidgetRoutes(deps));
  app.route('/', createDashboardRoutes(deps));
  if (deps.demo) {
    app.route('/', createDemoShopRoutes(deps));
    app.route('/', createDemoCrmRoutes(deps));
  }
  return app;
}
