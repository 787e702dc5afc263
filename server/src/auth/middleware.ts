import type { MiddlewareHandler } from 'hono';
import type { AppEnv, Auth, Deps } from '../env.js';
import { sha256Hex, timingSafeEqual } from '../http/crypto.js';
import { ForbiddenError, UnauthorizedError } from '../http/errors.js';
import { findActiveTokenByHash } from '../tokens/queries.js';

function readBearer(header: string | undefined): string | undefined {
  const m = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return m?.[1];
}

/** Resolves the bearer credential to an Auth, or undefined when it is wrong. */
async function resolveAuth(deps: Deps, token: string): Promise<Auth | undefined> {
  const hash = await sha256Hex(token);
  if (timingSafeEqual(hash, deps.adminTokenHash)) return { role: 'admin' };
  const agent = await findActiveTokenByHash(deps.db, hash);
  return agent ? { role: 'agent', tokenId: agent.id, siteIds: agent.siteIds } : undefined;
}

/** Lets through only the given roles; 401 for a missing or wrong token, 403 for a wrong role. */
export function requireRole(deps: Deps, roles: Auth['role'][]): MiddlewareHandler<AppEnv> {
  return async function requireRoleHandler(c, next) {
    const token = readBearer(c.req.header('authorization'));
    if (!token) throw new UnauthorizedError('Send Authorization: Bearer <token>');
    const auth = await resolveAuth(deps, token);
    if (!auth) throw new UnauthorizedError('The token is wrong or revoked');
    if (!roles.includes(auth.role)) throw new ForbiddenError(`This needs the ${roles.join(' or ')} role`);
    c.set('auth', auth);
    await next();
  };
}

/** Throws 403 unless the caller may act on the site. */
export function assertSiteAccess(auth: Auth, siteId: string): void {
  if (auth.role === 'agent' && !auth.siteIds.includes(siteId)) {
    throw new ForbiddenError('This token is not scoped to that site');
  }
}
