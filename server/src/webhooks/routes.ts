import { WebhookCreateSchema } from '@moments/shared';
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import { loadSite } from '../sites/routes.js';
import { deleteWebhook, findWebhook, insertWebhook, listDeliveries, listWebhooks } from './queries.js';
import { ForbiddenTargetError, resolvePublicAddresses } from './target.js';

/** 400 for a URL whose host is, or resolves to, an address webhooks may not reach. */
async function assertPublicTarget(url: string): Promise<void> {
  try {
    await resolvePublicAddresses(new URL(url));
  } catch (err) {
    if (!(err instanceof ForbiddenTargetError)) throw err;
    throw new ValidationError(
      [{ path: 'url', message: 'must not point to a loopback, private, link-local or metadata address' }],
      'The webhook URL is not allowed',
    );
  }
}

export function createWebhookRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const admin = requireRole(deps, ['admin']);
  app.use('/v1/sites/:id/webhooks', admin);
  app.use('/v1/webhooks/*', admin);

  app.post('/v1/sites/:id/webhooks', validateJson(WebhookCreateSchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    const body = c.req.valid('json');
    if (!deps.webhookAllowPrivate) await assertPublicTarget(body.url);
    return c.json(await insertWebhook(deps.db, site.id, body), 201);
  });

  app.get('/v1/sites/:id/webhooks', async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json({ webhooks: await listWebhooks(deps.db, site.id) });
  });

  app.delete('/v1/webhooks/:id', async (c) => {
    if (!(await deleteWebhook(deps.db, c.req.param('id')))) throw new NotFoundError('Webhook');
    return c.body(null, 204);
  });

  app.get('/v1/webhooks/:id/deliveries', async (c) => {
    if (!(await findWebhook(deps.db, c.req.param('id')))) throw new NotFoundError('Webhook');
    return c.json({ deliveries: await listDeliveries(deps.db, c.req.param('id')) });
  });
  return app;
}
