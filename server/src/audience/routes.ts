import { AudienceQuerySchema } from '@moments/shared';
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv, Deps } from '../env.js';
import { validateQuery } from '../http/validate.js';
import { loadSite } from '../sites/routes.js';
import { explainAudience } from './explain-audience.js';

export function createAudienceRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('/v1/sites/:id/audience', requireRole(deps, ['admin']));
  app.get('/v1/sites/:id/audience', validateQuery(AudienceQuerySchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    const q = c.req.valid('query');
    const who = q.customer ? { customerId: q.customer } : { anonymousId: q.anonymousId! };
    return c.json(await explainAudience(deps.db, site, who));
  });
  return app;
}
