import {
  SiteCreatedSchema,
  SiteCreateSchema,
  SiteKeyRotatedSchema,
  SitePatchSchema,
  SiteSchema,
  SiteSecretRotatedSchema,
} from '@moments/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import { makeId, makeToken } from '../domain/crypto.js';
import { NotFoundError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
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

  app.post(
    '/v1/sites',
    describeRoute({
      summary: 'Create a site (the secret is shown only here)',
      auth: ['admin'],
      ok: [201, SiteCreatedSchema],
    }),
    validateJson(SiteCreateSchema),
    async (c) => {
      const site = await insertSite(deps.db, {
        ...c.req.valid('json'),
        id: makeId('site_'),
        publicKey: makeToken('pk_', 18),
        secret: makeToken('sk_'),
      });
      return c.json({ ...toPublicSite(site), secret: site.secret }, 201);
    },
  );

  app.get(
    '/v1/sites',
    describeRoute({
      summary: 'List sites',
      auth: ['admin'],
      ok: [200, z.object({ sites: z.array(SiteSchema) })],
    }),
    async (c) => c.json({ sites: (await listSites(deps.db)).map(toPublicSite) }),
  );

  app.get(
    '/v1/sites/:id',
    describeRoute({ summary: 'Get a site', auth: ['admin'], ok: [200, SiteSchema] }),
    async (c) => {
      const site = await findSiteById(deps.db, c.req.param('id'));
      if (!site) throw new NotFoundError('Site');
      return c.json(toPublicSite(site));
    },
  );

  // The new secret is shown only here. Signatures made with the old one verify until the grace period ends.
  app.post(
    '/v1/sites/:id/rotate-secret',
    describeRoute({
      summary: 'Rotate the site secret (the new one is shown only here)',
      description:
        'Signatures made with the previous secret keep verifying for a grace period (MOMENTS_ROTATION_GRACE_HOURS, default 24), so back ends can roll over.',
      auth: ['admin'],
      ok: [200, SiteSecretRotatedSchema],
    }),
    async (c) => {
      const rotated = await rotateSiteSecret(deps.db, c.req.param('id'), makeToken('sk_'), graceMs);
      if (!rotated) throw new NotFoundError('Site');
      return c.json(rotated);
    },
  );

  app.post(
    '/v1/sites/:id/rotate-key',
    describeRoute({
      summary: 'Rotate the site public key',
      description:
        'The previous public key keeps serving the public endpoints for the same grace period, so pages can be updated.',
      auth: ['admin'],
      ok: [200, SiteKeyRotatedSchema],
    }),
    async (c) => {
      const rotated = await rotateSitePublicKey(deps.db, c.req.param('id'), makeToken('pk_', 18), graceMs);
      if (!rotated) throw new NotFoundError('Site');
      return c.json(rotated);
    },
  );

  app.patch(
    '/v1/sites/:id',
    describeRoute({ summary: 'Change a site', auth: ['admin'], ok: [200, SiteSchema] }),
    validateJson(SitePatchSchema),
    async (c) => {
      const id = c.req.param('id');
      if (!(await findSiteById(deps.db, id))) throw new NotFoundError('Site');
      const site = await updateSite(deps.db, id, c.req.valid('json'));
      return c.json(toPublicSite(site!));
    },
  );
  return app;
}

/** Loads a site for an admin route under /v1/sites/:id/…, 404 when unknown. */
export async function loadSite(deps: Deps, id: string) {
  const site = await findSiteById(deps.db, id);
  if (!site) throw new NotFoundError('Site');
  return site;
}
