import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { Deps } from '../env.js';
import { findSiteByPublicKey, type SiteRecord } from '../sites/queries.js';

export type PublicEnv = { Variables: { site: SiteRecord } };

function isOriginAllowed(site: SiteRecord, origin: string | undefined): boolean {
  return !origin || site.allowedOrigins.length === 0 || site.allowedOrigins.includes(origin);
}

/**
 * For the public endpoints, before anything that can refuse a request ahead of `publicSite` (the
 * body limit, the input guard, the 405 of a method no route takes): their error carries CORS for
 * an origin the site allows, as every later answer does. Without it a browser sees only a failed
 * fetch, and the widget retries, forever, a batch the server will always refuse. The site is read
 * only for such an error. A 503 (the database unavailable) says nothing of any site and the
 * allowlist cannot be read then: any origin may read it, so the widget sees it and waits for its
 * Retry-After rather than a network error.
 */
export function allowOriginOfEarlyErrors(deps: Deps): MiddlewareHandler {
  return async function allowOriginOfEarlyErrorsHandler(c, next) {
    // Read before next(): afterwards c.req.param answers for the last handler's route.
    const key = c.req.param('siteKey') ?? '';
    await next();
    const origin = c.req.header('origin');
    if (!origin || c.res.status < 400 || c.res.headers.has('Access-Control-Allow-Origin')) return;
    if (c.res.status !== 503) {
      const site = await findSiteByPublicKey(deps.db, key).catch(() => undefined);
      if (!site || !isOriginAllowed(site, origin)) return;
    }
    c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Vary', 'Origin');
  };
}

/**
 * For the public endpoints: finds the site by its public key (404), refuses an Origin outside its
 * allowlist (403), applies the per-site-and-IP rate limit (429) and answers CORS, preflight included.
 */
export function publicSite(deps: Deps): MiddlewareHandler<PublicEnv> {
  // Requests for one key that arrive while its site is being read share that read. Nothing is kept
  // once it answers: a request sees the site as of a read already under way when it came, never older.
  const reading = new Map<string, Promise<SiteRecord | undefined>>();
  const findSite = (key: string) => {
    let read = reading.get(key);
    if (!read) {
      read = findSiteByPublicKey(deps.db, key).finally(() => reading.delete(key));
      reading.set(key, read);
    }
    return read;
  };
  return async function publicSiteHandler(c, next) {
    const key = c.req.param('siteKey') ?? '';
    const site = deps.isolatedRequests ? await findSiteByPublicKey(deps.db, key) : await findSite(key);
    if (!site) throw new NotFoundError('Site');
    const origin = c.req.header('origin');
    if (!isOriginAllowed(site, origin))
      throw new ForbiddenError(`Origin ${origin} is not allowed for this site`);
    // Every answer varies by Origin, one without it too: a shared cache must not hand a copy
    // fetched without CORS headers (a server, a crawler) to a page's fetch, which would fail.
    c.header('Vary', 'Origin');
    if (origin) c.header('Access-Control-Allow-Origin', origin);
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      c.header('Access-Control-Allow-Headers', 'Content-Type, If-None-Match');
      c.header('Access-Control-Max-Age', '86400');
      return c.body(null, 204);
    }
    await deps.rateLimiter.consume(`${site.id}:${deps.getClientIp(c as unknown as Context) ?? 'unknown'}`);
    c.set('site', site);
    await next();
  };
}
