import { AdminTokenRotatedSchema } from '@moments/shared';
import { Hono } from 'hono';
import { ConflictError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { describeRoute } from '../openapi/describe-route.js';
import { rotateAdminToken } from './admin-token.js';
import { requireRole } from './middleware.js';

export function createAdminTokenRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('/v1/admin-token/*', requireRole(deps, ['admin']));

  // The new token is shown only here; the old one, its dashboard sessions and its open streams end at once.
  app.post(
    '/v1/admin-token/rotate',
    describeRoute({
      summary: 'Rotate the admin token (the new one is shown only here)',
      description:
        'The old token, every dashboard session and every stream opened with them end at once, on every instance. 409 when the token is set by MOMENTS_ADMIN_TOKEN: change it there and restart.',
      auth: ['admin'],
      ok: [200, AdminTokenRotatedSchema],
    }),
    async (c) => {
      if (deps.adminTokenFromEnv)
        throw new ConflictError('The admin token is set by MOMENTS_ADMIN_TOKEN: change it there and restart');
      return c.json({ token: await rotateAdminToken(deps.db) });
    },
  );
  return app;
}
