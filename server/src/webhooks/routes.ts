import { WebhookCreateSchema, WebhookDeliverySchema, WebhookSchema } from '@moments/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import { NotFoundError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { loadSite } from '../sites/routes.js';
import { deleteWebhook, findWebhook, insertWebhook, listDeliveries, listWebhooks } from './queries.js';

export function createWebhookRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const admin = requireRole(deps, ['admin']);
  app.use('/v1/sites/:id/webhooks', admin);
  app.use('/v1/webhooks/*', admin);

  app.post(
    '/v1/sites/:id/webhooks',
    describeRoute({
      summary:
        'Add a signed webhook (response.created, response.updated, followup.opened, followup.resolved)',
      auth: ['admin'],
      ok: [201, WebhookSchema],
    }),
    validateJson(WebhookCreateSchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await insertWebhook(deps.db, site.id, c.req.valid('json')), 201);
    },
  );

  app.get(
    '/v1/sites/:id/webhooks',
    describeRoute({
      summary: 'List webhooks',
      auth: ['admin'],
      ok: [200, z.object({ webhooks: z.array(WebhookSchema) })],
    }),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json({ webhooks: await listWebhooks(deps.db, site.id) });
    },
  );

  app.delete(
    '/v1/webhooks/:id',
    describeRoute({ summary: 'Remove a webhook', auth: ['admin'], ok: [204, null] }),
    async (c) => {
      if (!(await deleteWebhook(deps.db, c.req.param('id')))) throw new NotFoundError('Webhook');
      return c.body(null, 204);
    },
  );

  app.get(
    '/v1/webhooks/:id/deliveries',
    describeRoute({
      summary: 'The delivery log: status, attempts, last HTTP status or error',
      auth: ['admin'],
      ok: [200, z.object({ deliveries: z.array(WebhookDeliverySchema) })],
    }),
    async (c) => {
      if (!(await findWebhook(deps.db, c.req.param('id')))) throw new NotFoundError('Webhook');
      return c.json({ deliveries: await listDeliveries(deps.db, c.req.param('id')) });
    },
  );
  return app;
}
