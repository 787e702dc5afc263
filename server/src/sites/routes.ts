import { SiteCreateSchema, SitePatchSchema } from '@moments/shared';
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import { makeId, makeToken } from '../domain/crypto.js';
import { NotFoundError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import {
  findSiteById,
  insertSite,
  listSites,
  rotateSitePublicKey,
  rotateSiteSecret,
  toPublicSite,
  updateSite,
} from './queries.js';

const DEFAULT_ROTATION_GRACE_MS = 24 * 3_600_000;

export function createSiteRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('/v1/sites', requireRole(deps, ['admin']));
  app.use('/v1/sites/:id', requireRole(deps, ['admin']));
  app.use('/v1/sites/:id/rotate-secret', requireRole(deps, ['admin']));
  app.use('/v1/sites/:id/rotate-key', requireRole(deps, ['admin']));
  const graceMs = deps.rotationGraceMs ?? DEFAULT_ROTATION_GRACE_MS;

  app.post('/v1/sites', validateJson(SiteCreateSchema), async (c) => {
    const site = await insertSite(deps.db, {
      ...c.req.valid('json'),
      id: makeId('site_'),
      publicKey: makeToken('pk_', 18),
      secret: makeToken('sk_'),
    });
    return c.json({ ...toPublicSite(site), secret: site.secret }, 201);
  });

  app.get('/v1/sites', async (c) => c.json({ sites: (await listSites(deps.db)).map(toPublicSite) }));

  app.get('/v1/sites/:id', async (c) => {
    const site = await findSiteById(deps.db, c.req.param('id'));
    if (!site) throw new NotFoundError('Site');
    return c.json(toPublicSite(site));
  });

  // The new secret is shown only here. Signatures made with the old one verify until the grace period ends.
  app.post('/v1/sites/:id/rotate-secret', async (c) => {
    const rotated = await rotateSiteSecret(deps.db, c.req.param('id'), makeToken('sk_'), graceMs);
    if (!rotated) throw new NotFoundError('Site');
    return c.json(rotated);
  });

  app.post('/v1/sites/:id/rotate-key', async (c) => {
    const rotated = await rotateSitePublicKey(deps.db, c.req.param('id'), makeToken('pk_', 18), graceMs);
    if (!rotated) throw new NotFoundError('Site');
    return c.json(rotated);
  });

  app.patch('/v1/sites/:id', validateJson(SitePatchSchema), async (c) => {
    const id = c.req.param('id');
    if (!(await findSiteById(deps.db, id))) throw new NotFoundError('Site');
    const site = await updateSite(deps.db, id, c.req.valid('json'));
    return c.json(toPublicSite(site!));
  });
  return app;
}

/** Loads a site for an admin route under /v1/sites/:id/…, 404 when unknown. */
export async function loadSite(deps: Deps, id: string) {
  const site = await findSiteById(deps.db, id);
  if (!site) throw new NotFoundError('Site');
  return site;
}
