import type { Context, MiddlewareHandler } from 'hono';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { Deps } from '../env.js';
import { findSiteByPublicKey, type SiteRecord } from '../sites/queries.js';

export type PublicEnv = { Variables: { site: SiteRecord } };

function isOriginAllowed(site: SiteRecord, origin: string | undefined): boolean {
  return !origin || site.allowedOrigins.length === 0 || site.allowedOrigins.includes(origin);
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
    if (origin) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
    }
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
