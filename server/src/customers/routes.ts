import {
  CustomerListQuerySchema,
  ExportQuerySchema,
  LookupQuerySchema,
  ResponseListQuerySchema,
} from '@moments/shared';
import { Hono } from 'hono';
import { requireRole } from '../auth/middleware.js';
import type { AppEnv, Deps } from '../env.js';
import { streamResponses } from '../exports/export-responses.js';
import { NotFoundError } from '../http/errors.js';
import { validateQuery } from '../http/validate.js';
import { listResponses } from '../responses/list-responses.js';
import { loadSite } from '../sites/routes.js';
import { listAllQuestionIds } from '../surveys/queries.js';
import { eraseCustomer } from './erase.js';
import { listCustomers } from './list-customers.js';
import { getCustomerLookup } from './lookup.js';
import { assertRowCount, readCustomerRows } from './parse-rows.js';
import { upsertCustomers } from './upsert.js';

export function createCustomerRoutes(deps: Deps) {
  const app = new Hono<AppEnv>();
  const admin = requireRole(deps, ['admin']);
  app.use('/v1/sites/:id/customers', admin);
  app.use('/v1/sites/:id/customers/*', admin);
  app.use('/v1/sites/:id/responses', admin);
  app.use('/v1/sites/:id/responses/*', admin);
  app.use('/v1/customers/lookup', requireRole(deps, ['admin', 'agent']));

  app.put('/v1/sites/:id/customers', async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    const rows = readCustomerRows(c.req.header('content-type') ?? '', await c.req.text());
    assertRowCount(rows);
    return c.json(await upsertCustomers(deps.db, site.id, rows));
  });

  app.get('/v1/sites/:id/customers', validateQuery(CustomerListQuerySchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json(await listCustomers(deps.db, site.id, c.req.valid('query')));
  });

  app.delete('/v1/sites/:id/customers/:customerId', async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    if (!(await eraseCustomer(deps.db, site.id, c.req.param('customerId'))))
      throw new NotFoundError('Customer');
    return c.body(null, 204);
  });

  app.get('/v1/sites/:id/responses', validateQuery(ExportQuerySchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    const q = c.req.valid('query');
    const questionIds = q.format === 'csv' ? await listAllQuestionIds(deps.db, site.id, q.surveyId) : [];
    const stream = streamResponses(deps.db, site.id, q, q.format, questionIds);
    const csv = q.format === 'csv';
    return c.body(stream, 200, {
      'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      'Content-Disposition': `attachment; filename="responses-${site.id}.${csv ? 'csv' : 'ndjson'}"`,
    });
  });

  app.get('/v1/sites/:id/responses/list', validateQuery(ResponseListQuerySchema), async (c) => {
    const site = await loadSite(deps, c.req.param('id'));
    return c.json(await listResponses(deps.db, site.id, c.req.valid('query')));
  });

  app.get('/v1/customers/lookup', validateQuery(LookupQuerySchema), async (c) => {
    const lookup = await getCustomerLookup(deps.db, c.get('auth'), c.req.valid('query'));
    if (!lookup) throw new NotFoundError('Customer');
    return c.json(lookup);
  });
  return app;
}
