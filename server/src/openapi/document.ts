import {
  AtRiskQuerySchema,
  AtRiskSchema,
  AudienceQuerySchema,
  AudienceSchema,
  ConfigQuerySchema,
  CustomerListQuerySchema,
  CustomerListSchema,
  CustomerRowSchema,
  CustomerUpsertResultSchema,
  DigestQuerySchema,
  DisplayBatchSchema,
  DriversQuerySchema,
  DriversSchema,
  ErrorBodySchema,
  EventBatchSchema,
  ExportQuerySchema,
  FollowUpListQuerySchema,
  FollowUpPatchSchema,
  FollowUpSchema,
  IngestResultSchema,
  JourneySchema,
  LookupQuerySchema,
  LookupSchema,
  MoversQuerySchema,
  MoversSchema,
  RankingQuerySchema,
  RankingSchema,
  ReportFilterSchema,
  ResponseBatchSchema,
  ResponseListQuerySchema,
  ResponseListSchema,
  SiteConfigSchema,
  SiteCreatedSchema,
  SiteCreateSchema,
  SitePatchSchema,
  SiteSchema,
  StreamQuerySchema,
  SummarySchema,
  SurveyCreateSchema,
  SurveyResultsQuerySchema,
  SurveyResultsSchema,
  SurveySchema,
  SurveyUpdateSchema,
  ThemesSchema,
  TimeseriesQuerySchema,
  TimeseriesSchema,
  TokenCreatedSchema,
  TokenCreateSchema,
  ValueSchema,
  WebhookCreateSchema,
  WebhookDeliverySchema,
  WebhookSchema,
} from '@moments/shared';
import { z } from 'zod';

type Auth = 'admin' | 'agent' | 'siteKey';
type Route = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  auth: Auth[];
  body?: z.ZodType;
  query?: z.ZodType;
  ok: [number, z.ZodType | null];
};

/** Every route of the API with the shared schemas it validates and answers with. */
export const routes: Route[] = [
  {
    method: 'get',
    path: '/v1/sites/{siteKey}/config',
    summary: 'Active surveys, contact policy and eligibility',
    auth: ['siteKey'],
    query: ConfigQuerySchema,
    ok: [200, SiteConfigSchema],
  },
  {
    method: 'post',
    path: '/v1/sites/{siteKey}/responses',
    summary: 'Ingest survey responses (idempotent on id)',
    auth: ['siteKey'],
    body: ResponseBatchSchema,
    ok: [202, IngestResultSchema],
  },
  {
    method: 'post',
    path: '/v1/sites/{siteKey}/displays',
    summary: 'Record survey displays',
    auth: ['siteKey'],
    body: DisplayBatchSchema,
    ok: [202, IngestResultSchema],
  },
  {
    method: 'post',
    path: '/v1/sites/{siteKey}/events',
    summary: 'Record funnel moments',
    auth: ['siteKey'],
    body: EventBatchSchema,
    ok: [202, IngestResultSchema],
  },
  {
    method: 'post',
    path: '/v1/sites',
    summary: 'Create a site (the secret is shown only here)',
    auth: ['admin'],
    body: SiteCreateSchema,
    ok: [201, SiteCreatedSchema],
  },
  {
    method: 'get',
    path: '/v1/sites',
    summary: 'List sites',
    auth: ['admin'],
    ok: [200, z.object({ sites: z.array(SiteSchema) })],
  },
  { method: 'get', path: '/v1/sites/{id}', summary: 'Get a site', auth: ['admin'], ok: [200, SiteSchema] },
  {
    method: 'patch',
    path: '/v1/sites/{id}',
    summary: 'Change a site',
    auth: ['admin'],
    body: SitePatchSchema,
    ok: [200, SiteSchema],
  },
  {
    method: 'post',
    path: '/v1/sites/{id}/surveys',
    summary: 'Create a survey',
    auth: ['admin'],
    body: SurveyCreateSchema,
    ok: [201, SurveySchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/surveys',
    summary: 'List surveys',
    auth: ['admin'],
    ok: [200, z.object({ surveys: z.array(SurveySchema) })],
  },
  {
    method: 'get',
    path: '/v1/surveys/{surveyId}',
    summary: 'Get a survey',
    auth: ['admin'],
    ok: [200, SurveySchema],
  },
  {
    method: 'put',
    path: '/v1/surveys/{surveyId}',
    summary: 'Replace a survey',
    auth: ['admin'],
    body: SurveyUpdateSchema,
    ok: [200, SurveySchema],
  },
  {
    method: 'delete',
    path: '/v1/surveys/{surveyId}',
    summary: 'Delete a survey',
    auth: ['admin'],
    ok: [204, null],
  },
  {
    method: 'put',
    path: '/v1/sites/{id}/customers',
    summary: 'Upsert business data (JSON array or text/csv)',
    auth: ['admin'],
    body: z.array(CustomerRowSchema),
    ok: [200, CustomerUpsertResultSchema],
  },
  {
    method: 'delete',
    path: '/v1/sites/{id}/customers/{customerId}',
    summary: 'Erase a customer',
    auth: ['admin'],
    ok: [204, null],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/responses',
    summary: 'Streamed export (NDJSON or CSV)',
    auth: ['admin'],
    query: ExportQuerySchema,
    ok: [200, null],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/responses/list',
    summary: 'Responses with answers, customer and follow-up, newest first, filtered, a page at a time',
    auth: ['admin'],
    query: ResponseListQuerySchema,
    ok: [200, ResponseListSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/customers',
    summary: 'Customers biggest MRR first, with latest scores and risk; search and paging',
    auth: ['admin'],
    query: CustomerListQuerySchema,
    ok: [200, CustomerListSchema],
  },
  {
    method: 'post',
    path: '/v1/tokens',
    summary: 'Create an agent token (shown once)',
    auth: ['admin'],
    body: TokenCreateSchema,
    ok: [201, TokenCreatedSchema],
  },
  {
    method: 'delete',
    path: '/v1/tokens/{id}',
    summary: 'Revoke a token at once',
    auth: ['admin'],
    ok: [204, null],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/summary',
    summary: 'NPS, CSAT, CES, response rate',
    auth: ['admin'],
    query: ReportFilterSchema,
    ok: [200, SummarySchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/timeseries',
    summary: 'A metric per day, week or month',
    auth: ['admin'],
    query: TimeseriesQuerySchema,
    ok: [200, TimeseriesSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/ranking',
    summary: 'Groups ranked with n, 95% intervals and change; small groups listed as insufficient',
    auth: ['admin'],
    query: RankingQuerySchema,
    ok: [200, RankingSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/movers',
    summary: 'Most improved groups, and real drops that need attention',
    auth: ['admin'],
    query: MoversQuerySchema,
    ok: [200, MoversSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/value',
    summary: 'Revenue-weighted NPS, revenue at risk, churn, MRR, lifetime value, CAC and CSC by band',
    auth: ['admin'],
    query: ReportFilterSchema,
    ok: [200, ValueSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/audience',
    summary: 'Which surveys would show now to a customer or anonymous visitor, at each moment, and why not',
    auth: ['admin'],
    query: AudienceQuerySchema,
    ok: [200, AudienceSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/questions',
    summary: "A survey's answers question by question: distributions, option shares, comments",
    auth: ['admin'],
    query: SurveyResultsQuerySchema,
    ok: [200, SurveyResultsSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/value/at-risk',
    summary: 'The customers behind revenue at risk, biggest MRR first',
    auth: ['admin'],
    query: AtRiskQuerySchema,
    ok: [200, AtRiskSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/journey',
    summary: 'Moments in funnel order: scores, response rate, conversion to the next moment by score band',
    auth: ['admin'],
    query: ReportFilterSchema,
    ok: [200, JourneySchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/drivers',
    summary:
      "Each driver's relative importance for NPS or CSAT (Johnson's relative weights), mean and quadrant",
    auth: ['admin'],
    query: DriversQuerySchema,
    ok: [200, DriversSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/themes',
    summary: 'Recurring themes in text answers: count, share, mean score, sentiment, quotes',
    auth: ['admin'],
    query: ReportFilterSchema,
    ok: [200, ThemesSchema],
  },
  {
    method: 'post',
    path: '/v1/sites/{id}/webhooks',
    summary: 'Add a signed webhook (response.created, response.updated, followup.opened, followup.resolved)',
    auth: ['admin'],
    body: WebhookCreateSchema,
    ok: [201, WebhookSchema],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/webhooks',
    summary: 'List webhooks',
    auth: ['admin'],
    ok: [200, z.object({ webhooks: z.array(WebhookSchema) })],
  },
  {
    method: 'delete',
    path: '/v1/webhooks/{id}',
    summary: 'Remove a webhook',
    auth: ['admin'],
    ok: [204, null],
  },
  {
    method: 'get',
    path: '/v1/webhooks/{id}/deliveries',
    summary: 'The delivery log: status, attempts, last HTTP status or error',
    auth: ['admin'],
    ok: [200, z.object({ deliveries: z.array(WebhookDeliverySchema) })],
  },
  {
    method: 'get',
    path: '/v1/sites/{id}/reports/digest',
    summary: 'The week in review as JSON, Markdown or HTML (also sent to digest.weekly webhooks on Mondays)',
    auth: ['admin'],
    query: DigestQuerySchema,
    ok: [200, null],
  },
  {
    method: 'get',
    path: '/v1/customers/lookup',
    summary: "A customer's scores, comments, follow-ups, value, risk",
    auth: ['admin', 'agent'],
    query: LookupQuerySchema,
    ok: [200, LookupSchema],
  },
  {
    method: 'get',
    path: '/v1/followups',
    summary: 'Follow-ups (default: not resolved)',
    auth: ['admin', 'agent'],
    query: FollowUpListQuerySchema,
    ok: [200, z.object({ followups: z.array(FollowUpSchema) })],
  },
  {
    method: 'get',
    path: '/v1/followups/{id}',
    summary: 'A follow-up with its history',
    auth: ['admin', 'agent'],
    ok: [200, FollowUpSchema],
  },
  {
    method: 'patch',
    path: '/v1/followups/{id}',
    summary: 'Assign, note or resolve a follow-up',
    auth: ['admin', 'agent'],
    body: FollowUpPatchSchema,
    ok: [200, FollowUpSchema],
  },
  {
    method: 'get',
    path: '/v1/stream',
    summary: 'Server-Sent Events: response, followup, summary (Last-Event-ID resumes)',
    auth: ['admin', 'agent'],
    query: StreamQuerySchema,
    ok: [200, null],
  },
];

function toJson(schema: z.ZodType, io: 'input' | 'output') {
  return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
}

function queryParameters(schema: z.ZodType) {
  const json = toJson(schema, 'input') as {
    properties?: Record<string, object>;
    allOf?: { properties?: Record<string, object> }[];
  };
  const props = {
    ...json.properties,
    ...Object.assign({}, ...(json.allOf ?? []).map((p) => p.properties ?? {})),
  };
  return Object.entries(props).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const pathParams = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    paths[r.path] ??= {};
    paths[r.path]![r.method] = {
      summary: r.summary,
      security: r.auth.filter((a) => a !== 'siteKey').map((a) => ({ [a]: [] })),
      parameters: [...pathParams, ...(r.query ? queryParameters(r.query) : [])],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toJson(r.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [r.ok[0]]: {
          description: 'OK',
          ...(r.ok[1] ? { content: { 'application/json': { schema: toJson(r.ok[1], 'output') } } } : {}),
        },
        default: {
          description: 'Error',
          content: { 'application/json': { schema: toJson(ErrorBodySchema, 'output') } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Moments API', version: '1' },
    components: {
      securitySchemes: {
        admin: { type: 'http', scheme: 'bearer', description: 'The admin token' },
        agent: { type: 'http', scheme: 'bearer', description: 'An agent token from POST /v1/tokens' },
      },
    },
    paths: {
      ...paths,
      '/healthz': { get: { summary: 'Ready to serve', responses: { 200: { description: 'OK' } } } },
    },
  };
}
