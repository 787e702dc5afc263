import { Hono } from 'hono';
import { ConflictError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { rotateAdminToken } from './admin-token.js';
import { requireRole } from './middleware.js';

export function createAdminTokenRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  app.use('/v1/admin-token/*', requireRole(deps, ['admin']));

  // The new token is shown only here; the old one, its dashboard sessions and its open streams end at once.
  app.post('/v1/admin-token/rotate', async (c) => {
    if (deps.adminTokenFromEnv)
      throw new ConflictError('The admin token is set by MOMENTS_ADMIN_TOKEN: change it there and restart');
    return c.json({ token: await rotateAdminToken(deps.db) });
  });
  return app;
}
