import { DisplayBatchSchema, EventBatchSchema, ResponseBatchSchema } from '@moments/shared';
import { Hono } from 'hono';
import type { Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import { assertIdentities } from '../site-config/identity.js';
import { type PublicEnv, publicSite } from '../site-config/public-site.js';
import { saveResponses } from './save-responses.js';
import { saveDisplays, saveEvents } from './save-signals.js';

export function createIngestRoutes(deps: Deps) {
  const app = new Hono<PublicEnv>();
  // Only POST (and its preflight): GET …/responses is the admin export, keyed by site id.
  for (const kind of ['responses', 'displays', 'events']) {
    app.on(['POST', 'OPTIONS'], `/v1/sites/:siteKey/${kind}`, publicSite(deps));
  }

  app.post('/v1/sites/:siteKey/responses', validateJson(ResponseBatchSchema), async (c) => {
    const site = c.get('site');
    const { responses } = c.req.valid('json');
    await assertIdentities(
      site,
      responses.map((r) => r.customer),
    );
    return c.json(await saveResponses(deps.db, site, responses), 202);
  });

  app.post('/v1/sites/:siteKey/displays', validateJson(DisplayBatchSchema), async (c) => {
    const site = c.get('site');
    const { displays } = c.req.valid('json');
    await assertIdentities(
      site,
      displays.map((d) => d.customer),
    );
    return c.json(await saveDisplays(deps.db, site, displays), 202);
  });

  app.post('/v1/sites/:siteKey/events', validateJson(EventBatchSchema), async (c) => {
    const site = c.get('site');
    const { events } = c.req.valid('json');
    await assertIdentities(
      site,
      events.map((e) => e.customer),
    );
    return c.json(await saveEvents(deps.db, site, events), 202);
  });
  return app;
}
