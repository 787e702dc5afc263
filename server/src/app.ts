import { MAX_BODY_BYTES } from '@moments/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { createAudienceRoutes } from './audience/routes.js';
import { createAdminTokenRoutes } from './auth/admin-token-routes.js';
import { createFailedAuthThrottle } from './auth/failed-auth-throttle.js';
import { createCustomerRoutes } from './customers/routes.js';
import { createDashboardRoutes } from './dashboard/routes.js';
import { isDatabaseReady } from './db/ready.js';
import { createDemoCrmRoutes } from './demo/crm-page.js';
import { createDemoShopRoutes } from './demo/shop-page.js';
import type { AppEnv, Deps } from './env.js';
import { createFollowUpRoutes } from './followups/routes.js';
import { createAllowedMethods } from './http/allowed-methods.js';
import { limitBody } from './http/body-limit.js';
import { handleError, makeErrorBody } from './http/errors.js';
import { guardInput } from './http/guard-input.js';
import { createIngestRoutes } from './ingest/routes.js';
import { createStreamRoutes } from './live/stream-routes.js';
import { describeRoute } from './openapi/describe-route.js';
import { buildOpenApiDocument } from './openapi/document.js';
import { createReportRoutes } from './reports/routes.js';
import { allowOriginOfEarlyErrors } from './site-config/public-site.js';
import { createSiteConfigRoutes } from './site-config/routes.js';
import { createSiteRoutes } from './sites/routes.js';
import { createFaviconRoutes } from './static/favicon.js';
import { createWidgetRoutes } from './static/widget-files.js';
import { createSurveyRoutes } from './surveys/routes.js';
import { createTokenRoutes } from './tokens/routes.js';
import { createWebhookRoutes } from './webhooks/routes.js';

const HealthSchema = z.object({ ok: z.literal(true) });

/** The endpoints a site's public key calls from the browser (API.md, Public). */
const PUBLIC_PATHS = [
  '/v1/sites/:siteKey/config',
  ...['responses', 'displays', 'events'].map((k) => `/v1/sites/:siteKey/${k}`),
];

/** What an entry point must supply; the rest has defaults. */
export type AppDeps = Omit<Deps, 'failedAuthThrottle'> & Partial<Pick<Deps, 'failedAuthThrottle'>>;

/** The whole HTTP app, built from Web-standard APIs only; runtimes supply Deps. */
export function createApp(input: AppDeps) {
  const deps: Deps = {
    ...input,
    failedAuthThrottle: input.failedAuthThrottle ?? createFailedAuthThrottle(input.db),
  };
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  const allowedMethods = createAllowedMethods(() => app.routes);
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    if (!allowed.length)
      return c.json(makeErrorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404);
    c.header('Allow', allowed.join(', '));
    return c.json(
      makeErrorBody('method_not_allowed', `${c.req.path} takes ${allowed.join(', ')}, not ${c.req.method}`),
      405,
    );
  });
  // First: a public endpoint's 413 or 400 from the limits below is readable by an allowed origin.
  for (const path of PUBLIC_PATHS) app.use(path, allowOriginOfEarlyErrors(deps));
  app.use('/v1/*', limitBody(MAX_BODY_BYTES));
  // The sign-in body is one token; limits come before guardInput, which reads the body.
  app.use('/app/session', limitBody(4096));
  app.use('*', guardInput());

  // Liveness: touches nothing. Readiness: the database answers.
  app.get(
    '/healthz',
    describeRoute({ summary: 'Alive (touches no database)', auth: ['public'], ok: [200, HealthSchema] }),
    (c) => c.json({ ok: true }),
  );
  app.get(
    '/readyz',
    describeRoute({
      summary: 'Ready: the database answers (503 with Retry-After when not)',
      auth: ['public'],
      ok: [200, HealthSchema],
    }),
    async (c) => {
      if (await isDatabaseReady(deps.db)) return c.json({ ok: true });
      c.header('Retry-After', '5');
      return c.json(makeErrorBody('unavailable', 'The database is unavailable'), 503);
    },
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
  app.route('/', createAdminTokenRoutes(deps));
  app.route('/', createReportRoutes(deps));
  app.route('/', createAudienceRoutes(deps));
  app.route('/', createFollowUpRoutes(deps));
  app.route('/', createStreamRoutes(deps));
  app.route('/', createWebhookRoutes(deps));
  app.route('/', createWidgetRoutes(deps));
  app.route('/', createDashboardRoutes(deps));
  app.route('/', createFaviconRoutes());
  if (deps.demo) {
    app.route('/', createDemoShopRoutes(deps));
    app.route('/', createDemoCrmRoutes(deps));
  }
  return app;
}
