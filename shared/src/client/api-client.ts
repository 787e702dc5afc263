import type {
  AtRisk,
  Audience,
  CustomerList,
  CustomerListQuery,
  ResponseList,
  ResponseListQuery,
  SurveyResults,
} from '../schemas/browse.js';
import type { ErrorBody } from '../schemas/common.js';
import type { CustomerRow, CustomerUpsertResult } from '../schemas/customer.js';
import type { FollowUp, FollowUpPatch } from '../schemas/followup.js';
import type { Display, IngestResult, SurveyResponse, TrackedEvent } from '../schemas/ingest.js';
import type {
  Drivers,
  GroupBy,
  Journey,
  Lookup,
  Metric,
  Movers,
  Ranking,
  ReportFilter,
  Summary,
  Themes,
  Timeseries,
  Value,
} from '../schemas/reports.js';
import type { Site, SiteCreate, SiteCreated, SitePatch } from '../schemas/site.js';
import type { SiteConfig } from '../schemas/site-config.js';
import type { Survey, SurveyCreate, SurveyUpdate } from '../schemas/survey.js';
import type { Me } from '../schemas/token.js';
import type { Webhook, WebhookCreate, WebhookDelivery } from '../schemas/webhook.js';

/** An answer other than 2xx, with the API's error body when it sent one. */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
  }
}

type Query = Record<string, string | number | boolean | undefined>;

function toQuery(q: Query = {}): string {
  const entries = Object.entries(q).filter(
    (e): e is [string, string | number | boolean] => e[1] !== undefined,
  );
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}

/** A typed client of the Moments HTTP API; `token` is the admin or an agent token. */
export function createApiClient(opts: { baseUrl: string; token?: string; fetch?: typeof fetch }) {
  const doFetch = opts.fetch ?? fetch;
  async function call<T>(
    method: string,
    path: string,
    body?: unknown,
    type = 'application/json',
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (body !== undefined) headers['content-type'] = type;
    const res = await doFetch(`${opts.baseUrl.replace(/\/$/, '')}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new ApiClientError(res.status, json as ErrorBody | undefined);
    return json as T;
  }
  const enc = encodeURIComponent;
  return {
    /** GET /healthz */
    health: () => call<{ ok: boolean }>('GET', '/healthz'),
    /** Agent or admin: who this token is, and the company's own mail domains. */
    getMe: () => call<Me>('GET', '/v1/me'),
    /** Public: a site's config, with eligibility for a signed customer. */
    getConfig: (siteKey: string, q?: { customer?: string; sig?: string }) =>
      call<SiteConfig>('GET', `/v1/sites/${enc(siteKey)}/config${toQuery(q)}`),
    /** Public: ingest responses (idempotent on id). */
    sendResponses: (siteKey: string, responses: SurveyResponse[]) =>
      call<IngestResult>('POST', `/v1/sites/${enc(siteKey)}/responses`, { responses }),
    /** Public: record displays. */
    sendDisplays: (siteKey: string, displays: Display[]) =>
      call<IngestResult>('POST', `/v1/sites/${enc(siteKey)}/displays`, { displays }),
    /** Public: record funnel moments. */
    sendEvents: (siteKey: string, events: TrackedEvent[]) =>
      call<IngestResult>('POST', `/v1/sites/${enc(siteKey)}/events`, { events }),
    /** Admin: sites. */
    createSite: (site: Partial<SiteCreate> & { name: string }) =>
      call<SiteCreated>('POST', '/v1/sites', site),
    listSites: () => call<{ sites: Site[] }>('GET', '/v1/sites'),
    getSite: (id: string) => call<Site>('GET', `/v1/sites/${enc(id)}`),
    updateSite: (id: string, patch: SitePatch) => call<Site>('PATCH', `/v1/sites/${enc(id)}`, patch),
    /** Admin: surveys. */
    createSurvey: (
      siteId: string,
      survey: Partial<SurveyCreate> & Pick<SurveyCreate, 'name' | 'moment' | 'questions'>,
    ) => call<Survey>('POST', `/v1/sites/${enc(siteId)}/surveys`, survey),
    listSurveys: (siteId: string) => call<{ surveys: Survey[] }>('GET', `/v1/sites/${enc(siteId)}/surveys`),
    getSurvey: (id: string) => call<Survey>('GET', `/v1/surveys/${enc(id)}`),
    replaceSurvey: (id: string, survey: SurveyUpdate) =>
      call<Survey>('PUT', `/v1/surveys/${enc(id)}`, survey),
    deleteSurvey: (id: string) => call<undefined>('DELETE', `/v1/surveys/${enc(id)}`),
    /** Admin: business data as rows or CSV text. */
    upsertCustomers: (siteId: string, rows: Partial<CustomerRow>[] | string, q: { columns?: string } = {}) =>
      call<CustomerUpsertResult>(
        'PUT',
        `/v1/sites/${enc(siteId)}/customers${toQuery(q)}`,
        rows,
        typeof rows === 'string' ? 'text/csv' : 'application/json',
      ),
    eraseCustomer: (siteId: string, customerId: string) =>
      call<undefined>('DELETE', `/v1/sites/${enc(siteId)}/customers/${enc(customerId)}`),
    /** Admin: customers biggest MRR first, with latest scores and risk. */
    listCustomers: (siteId: string, q: CustomerListQuery = {}) =>
      call<CustomerList>('GET', `/v1/sites/${enc(siteId)}/customers${toQuery(q)}`),
    /** Admin: responses newest first with their answers, filtered, a page at a time. */
    listResponses: (siteId: string, q: ResponseListQuery = {}) =>
      call<ResponseList>('GET', `/v1/sites/${enc(siteId)}/responses/list${toQuery(q)}`),
    /** Admin: a new site secret (shown only here); the old one verifies until the grace period ends. */
    rotateSiteSecret: (id: string) =>
      call<{ id: string; secret: string; previousSecretValidUntil: string }>(
        'POST',
        `/v1/sites/${enc(id)}/rotate-secret`,
      ),
    /** Admin: a new public key; the old one serves until the grace period ends. */
    rotateSiteKey: (id: string) =>
      call<{ id: string; publicKey: string; previousPublicKeyValidUntil: string }>(
        'POST',
        `/v1/sites/${enc(id)}/rotate-key`,
      ),
    /** Admin: webhooks and their delivery log. */
    listWebhooks: (siteId: string) =>
      call<{ webhooks: Webhook[] }>('GET', `/v1/sites/${enc(siteId)}/webhooks`),
    createWebhook: (
      siteId: string,
      w: Partial<WebhookCreate> & Pick<WebhookCreate, 'url' | 'events' | 'secret'>,
    ) => call<Webhook>('POST', `/v1/sites/${enc(siteId)}/webhooks`, w),
    deleteWebhook: (id: string) => call<undefined>('DELETE', `/v1/webhooks/${enc(id)}`),
    listDeliveries: (id: string) =>
      call<{ deliveries: WebhookDelivery[] }>('GET', `/v1/webhooks/${enc(id)}/deliveries`),
    /** Admin: agent tokens. */
    createAgentToken: (name: string, siteIds: string[]) =>
      call<{ id: string; token: string }>('POST', '/v1/tokens', { role: 'agent', name, siteIds }),
    revokeToken: (id: string) => call<undefined>('DELETE', `/v1/tokens/${enc(id)}`),
    /** Admin: reports. */
    getSummary: (siteId: string, f: ReportFilter = {}) =>
      call<Summary>('GET', `/v1/sites/${enc(siteId)}/reports/summary${toQuery(f)}`),
    getTimeseries: (siteId: string, f: ReportFilter & { metric?: string; interval?: string } = {}) =>
      call<Timeseries>('GET', `/v1/sites/${enc(siteId)}/reports/timeseries${toQuery(f)}`),
    getRanking: (siteId: string, f: ReportFilter & { metric?: Metric; by?: GroupBy; minN?: number } = {}) =>
      call<Ranking>('GET', `/v1/sites/${enc(siteId)}/reports/ranking${toQuery(f)}`),
    getMovers: (
      siteId: string,
      f: ReportFilter & { metric?: Metric; by?: GroupBy; interval?: 'week' | 'month'; minN?: number } = {},
    ) => call<Movers>('GET', `/v1/sites/${enc(siteId)}/reports/movers${toQuery(f)}`),
    getDrivers: (siteId: string, f: ReportFilter & { surveyId: string; outcome?: 'nps' | 'csat' }) =>
      call<Drivers>('GET', `/v1/sites/${enc(siteId)}/reports/drivers${toQuery(f)}`),
    /** Admin: which surveys would show now to one customer or visitor, and why not. */
    explainAudience: (siteId: string, q: { customer?: string; anonymousId?: string }) =>
      call<Audience>('GET', `/v1/sites/${enc(siteId)}/audience${toQuery(q)}`),
    getSurveyResults: (siteId: string, f: { surveyId: string; from?: string; to?: string }) =>
      call<SurveyResults>('GET', `/v1/sites/${enc(siteId)}/reports/questions${toQuery(f)}`),
    /** A page of the customers behind revenue at risk: `limit` of them from `offset`, and `total`. */
    getValueAtRisk: (siteId: string, f: ReportFilter & { limit?: number; offset?: number } = {}) =>
      call<AtRisk>('GET', `/v1/sites/${enc(siteId)}/reports/value/at-risk${toQuery(f)}`),
    getJourney: (siteId: string, f: ReportFilter = {}) =>
      call<Journey>('GET', `/v1/sites/${enc(siteId)}/reports/journey${toQuery(f)}`),
    getValue: (siteId: string, f: ReportFilter = {}) =>
      call<Value>('GET', `/v1/sites/${enc(siteId)}/reports/value${toQuery(f)}`),
    getThemes: (siteId: string, f: ReportFilter = {}) =>
      call<Themes>('GET', `/v1/sites/${enc(siteId)}/reports/themes${toQuery(f)}`),
    /** Admin: live agent tokens (never the tokens themselves). */
    listTokens: () =>
      call<{ tokens: { id: string; name: string; role: string; siteIds: string[]; createdAt: string }[] }>(
        'GET',
        '/v1/tokens',
      ),
    /** Agent or admin: everything known of one customer. */
    lookupCustomer: (q: { email?: string; id?: string; site?: string }) =>
      call<Lookup>('GET', `/v1/customers/lookup${toQuery(q)}`),
    /** Agent or admin: follow-ups (unresolved by default). */
    listFollowUps: (
      q: {
        status?: 'open' | 'in_progress' | 'resolved' | 'unresolved' | 'all';
        site?: string;
        customer?: string;
        limit?: number;
      } = {},
    ) => call<{ followups: FollowUp[]; total: number }>('GET', `/v1/followups${toQuery(q)}`),
    getFollowUp: (id: string) => call<FollowUp>('GET', `/v1/followups/${enc(id)}`),
    updateFollowUp: (id: string, patch: FollowUpPatch) =>
      call<FollowUp>('PATCH', `/v1/followups/${enc(id)}`, patch),
  };
}
export type ApiClient = ReturnType<typeof createApiClient>;
