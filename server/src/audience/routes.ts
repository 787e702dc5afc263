import { AudienceQuerySchema, AudienceSchema } from '@moments/shared';
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv, Deps } from '../env.js';
import { validateQuery } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { loadSite } from '../sites/routes.js';
import { explainAudience, resolveCustomerRef } from './explain-audience.js';

export function createAudienceRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('/v1/sites/:id/audience', requireRole(deps, ['admin']));
  app.get(
    '/v1/sites/:id/audience',
    describeRoute({
      summary: 'Which surveys would show now to a customer or anonymous visitor, at each moment, and why not',
      auth: ['admin'],
      ok: [200, AudienceSchema],
    }),
    validateQuery(AudienceQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      const q = c.req.valid('query');
      const who = q.customer
        ? { customerId: await resolveCustomerRef(deps.db, site.id, q.customer) }
        : { anonymousId: q.anonymousId! };
      return c.json(await explainAudience(deps.db, site, who));
    },
  );
  return app;
}
