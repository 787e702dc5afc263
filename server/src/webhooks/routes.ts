import { WebhookCreateSchema, WebhookDeliverySchema, WebhookSchema } from '@moments/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { loadSite } from '../sites/routes.js';
import { assertPublicWithoutLookup, ForbiddenTargetError } from './public-address.js';
import { deleteWebhook, findWebhook, insertWebhook, listDeliveries, listWebhooks } from './queries.js';

/** 400 for a URL whose host is, or resolves to, an address webhooks may not reach. */
async function assertPublicTarget(deps: Deps, url: string): Promise<void> {
  try {
    const target = new URL(url);
    if (deps.checkWebhookTarget) await deps.checkWebhookTarget(target);
    else assertPublicWithoutLookup(target);
  } catch (err) {
    if (!(err instanceof ForbiddenTargetError)) throw err;
    throw new ValidationError(
      [
        {
          path: 'url',
          message:
            'must reach the public internet, not a loopback, private, link-local or metadata address: give the public https address of the receiver (for a receiver on this machine while developing, start the server with MOMENTS_WEBHOOK_ALLOW_PRIVATE=1)',
        },
      ],
      'The webhook URL is not allowed',
    );
  }
}

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
      description:
        'A URL whose host is, or resolves to, a loopback, private, link-local or metadata address is refused (400) unless MOMENTS_WEBHOOK_ALLOW_PRIVATE=1; deliveries connect only to the address checked, follow no redirect, and log a generic reason (timeout, connection failed, HTTP n).',
      auth: ['admin'],
      ok: [201, WebhookSchema],
    }),
    validateJson(WebhookCreateSchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      const body = c.req.valid('json');
      if (!deps.webhookAllowPrivate) await assertPublicTarget(deps, body.url);
      return c.json(await insertWebhook(deps.db, site.id, body), 201);
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
