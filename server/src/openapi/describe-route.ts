import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';

/** Who may call a route: the admin token (or the dashboard's session), an agent token, a site's public key, anyone. */
export type Credential = 'admin' | 'agent' | 'siteKey' | 'public';

/** What the OpenAPI document says of a route, written where the route is defined. */
export type RouteDoc = {
  summary: string;
  description?: string;
  auth: Credential[];
  /** The success status and the schema of its JSON body (null: no JSON body, or a stream). */
  ok: [number, z.ZodType | null];
  /** The body's schema, for a route that reads its body itself (not through validateJson). */
  body?: z.ZodType;
};

/** What a validator checks, so the document takes the request's schemas from the route itself. */
export type RequestPart = { in: 'body' | 'query'; schema: z.ZodType };

const docs = new WeakMap<object, RouteDoc>();
const parts = new WeakMap<object, RequestPart>();

/**
 * The route's description, as the first handler of its definition: a pass-through middleware the
 * document builder finds in `app.routes`. Body and query schemas come from the route's validators.
 */
export function describeRoute(doc: RouteDoc): MiddlewareHandler {
  const describedRoute: MiddlewareHandler = async (_c, next) => {
    await next();
  };
  docs.set(describedRoute, doc);
  return describedRoute;
}

/** Marks a validator with the schema it checks (validate.ts does this for every validator). */
export function markRequestPart<H extends object>(handler: H, part: RequestPart): H {
  parts.set(handler, part);
  return handler;
}

export const findRouteDoc = (handler: object) => docs.get(handler);
export const findRequestPart = (handler: object) => parts.get(handler);
