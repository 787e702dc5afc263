import { SurveyCreateSchema, SurveySchema, SurveyUpdateSchema } from '@moments/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/middleware.js';
import { makeId } from '../domain/crypto.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { loadSite } from '../sites/routes.js';
import { assertSafeUrlRules } from './check-url-rules.js';
import { findSurvey, insertSurvey, listSurveys, softDeleteSurvey, updateSurvey } from './queries.js';

export function createSurveyRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const admin = requireRole(deps, ['admin']);
  app.use('/v1/sites/:id/surveys', admin);
  app.use('/v1/surveys/:surveyId', admin);

  app.post(
    '/v1/sites/:id/surveys',
    describeRoute({ summary: 'Create a survey', auth: ['admin'], ok: [201, SurveySchema] }),
    validateJson(SurveyCreateSchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      const body = c.req.valid('json');
      await assertSafeUrlRules(body);
      const id = body.id ?? makeId('srv_');
      if (!(await insertSurvey(deps.db, site.id, id, body)))
        throw new ConflictError(`A survey with id ${id} exists`);
      return c.json(await findSurvey(deps.db, id), 201);
    },
  );

  app.get(
    '/v1/sites/:id/surveys',
    describeRoute({
      summary: 'List surveys',
      auth: ['admin'],
      ok: [200, z.object({ surveys: z.array(SurveySchema) })],
    }),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json({ surveys: await listSurveys(deps.db, site.id) });
    },
  );

  app.get(
    '/v1/surveys/:surveyId',
    describeRoute({ summary: 'Get a survey', auth: ['admin'], ok: [200, SurveySchema] }),
    async (c) => {
      const survey = await findSurvey(deps.db, c.req.param('surveyId'));
      if (!survey) throw new NotFoundError('Survey');
      return c.json(survey);
    },
  );

  app.put(
    '/v1/surveys/:surveyId',
    describeRoute({ summary: 'Replace a survey', auth: ['admin'], ok: [200, SurveySchema] }),
    validateJson(SurveyUpdateSchema),
    async (c) => {
      const id = c.req.param('surveyId');
      if (!(await findSurvey(deps.db, id))) throw new NotFoundError('Survey');
      await assertSafeUrlRules(c.req.valid('json'));
      await updateSurvey(deps.db, id, c.req.valid('json'));
      return c.json(await findSurvey(deps.db, id));
    },
  );

  app.delete(
    '/v1/surveys/:surveyId',
    describeRoute({ summary: 'Delete a survey', auth: ['admin'], ok: [204, null] }),
    async (c) => {
      if (!(await softDeleteSurvey(deps.db, c.req.param('surveyId')))) throw new NotFoundError('Survey');
      return c.body(null, 204);
    },
  );
  return app;
}
