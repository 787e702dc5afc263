import {
  CustomerImportQuerySchema,
  CustomerListQuerySchema,
  CustomerListSchema,
  CustomerRowSchema,
  CustomerUpsertResultSchema,
  decodeCsv,
  ExportQuerySchema,
  LookupQuerySchema,
  LookupSchema,
  ResponseListQuerySchema,
  ResponseListSchema,
} from '@moments/shared';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole, resolveSiteScope } from '../auth/middleware.js';
import { NotFoundError } from '../domain/errors.js';
import type { AppEnv, Deps } from '../env.js';
import { streamResponses } from '../exports/export-responses.js';
import { validateQuery } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { IDENTITY_RULES } from '../openapi/document.js';
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

  app.put(
    '/v1/sites/:id/customers',
    describeRoute({
      summary: 'Upsert business data (JSON array or text/csv)',
      auth: ['admin'],
      ok: [200, CustomerUpsertResultSchema],
      body: z.array(CustomerRowSchema),
    }),
    validateQuery(CustomerImportQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      const { columns } = c.req.valid('query');
      const type = c.req.header('content-type') ?? '';
      // A CSV's encoding is read from its bytes (UTF-8, UTF-16 by its BOM, else Windows-1252).
      const body = /text\/csv/i.test(type)
        ? decodeCsv(new Uint8Array(await c.req.arrayBuffer()))
        : await c.req.text();
      const rows = readCustomerRows(type, body, columns);
      assertRowCount(rows);
      return c.json(await upsertCustomers(deps.db, site.id, rows));
    },
  );

  app.delete(
    '/v1/sites/:id/customers/:customerId',
    describeRoute({ summary: 'Erase a customer', auth: ['admin'], ok: [204, null] }),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      if (!(await eraseCustomer(deps.db, site.id, c.req.param('customerId'))))
        throw new NotFoundError('Customer');
      return c.body(null, 204);
    },
  );

  app.get(
    '/v1/sites/:id/responses',
    describeRoute({ summary: 'Streamed export (NDJSON or CSV)', auth: ['admin'], ok: [200, null] }),
    validateQuery(ExportQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      const q = c.req.valid('query');
      const questionIds = q.format === 'csv' ? await listAllQuestionIds(deps.db, site.id, q.surveyId) : [];
      const stream = streamResponses(deps.db, site.id, q, q.format, questionIds);
      const csv = q.format === 'csv';
      return c.body(stream, 200, {
        'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
        'Content-Disposition': `attachment; filename="responses-${site.id}.${csv ? 'csv' : 'ndjson'}"`,
      });
    },
  );

  app.get(
    '/v1/sites/:id/responses/list',
    describeRoute({
      summary: 'Responses with answers, customer and follow-up, newest first, filtered, a page at a time',
      auth: ['admin'],
      ok: [200, ResponseListSchema],
    }),
    validateQuery(ResponseListQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await listResponses(deps.db, site.id, c.req.valid('query')));
    },
  );

  app.get(
    '/v1/sites/:id/customers',
    describeRoute({
      summary: 'Customers biggest MRR first, with latest scores and risk; search and paging',
      auth: ['admin'],
      ok: [200, CustomerListSchema],
    }),
    validateQuery(CustomerListQuerySchema),
    async (c) => {
      const site = await loadSite(deps, c.req.param('id'));
      return c.json(await listCustomers(deps.db, site.id, c.req.valid('query')));
    },
  );

  app.get(
    '/v1/customers/lookup',
    describeRoute({
      summary: "A customer's scores, comments, follow-ups, value, risk",
      description: `404 when unknown; 409 when the email is held by more than one customer (look up by id). ${IDENTITY_RULES}`,
      auth: ['admin', 'agent'],
      ok: [200, LookupSchema],
    }),
    validateQuery(LookupQuerySchema),
    async (c) => {
      const q = c.req.valid('query');
      const lookup = await getCustomerLookup(deps.db, resolveSiteScope(c.get('auth'), q.site), q);
      if (!lookup) throw new NotFoundError('Customer');
      return c.json(lookup);
    },
  );
  return app;
}
