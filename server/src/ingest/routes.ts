import {
  DisplayBatchSchema,
  EventBatchSchema,
  type IngestResult,
  IngestResultSchema,
  ResponseBatchSchema,
  type Survey,
  type SurveyResponse,
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
import { createCoalescer } from './coalesce.js';
import type { Inbox } from './inbox.js';
import { assertResponsesFit, findSurveysOf, writeResponses } from './save-responses.js';
import { saveDisplays, saveEvents } from './save-signals.js';
import { splitBatchDuplicates, toIngestResult } from './write-batch.js';

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
  save: (site: SiteRecord, items: T[]) => Promise<IngestResult>,
) {
  // Only POST (and its preflight): GET …/responses is the admin export, keyed by site id.
  app.on(['POST', 'OPTIONS'], `/v1/sites/:siteKey/${kind}`, publicSite(deps));
  app.post(
    `/v1/sites/:siteKey/${kind}`,
    describeRoute({ summary, auth: ['siteKey'], ok: [202, IngestResultSchema] }),
    validateJson(schema, { batch: kind }),
    async (c) => {
      const site = c.get('site');
      const items = (c.req.valid('json') as Record<K, T[]>)[kind];
      await assertIdentities(
        site,
        items.map((i) => i.customer),
      );
      return c.json(await save(site, items), 202);
    },
  );
}

/**
 * Requests of one site that wait together are written together (coalesce.ts); where the runtime
 * cannot share work between requests (`deps.isolatedRequests`: Workers), each alone.
 */
function merged<T extends { id: string }, C>(
  deps: Deps,
  opts: Parameters<typeof createCoalescer<SiteRecord, T, C>>[0],
): (site: SiteRecord, items: T[]) => Promise<IngestResult> {
  if (!deps.isolatedRequests) return createCoalescer(opts);
  return async (site, items) => {
    const context = await opts.prepare(site, [items]);
    opts.check?.(site, items, context);
    return opts.write(site, items, context);
  };
}

/**
 * New responses go to the inbox (committed at once, folded behind the 202); a resend of one stored
 * or waiting waits for the fold, then adds what it adds as any resend does.
 */
async function writeViaInbox(
  inbox: Inbox,
  db: Db,
  site: SiteRecord,
  responses: SurveyResponse[],
  surveys: Map<string, Survey>,
): Promise<IngestResult> {
  const { unique, repeated } = splitBatchDuplicates(responses);
  const accepted = await inbox.accept(site, unique);
  const rest = unique.filter((r) => !accepted.has(r.id));
  if (rest.length) {
    await inbox.drain();
    for (const id of (await writeResponses(db, site, rest, surveys)).accepted) accepted.add(id);
  }
  return toIngestResult(unique, repeated, accepted);
}

export function createIngestRoutes(deps: Deps) {
  const app = new Hono<PublicEnv>();
  const db: Db = deps.db;
  addIngestRoute(
    app,
    deps,
    'responses',
    'Ingest survey responses, whole or partial (idempotent on id; a resend adds only missing answers)',
    ResponseBatchSchema,
    merged(deps, {
      prepare: (site, batches) => findSurveysOf(db, site, batches),
      check: (_site, responses, surveys) => assertResponsesFit(responses, surveys),
      write: async (site, responses, surveys) => {
        const result = deps.inbox
          ? await writeViaInbox(deps.inbox, db, site, responses, surveys)
          : await writeResponses(db, site, responses, surveys);
        // (Through the inbox, once more when the fold has stored them: the server's onFolded.)
        if (result.accepted.length) deps.onResponsesStored?.(site.id);
        return result;
      },
    }),
  );
  const signals = <T extends { id: string }>(
    save: (db: Db, site: SiteRecord, items: T[]) => Promise<IngestResult>,
  ) =>
    merged<T, undefined>(deps, {
      prepare: async () => undefined,
      write: (site, items) => save(db, site, items),
    });
  addIngestRoute(app, deps, 'displays', 'Record survey displays', DisplayBatchSchema, signals(saveDisplays));
  addIngestRoute(app, deps, 'events', 'Record funnel moments', EventBatchSchema, signals(saveEvents));
  return app;
}
