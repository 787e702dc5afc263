import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { sha256Hex } from '../domain/crypto.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { ADMIN, ADMIN_TOKEN, createTestApp, type TestApp } from '../testing/test-app.js';
import { ensureAdminToken } from './admin-token.js';
import { createFailedAuthThrottle } from './failed-auth-throttle.js';

let t: TestApp;
afterEach(() => t.close());

const CSRF = { 'x-moments-csrf': '1' };

describe('POST /v1/admin-token/rotate', () => {
  it('gives a new token once; the old token and its dashboard sessions stop working on every instance', async () => {
    t = await createTestApp();
    const signIn = await t.request('POST', '/app/session', { token: ADMIN_TOKEN }, CSRF);
    const cookie = { cookie: signIn.headers.get('set-cookie')!.split(';')[0]!, ...CSRF };
    expect((await t.request('GET', '/v1/sites', undefined, cookie)).status).toBe(200);
    // A second instance on the same database, started with the old token.
    const other = createApp({
      db: t.db,
      adminTokenHash: await sha256Hex(ADMIN_TOKEN),
      rateLimiter: createRateLimiter(1000),
      getClientIp: () => undefined,
    });
    expect((await other.request('/v1/sites', { headers: ADMIN })).status).toBe(200);

    const r = await t.admin('POST', '/v1/admin-token/rotate');
    expect(r.status).toBe(200);
    expect(r.json.token).toMatch(/^madm_[\w-]{40,}$/);
    const fresh = { authorization: `Bearer ${r.json.token}` };
    expect((await t.admin('GET', '/v1/sites')).status).toBe(401);
    expect((await other.request('/v1/sites', { headers: ADMIN })).status).toBe(401);
    expect((await t.request('GET', '/v1/sites', undefined, cookie)).status).toBe(401);
    expect((await t.request('GET', '/app/session', undefined, cookie)).json).toEqual({ signedIn: false });
    expect((await t.request('GET', '/v1/sites', undefined, fresh)).status).toBe(200);
    expect((await other.request('/v1/sites', { headers: fresh })).status).toBe(200);
    expect((await t.request('POST', '/app/session', { token: ADMIN_TOKEN }, CSRF)).status).toBe(401);
    expect((await t.request('POST', '/app/session', { token: r.json.token }, CSRF)).status).toBe(200);
    expect((await t.request('POST', '/v1/admin-token/rotate')).status).toBe(401);
  });

  it('a new MOMENTS_ADMIN_TOKEN at restart replaces the old token and ends its sessions', async () => {
    t = await createTestApp();
    const signIn = await t.request('POST', '/app/session', { token: ADMIN_TOKEN }, CSRF);
    const cookie = { cookie: signIn.headers.get('set-cookie')!.split(';')[0]!, ...CSRF };
    await ensureAdminToken(t.db, ADMIN_TOKEN);
    expect((await t.request('GET', '/v1/sites', undefined, cookie)).status).toBe(200);
    await ensureAdminToken(t.db, 'a-new-admin-token-from-the-environment');
    expect((await t.request('GET', '/v1/sites', undefined, cookie)).status).toBe(401);
    expect((await t.admin('GET', '/v1/sites')).status).toBe(401);
    const fresh = { authorization: 'Bearer a-new-admin-token-from-the-environment' };
    expect((await t.request('GET', '/v1/sites', undefined, fresh)).status).toBe(200);
  });

  it('is refused (409) when the token comes from MOMENTS_ADMIN_TOKEN', async () => {
    t = await createTestApp();
    const fromEnv = createApp({
      db: t.db,
      adminTokenHash: await sha256Hex(ADMIN_TOKEN),
      adminTokenFromEnv: true,
      rateLimiter: createRateLimiter(1000),
      getClientIp: () => undefined,
    });
    const r = await fromEnv.request('/v1/admin-token/rotate', { method: 'POST', headers: ADMIN });
    expect(r.status).toBe(409);
    expect((await fromEnv.request('/v1/sites', { headers: ADMIN })).status).toBe(200);
  });
});

describe('failed credentials', () => {
  it('are throttled per address with 429 and Retry-After, for bearer tokens and sign-ins alike', async () => {
    t = await createTestApp({ authFailures: 3 });
    const from = (ip: string, token: string) =>
      t.request('GET', '/v1/sites', undefined, { authorization: `Bearer ${token}`, 'x-test-ip': ip });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from('192.0.2.1', `guess-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const blocked = await from('192.0.2.1', ADMIN_TOKEN);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await from('192.0.2.2', ADMIN_TOKEN)).status).toBe(200);

    const signIn = (token: string) =>
      t.request('POST', '/app/session', { token }, { ...CSRF, 'x-test-ip': '192.0.2.3' });
    const signIns = [];
    for (let i = 0; i < 4; i++) signIns.push((await signIn(`guess-${i}`)).status);
    expect(signIns).toEqual([401, 401, 401, 429]);
    expect((await signIn(ADMIN_TOKEN)).status).toBe(429);
    // Wrong sign-ins and wrong bearer tokens share one budget per address.
    expect((await from('192.0.2.3', ADMIN_TOKEN)).status).toBe(429);

    // A revoked agent token retried (an extension not yet reconfigured) is no guess: 401, never a lock-out.
    const site = (await t.admin('POST', '/v1/sites', { name: 'S' }, { 'x-test-ip': '192.0.2.5' })).json;
    const agent = (
      await t.admin(
        'POST',
        '/v1/tokens',
        { role: 'agent', name: 'A', siteIds: [site.id] },
        { 'x-test-ip': '192.0.2.5' },
      )
    ).json;
    await t.admin('DELETE', `/v1/tokens/${agent.id}`, undefined, { 'x-test-ip': '192.0.2.5' });
    const retries = [];
    for (let i = 0; i < 5; i++) retries.push((await from('192.0.2.4', agent.token)).status);
    expect(retries).toEqual([401, 401, 401, 401, 401]);
    expect((await from('192.0.2.4', ADMIN_TOKEN)).status).toBe(200);
  });

  it('share one count across instances (kept in the database)', async () => {
    t = await createTestApp({ authFailures: 3 });
    const other = createApp({
      db: t.db,
      adminTokenHash: await sha256Hex(ADMIN_TOKEN),
      rateLimiter: createRateLimiter(1000),
      getClientIp: (c) => c.req.header('x-test-ip'),
      failedAuthThrottle: createFailedAuthThrottle(t.db, 3),
    });
    const headers = (token: string) => ({ authorization: `Bearer ${token}`, 'x-test-ip': '192.0.2.9' });
    expect((await t.request('GET', '/v1/sites', undefined, headers('guess-1'))).status).toBe(401);
    expect((await other.request('/v1/sites', { headers: headers('guess-2') })).status).toBe(401);
    expect((await t.request('GET', '/v1/sites', undefined, headers('guess-3'))).status).toBe(401);
    expect((await other.request('/v1/sites', { headers: headers(ADMIN_TOKEN) })).status).toBe(429);
    expect((await t.request('GET', '/v1/sites', undefined, headers(ADMIN_TOKEN))).status).toBe(429);
  });
});
