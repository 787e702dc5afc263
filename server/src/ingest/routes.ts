import {
  DisplayBatchSchema,
  EventBatchSchema,
  type IngestResult,
  IngestResultSchema,
  ResponseBatchSchema,
} from '@moments/shared';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { Db } from '../db/index.js';
import type { Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { assertIdentities } from '../site-config/identity.js';
import { type PublicEnv, publicSite } from '../site-config/public-site.js';
import type { SiteRecord } from '../sites/queries.js';
import { saveResponses } from './save-responses.js';
import { saveDisplays, saveEvents } from './save-signals.js';

type Item = { id: string; customer?: Parameters<typeof assertIdentities>[1][number] };

/**
 * One public ingest route: `POST /v1/sites/{siteKey}/{kind}` with `{ [kind]: [...] }`, the site's
 * key and origin checked, every named customer's signature checked, then one idempotent save.
 */
function addIngestRoute<K extends string, T extends Item>(
  app: Hono<PublicEnv>,
  deps: Deps,
  kind: K,
  summary: string,
  schema: z.ZodType<Record<K, T[]>>,
  save: (db: Db, site: SiteRecord, items: T[]) => Promise<IngestResult>,
) {
  // Only POST (and its preflight): GET …/responses is the admin export, keyed by site id.
  app.on(['POST', 'OPTIONS'], `/v1/sites/:siteKey/${kind}`, publicSite(deps));
  app.post(
    `/v1/sites/:siteKey/${kind}`,
    describeRoute({ summary, auth: ['siteKey'], ok: [202, IngestResultSchema] }),
    validateJson(schema),
    async (c) => {
      const site = c.get('site');
      const items = (c.req.valid('json') as Record<K, T[]>)[kind];
      await assertIdentities(
        site,
        items.map((i) => i.customer),
      );
      return c.json(await save(deps.db, site, items), 202);
    },
  );
}

export function createIngestRoutes(deps: Deps) {
  const app = new Hono<PublicEnv>();
  addIngestRoute(
    app,
    deps,
    'responses',
    'Ingest survey responses, whole or partial (idempotent on id; a resend adds only missing answers)',
    ResponseBatchSchema,
    async (db, site, responses) => {
      const result = await saveResponses(db, site, responses);
      if (result.accepted.length) deps.onResponsesStored?.(site.id);
      return result;
    },
  );
  addIngestRoute(app, deps, 'displays', 'Record survey displays', DisplayBatchSchema, saveDisplays);
  addIngestRoute(app, deps, 'events', 'Record funnel moments', EventBatchSchema, saveEvents);
  return app;
}
