import {
  getCompanyDomains,
  MeSchema,
  TokenCreatedSchema,
  TokenCreateSchema,
  TokenListSchema,
} from '@moments/shared';
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import { makeId, makeToken, sha256Hex } from '../domain/crypto.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { findMissingSiteIds, listSites } from '../sites/queries.js';
import { insertToken, listTokens, revokeToken } from './queries.js';

export function createTokenRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('/v1/tokens', requireRole(deps, ['admin']));
  app.use('/v1/tokens/*', requireRole(deps, ['admin']));
  app.use('/v1/me', requireRole(deps, ['admin', 'agent']));

  // Who the token is, and the company's own mail domains (its sites' allowed origins): the
  // extension's default for the addresses it never looks up or badges.
  app.get(
    '/v1/me',
    describeRoute({
      summary: 'Who this token is, and the company domains',
      auth: ['admin', 'agent'],
      ok: [200, MeSchema],
    }),
    async (c) => {
      const auth = c.get('auth');
      const siteIds = auth.role === 'agent' ? auth.siteIds : null;
      const sites = await listSites(deps.db, siteIds ?? undefined);
      return c.json({
        role: auth.role,
        siteIds,
        companyDomains: getCompanyDomains(sites.flatMap((s) => s.allowedOrigins)),
      });
    },
  );

  app.post(
    '/v1/tokens',
    describeRoute({
      summary: 'Create an agent token (shown once)',
      auth: ['admin'],
      ok: [201, TokenCreatedSchema],
    }),
    validateJson(TokenCreateSchema),
    async (c) => {
      const body = c.req.valid('json');
      const missing = await findMissingSiteIds(deps.db, body.siteIds);
      if (missing.length) {
        throw new ValidationError(missing.map((id) => ({ path: 'siteIds', message: `no site ${id}` })));
      }
      const token = makeToken('mat_');
      const id = makeId('tok_');
      await insertToken(deps.db, {
        id,
        name: body.name,
        role: body.role,
        hash: await sha256Hex(token),
        siteIds: body.siteIds,
      });
      return c.json({ id, token, role: body.role, name: body.name, siteIds: body.siteIds }, 201);
    },
  );

  app.get(
    '/v1/tokens',
    describeRoute({
      summary: 'List agent tokens (not the tokens themselves)',
      auth: ['admin'],
      ok: [200, TokenListSchema],
    }),
    async (c) => c.json({ tokens: await listTokens(deps.db) }),
  );

  app.delete(
    '/v1/tokens/:id',
    describeRoute({ summary: 'Revoke a token at once', auth: ['admin'], ok: [204, null] }),
    async (c) => {
      if (!(await revokeToken(deps.db, c.req.param('id')))) throw new NotFoundError('Token');
      return c.body(null, 204);
    },
  );
  return app;
}
