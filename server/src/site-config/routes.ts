import { ConfigQuerySchema, type SiteConfig, SiteConfigSchema } from '@moments/shared';
import { Hono } from 'hono';
import { sha256Hex } from '../domain/crypto.js';
import { UnauthorizedError } from '../domain/errors.js';
import type { Deps } from '../env.js';
import { validateQuery } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { listSurveys } from '../surveys/queries.js';
import { getEligibleForCustomer } from './eligibility.js';
import { isSignatureValid } from './identity.js';
import { type PublicEnv, publicSite } from './public-site.js';

export function createSiteConfigRoutes(deps: Deps) {
  const app = new Hono<PublicEnv>();
  app.on(['GET', 'OPTIONS'], '/v1/sites/:siteKey/config', publicSite(deps));

  app.get(
    '/v1/sites/:siteKey/config',
    describeRoute({
      summary: 'Active surveys, contact policy and eligibility',
      auth: ['siteKey'],
      ok: [200, SiteConfigSchema],
    }),
    validateQuery(ConfigQuerySchema),
    async (c) => {
      const site = c.get('site');
      const { customer, sig } = c.req.valid('query');
      const surveys = await listSurveys(deps.db, site.id, { activeOnly: true });
      const config: SiteConfig = {
        site: {
          publicKey: site.publicKey,
          theme: site.theme,
          requireSignedIdentity: site.requireSignedIdentity,
        },
        contactPolicy: site.contactPolicy,
        surveys: surveys.map(
          ({ siteId: _s, createdAt: _c, updatedAt: _u, status: _st, name: _n, ...s }) => s,
        ),
      };
      let verified = false;
      if (customer) {
        if (sig) {
          if (!(await isSignatureValid(site, customer, sig)))
            throw new UnauthorizedError('The signature is wrong');
          verified = true;
        } else {
          verified = !site.requireSignedIdentity;
        }
      }
      if (customer && verified)
        config.eligible = await getEligibleForCustomer(deps.db, site, surveys, customer);
      const body = JSON.stringify(config);
      const etag = `W/"${(await sha256Hex(body)).slice(0, 32)}"`;
      c.header('ETag', etag);
      c.header(
        'Cache-Control',
        customer ? 'private, no-cache' : 'public, max-age=60, stale-while-revalidate=600',
      );
      const inm = c.req.header('if-none-match');
      if (inm?.split(',').some((t) => t.trim() === etag)) return c.body(null, 304);
      return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
    },
  );
  return app;
}
