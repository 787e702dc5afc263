import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

const CSRF = { 'x-moments-csrf': '1' };

async function signIn(token = ADMIN_TOKEN, headers: Record<string, string> = CSRF) {
  const r = await t.request('POST', '/app/session', { token }, headers);
  const cookie = r.headers.get('set-cookie') ?? '';
  return { ...r, cookie, pair: cookie.split(';')[0]! };
}

describe('dashboard sign-in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie for the admin token, and stores only its hash', async () => {
    const r = await signIn();
    expect(r.status).toBe(200);
    expect(r.cookie).toMatch(/^moments_session=mses_[\w-]+;/);
    expect(r.cookie).toMatch(/HttpOnly/);
    expect(r.cookie).toMatch(/SameSite=Strict/);
    expect(r.cookie).toMatch(/Path=\//);
    const value = r.pair.split('=')[1]!;
    const rows = await t.db.all<{ id_hash: string }>('SELECT id_hash FROM sessions');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.id_hash).not.toContain(value);
    const s = await t.request('GET', '/app/session', undefined, { cookie: r.pair });
    expect(s.json).toEqual({ signedIn: true });
  });

  it('refuses a wrong token, a bad body and a request without the CSRF header, starting no session', async () => {
    expect((await signIn('not-the-token')).status).toBe(401);
    const bad = await t.request('POST', '/app/session', { token: '' }, CSRF);
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('token');
    expect((await signIn(ADMIN_TOKEN, {})).status).toBe(403);
    const huge = await t.request('POST', '/app/session', { token: 'x'.repeat(10_000) }, CSRF);
    expect(huge.status).toBe(413);
    expect((await signIn(ADMIN_TOKEN, { ...CSRF, origin: 'https://evil.example' })).status).toBe(403);
    expect((await t.db.all('SELECT id_hash FROM sessions')).length).toBe(0);
    expect((await t.request('GET', '/app/session')).json).toEqual({ signedIn: false });
  });

  it('lets the session call the admin API only with the CSRF header and from its own origin', async () => {
    const { pair } = await signIn();
    const ok = await t.request('GET', '/v1/sites', undefined, { cookie: pair, ...CSRF });
    expect(ok.status).toBe(200);
    const created = await t.request(
      'POST',
      '/v1/sites',
      { name: 'From the dashboard' },
      { cookie: pair, ...CSRF },
    );
    expect(created.status).toBe(201);
    const noHeader = await t.request('POST', '/v1/sites', { name: 'Forged' }, { cookie: pair });
    expect(noHeader.status).toBe(403);
    const crossSite = await t.request(
      'POST',
      '/v1/sites',
      { name: 'Forged' },
      { cookie: pair, ...CSRF, origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    const names = (await t.admin('GET', '/v1/sites')).json.sites.map((s: { name: string }) => s.name);
    expect(names).toEqual(['From the dashboard']);
  });

  it('signs out: the cookie stops working at once', async () => {
    const { pair } = await signIn();
    expect((await t.request('DELETE', '/app/session', undefined, { cookie: pair, ...CSRF })).status).toBe(
      204,
    );
    const after = await t.request('GET', '/v1/sites', undefined, { cookie: pair, ...CSRF });
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe('unauthorized');
  });

  it('refuses a session cookie the server never issued', async () => {
    const forged = await t.request('GET', '/v1/sites', undefined, {
      cookie: 'moments_session=mses_forged',
      ...CSRF,
    });
    expect(forged.status).toBe(401);
  });

  it('behind a trusted proxy, takes the forwarded origin: Secure cookie, HTTPS Origin accepted', async () => {
    const proxied = await createTestApp({ trustProxy: true });
    try {
      const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'moments.example.com' };
      const r = await proxied.request(
        'POST',
        '/app/session',
        { token: ADMIN_TOKEN },
        { ...CSRF, ...forwarded, origin: 'https://moments.example.com' },
      );
      expect(r.status).toBe(200);
      expect(r.headers.get('set-cookie')).toMatch(/Secure/);
      const pair = r.headers.get('set-cookie')!.split(';')[0]!;
      const ok = await proxied.request('GET', '/v1/sites', undefined, {
        cookie: pair,
        ...CSRF,
        ...forwarded,
        origin: 'https://moments.example.com',
      });
      expect(ok.status).toBe(200);
      const other = await proxied.request('GET', '/v1/sites', undefined, {
        cookie: pair,
        ...CSRF,
        ...forwarded,
        origin: 'https://evil.example',
      });
      expect(other.status).toBe(403);
    } finally {
      await proxied.close();
    }
    // Without trusting a proxy, the forwarded headers change nothing: that Origin is foreign.
    const direct = await t.request(
      'POST',
      '/app/session',
      { token: ADMIN_TOKEN },
      {
        ...CSRF,
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'moments.example.com',
        origin: 'https://moments.example.com',
      },
    );
    expect(direct.status).toBe(403);
  });

  it('answers /app with 404 when the dashboard is not built', async () => {
    const r = await t.request('GET', '/app');
    expect(r.status).toBe(404);
    expect(r.json.error.code).toBe('not_found');
  });
});
