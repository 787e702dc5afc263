import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sha256Hex } from '../domain/crypto.js';
import { ForbiddenError, UnauthorizedError } from '../domain/errors.js';
import type { AppEnv, Auth, Deps } from '../env.js';
import { readForwarded } from '../http/forwarded.js';
import { findActiveTokenByHash, isIssuedTokenHash } from '../tokens/queries.js';
import { isAdminTokenHash } from './admin-token.js';
import { isLiveSession, SESSION_COOKIE } from './sessions.js';

/** The header the dashboard sends with every request: a cross-site form or image cannot set it. */
export const CSRF_HEADER = 'x-moments-csrf';

function readBearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1];
}

/** Resolves the bearer credential to an Auth, or undefined when it is wrong. */
async function resolveAuth(deps: Deps, token: string): Promise<Auth | undefined> {
  const hash = await sha256Hex(token);
  const isAdmin = () => isAdminTokenHash(deps.db, hash, deps.adminTokenHash);
  if (await isAdmin()) return { role: 'admin', isStillValid: isAdmin };
  const agent = await findActiveTokenByHash(deps.db, hash);
  if (!agent) return undefined;
  return {
    role: 'agent',
    tokenId: agent.id,
    siteIds: agent.siteIds,
    isStillValid: async () => !!(await findActiveTokenByHash(deps.db, hash)),
  };
}

/** The origin the browser used: the request's own, or behind a trusted proxy the forwarded one. */
export function getPublicOrigin(c: Context, trustProxy = false): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const proto = readForwarded(c, 'proto') ?? url.protocol.slice(0, -1);
  return `${proto}://${readForwarded(c, 'host') ?? url.host}`;
}

/**
 * Refuses a cookie-authenticated request that another site could have made: it must carry the
 * dashboard's header (cross-origin pages cannot set one without a CORS preflight, which the API
 * never grants) and, when the browser names an Origin, come from this server's public origin.
 */
export function assertSameOriginRequest(c: Context, trustProxy = false): void {
  const origin = c.req.header('origin');
  if (origin && origin !== getPublicOrigin(c, trustProxy))
    throw new ForbiddenError('Cross-site request refused');
  if (c.req.header(CSRF_HEADER) !== '1') throw new ForbiddenError(`Send the ${CSRF_HEADER} header`);
}

/** The dashboard's session cookie as the admin, or undefined when there is none or it expired. */
async function resolveSession(deps: Deps, c: Context): Promise<Auth | undefined> {
  const session = getCookie(c, SESSION_COOKIE);
  if (!session || !(await isLiveSession(deps.db, session))) return undefined;
  // Reads too: a cross-site page must not be able to embed or time admin data through the cookie.
  assertSameOriginRequest(c, deps.trustProxy);
  return { role: 'admin', isStillValid: () => isLiveSession(deps.db, session) };
}

/** The address failed credentials are counted against. */
export const getThrottleKey = (deps: Deps, c: Context) => `auth:${deps.getClientIp(c) ?? 'unknown'}`;

/**
 * Lets through only the given roles; 401 for a missing or wrong token, 403 for a wrong role.
 * Wrong tokens are counted per address: past the limit the address gets 429 for a while, so a
 * token cannot be guessed by trying.
 */
export function requireRole(deps: Deps, roles: Auth['role'][]): MiddlewareHandler<AppEnv> {
  return async function requireRoleHandler(c, next) {
    const token = readBearer(c.req.header('authorization'));
    let auth: Auth | undefined;
    if (token) {
      const key = getThrottleKey(deps, c);
      await deps.failedAuthThrottle.assertAllowed(key);
      auth = await resolveAuth(deps, token);
      if (!auth) {
        // Guesses count; an extension still retrying its revoked token does not lock out its office.
        if (!(await isIssuedTokenHash(deps.db, await sha256Hex(token))))
          await deps.failedAuthThrottle.recordFailure(key);
        throw new UnauthorizedError('The token is wrong or revoked');
      }
    } else {
      auth = await resolveSession(deps, c);
      if (!auth) throw new UnauthorizedError('Send Authorization: Bearer <token>');
    }
    if (!roles.includes(auth.role)) throw new ForbiddenError(`This needs the ${roles.join(' or ')} role`);
    c.set('auth', auth);
    // What it reads or changes includes every response accepted before it (SQLite's inbox).
    await deps.inbox?.drain();
    await next();
  };
}

/** Throws 403 unless the caller may act on the site. */
export function assertSiteAccess(auth: Auth, siteId: string): void {
  if (auth.role === 'agent' && !auth.siteIds.includes(siteId)) {
    throw new ForbiddenError('This token is not scoped to that site');
  }
}

/**
 * The sites a request may read, resolved at the edge so the domain gets plain ids: the one asked
 * for (403 when out of the caller's scope), else an agent's own sites, else every site (undefined).
 */
export function resolveSiteScope(auth: Auth, requested?: string): string[] | undefined {
  if (requested) {
    assertSiteAccess(auth, requested);
    return [requested];
  }
  return auth.role === 'agent' ? auth.siteIds : undefined;
}
