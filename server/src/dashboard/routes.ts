import { SessionCreateSchema, SessionStateSchema } from '@moments/shared';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isAdminTokenHash } from '../auth/admin-token.js';
import { assertSameOriginRequest, getPublicOrigin, getThrottleKey } from '../auth/middleware.js';
import {
  createSession,
  deleteSession,
  isLiveSession,
  SESSION_COOKIE,
  SESSION_TTL_MS,
} from '../auth/sessions.js';
import { sha256Hex } from '../domain/crypto.js';
import { UnauthorizedError } from '../domain/errors.js';
import type { Deps } from '../env.js';
import { validateJson } from '../http/validate.js';
import { describeRoute } from '../openapi/describe-route.js';
import { serveFile } from '../static/files.js';

/** The dashboard runs its own bundle only: no inline script or style, no framing. */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

/** The dashboard (`/app`, a Preact single-page app) and its cookie sign-in. */
export function createDashboardRoutes(deps: Deps) {
  const app = new Hono();

  app.post(
    '/app/session',
    describeRoute({
      summary: 'Dashboard sign-in with the admin token: sets the HttpOnly session cookie',
      description:
        "Needs the X-Moments-CSRF: 1 header and, when the browser sends one, this server's own Origin. Failed attempts are throttled per address (429 with Retry-After).",
      auth: ['public'],
      ok: [200, SessionStateSchema],
    }),
    validateJson(SessionCreateSchema),
    async (c) => {
      assertSameOriginRequest(c, deps.trustProxy);
      const key = getThrottleKey(deps, c);
      await deps.failedAuthThrottle.assertAllowed(key);
      const hash = await sha256Hex(c.req.valid('json').token);
      if (!(await isAdminTokenHash(deps.db, hash, deps.adminTokenHash))) {
        await deps.failedAuthThrottle.recordFailure(key);
        throw new UnauthorizedError('That is not the admin token');
      }
      setCookie(c, SESSION_COOKIE, await createSession(deps.db), {
        httpOnly: true,
        sameSite: 'Strict',
        secure: getPublicOrigin(c, deps.trustProxy).startsWith('https:'),
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      });
      return c.json({ signedIn: true });
    },
  );

  // Asked on every load of the app: "not signed in" is an answer, not an error.
  app.get(
    '/app/session',
    describeRoute({
      summary: 'Whether the session cookie is signed in',
      auth: ['public'],
      ok: [200, SessionStateSchema],
    }),
    async (c) => {
      const session = getCookie(c, SESSION_COOKIE);
      return c.json({ signedIn: !!session && (await isLiveSession(deps.db, session)) });
    },
  );

  app.delete(
    '/app/session',
    describeRoute({ summary: 'Sign out: the session ends at once', auth: ['public'], ok: [204, null] }),
    async (c) => {
      assertSameOriginRequest(c, deps.trustProxy);
      const session = getCookie(c, SESSION_COOKIE);
      if (session) await deleteSession(deps.db, session);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.get('/app/assets/:file{[A-Za-z0-9._-]+}', (c) =>
    serveFile(deps.dashboardFiles, `assets/${c.req.param('file')}`, {
      ...PAGE_HEADERS,
      'Cache-Control': 'public, max-age=31536000, immutable',
    }),
  );
  // Every other /app path is a view of the single-page app.
  const page = () => serveFile(deps.dashboardFiles, 'index.html', PAGE_HEADERS);
  app.get('/app', page);
  app.get('/app/*', page);
  return app;
}
