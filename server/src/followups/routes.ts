import { FollowUpListQuerySchema, FollowUpPatchSchema, FollowUpSchema } from '@moments/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole, resolveSiteScope } from '../auth/middleware.js';
import { NotFoundError } from '../domain/errors.js';
import type { AppEnv, Auth, Deps } from '../env.js';
import { validateJson, validateQuery } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { addFollowUpContext } from './context.js';
import { countFollowUps, findFollowUp, listFollowUpHistory, listFollowUps } from './queries.js';
import { updateFollowUp } from './update-followup.js';

/** Who made a change, as the follow-up history names them. */
const actorOf = (auth: Auth) => (auth.role === 'admin' ? 'admin' : `agent:${auth.tokenId}`);

export function createFollowUpRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const agentOrAdmin = requireRole(deps, ['admin', 'agent']);
  app.use('/v1/followups', agentOrAdmin);
  app.use('/v1/followups/*', agentOrAdmin);

  app.get(
    '/v1/followups',
    describeRoute({
      summary: 'Follow-ups (default: not resolved)',
      auth: ['admin', 'agent'],
      ok: [200, z.object({ followups: z.array(FollowUpSchema), total: z.number() })],
    }),
    validateQuery(FollowUpListQuerySchema),
    async (c) => {
      const auth = c.get('auth');
      const q = c.req.valid('query');
      const siteIds = resolveSiteScope(auth, q.site);
      const [followups, total] = await Promise.all([
        listFollowUps(deps.db, siteIds, q),
        countFollowUps(deps.db, siteIds, q),
      ]);
      return c.json({ followups: await addFollowUpContext(deps.db, followups), total });
    },
  );

  async function loadFollowUp(auth: Auth, id: string) {
    const f = await findFollowUp(deps.db, id);
    // An agent is told nothing of follow-ups on sites outside its scope.
    if (!f || (auth.role === 'agent' && !auth.siteIds.includes(f.siteId)))
      throw new NotFoundError('Follow-up');
    return f;
  }

  app.get(
    '/v1/followups/:id',
    describeRoute({
      summary: 'A follow-up with its history',
      auth: ['admin', 'agent'],
      ok: [200, FollowUpSchema],
    }),
    async (c) => {
      const f = await loadFollowUp(c.get('auth'), c.req.param('id'));
      return c.json({ ...f, history: await listFollowUpHistory(deps.db, f.id) });
    },
  );

  app.patch(
    '/v1/followups/:id',
    describeRoute({
      summary: 'Assign, note or resolve a follow-up',
      auth: ['admin', 'agent'],
      ok: [200, FollowUpSchema],
    }),
    validateJson(FollowUpPatchSchema),
    async (c) => {
      const auth = c.get('auth');
      const f = await loadFollowUp(auth, c.req.param('id'));
      const updated = await updateFollowUp(deps.db, f, c.req.valid('json'), actorOf(auth));
      return c.json({ ...updated, history: await listFollowUpHistory(deps.db, f.id) });
    },
  );
  return app;
}
