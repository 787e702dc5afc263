import { ErrorBodySchema } from '@moments/shared';
import { z } from 'zod';
import { type Credential, findRequestPart, findRouteDoc, type RouteDoc } from './describe-route.js';

/** A route as Hono lists it in `app.routes`. */
type AppRoute = { method: string; path: string; handler: object };

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** How a customer's identity and email are trusted: said in the document and on the lookup. */
export const IDENTITY_RULES = [
  'A customer may carry `signature` = hex(HMAC-SHA256(site secret, customerId)); with `requireSignedIdentity` on, a customer without a valid one is refused (401).',
  'An email is trusted only when `emailSignature` = hex(HMAC-SHA256(site secret, customerId + "\\n" + email)) covers it (UTF-8, the email exactly as sent); a wrong one is 401.',
  'Otherwise an email is a claim: dropped where the site requires signed identity; elsewhere stored only when that customer has no email yet and no other customer of the site holds it.',
  'An identity never changes a stored email unless an emailSignature covers the new one; business data (PUT /v1/sites/{id}/customers) is the other source of emails.',
].join(' ');

/** What holds for every route. */
const API_RULES = [
  'Errors are {"error": {"code", "message", "issues"?}}. A NUL character anywhere in a path, query or body, or JSON nested deeper than 20 levels, is 400.',
  '429 (with Retry-After) for the public rate limit and for repeated wrong credentials from one address; 503 (with Retry-After) while the database is unavailable, never 500.',
  `Identity: ${IDENTITY_RULES}`,
  'Webhook URLs whose host is, or resolves to, a loopback, private, link-local or metadata address are refused (400) unless MOMENTS_WEBHOOK_ALLOW_PRIVATE=1; deliveries connect only to the address checked, follow no redirect, and log a generic reason (timeout, connection failed, address not allowed, HTTP n).',
  'Rotation: POST /v1/sites/{id}/rotate-secret and /rotate-key keep the old secret or key working for a grace period (MOMENTS_ROTATION_GRACE_HOURS, default 24); POST /v1/admin-token/rotate ends the old token, its sessions and its streams at once.',
].join('\n\n');

/** Whether a route belongs to the API (not the widget's files, the dashboard's pages or the demo). */
export function isApiRoute(r: { method: string; path: string }): boolean {
  return (
    METHODS.includes(r.method) &&
    (r.path.startsWith('/v1/') || r.path === '/app/session' || r.path === '/healthz' || r.path === '/readyz')
  );
}

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

const SECURITY: Record<Credential, string | undefined> = {
  admin: 'admin',
  agent: 'agent',
  siteKey: undefined,
  public: undefined,
};

function describeOperation(doc: RouteDoc, path: string, body?: z.ZodType, query?: z.ZodType) {
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const security = doc.auth.flatMap((a) => (SECURITY[a] ? [{ [SECURITY[a]!]: [] }] : []));
  return {
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    ...(security.length ? { security } : {}),
    parameters: [...pathParams, ...(query ? queryParameters(query) : [])],
    ...(body
      ? {
          requestBody: { required: true, content: { 'application/json': { schema: toJson(body, 'input') } } },
        }
      : {}),
    responses: {
      [doc.ok[0]]: {
        description: 'OK',
        ...(doc.ok[1] ? { content: { 'application/json': { schema: toJson(doc.ok[1], 'output') } } } : {}),
      },
      default: {
        description: 'Error',
        content: { 'application/json': { schema: toJson(ErrorBodySchema, 'output') } },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document, generated from the app's own routes: each route's `describeRoute`
 * and the zod schemas of its validators, the same that check every request. An API route without
 * a description is listed in `undocumented` (a test keeps that list empty).
 */
export function buildOpenApiDocument(routes: AppRoute[]) {
  const groups = new Map<string, AppRoute[]>();
  for (const r of routes.filter(isApiRoute)) {
    const key = `${r.method} ${r.path}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const paths: Record<string, Record<string, unknown>> = {};
  const undocumented: string[] = [];
  for (const [key, handlers] of groups) {
    const [method, honoPath] = key.split(' ') as [string, string];
    const doc = handlers.map((h) => findRouteDoc(h.handler)).find(Boolean);
    if (!doc) {
      undocumented.push(key);
      continue;
    }
    const partOf = (where: 'body' | 'query') =>
      handlers.map((h) => findRequestPart(h.handler)).find((p) => p?.in === where)?.schema;
    const path = honoPath.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path]![method.toLowerCase()] = describeOperation(
      doc,
      path,
      partOf('body') ?? doc.body,
      partOf('query'),
    );
  }
  const document = {
    openapi: '3.1.0',
    info: { title: 'Moments API', version: '1', description: API_RULES },
    components: {
      securitySchemes: {
        admin: {
          type: 'http',
          scheme: 'bearer',
          description:
            'The admin token (the dashboard sends its session cookie with X-Moments-CSRF: 1 instead)',
        },
        agent: { type: 'http', scheme: 'bearer', description: 'An agent token from POST /v1/tokens' },
      },
    },
    paths,
  };
  return { document, undocumented };
}
