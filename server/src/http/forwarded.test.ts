import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp | undefined;
afterEach(() => t?.close());

describe('client address behind a trusted proxy', () => {
  it('is the entry the proxy appended, so a forged leftmost X-Forwarded-For does not escape the rate limit', async () => {
    t = await createTestApp({ rateLimit: 3, proxyHops: 1 });
    const site = await t.createSite();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await t.request('GET', `/v1/sites/${site.publicKey}/config`, undefined, {
        'x-test-ip': '10.0.0.1',
        'x-forwarded-for': `198.51.100.${i}, 203.0.113.7`,
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    // Another real client (another rightmost entry) has its own budget.
    const other = await t.request('GET', `/v1/sites/${site.publicKey}/config`, undefined, {
      'x-test-ip': '10.0.0.1',
      'x-forwarded-for': '203.0.113.8',
    });
    expect(other.status).toBe(200);
  });

  it('counts two trusted hops from the right, and ignores the header when no proxy is trusted', async () => {
    t = await createTestApp({ rateLimit: 1, proxyHops: 2 });
    const site = await t.createSite();
    const get = (xff: string, ip = '10.0.0.1') =>
      t!.request('GET', `/v1/sites/${site.publicKey}/config`, undefined, {
        'x-test-ip': ip,
        'x-forwarded-for': xff,
      });
    expect((await get('1.1.1.1, 203.0.113.9, 10.0.0.2')).status).toBe(200);
    expect((await get('2.2.2.2, 203.0.113.9, 10.0.0.3')).status).toBe(429);
    await t.close();
    t = await createTestApp({ rateLimit: 1 });
    const direct = await t.createSite();
    const at = (xff: string) =>
      t!.request('GET', `/v1/sites/${direct.publicKey}/config`, undefined, {
        'x-test-ip': '10.0.0.1',
        'x-forwarded-for': xff,
      });
    expect((await at('1.1.1.1')).status).toBe(200);
    expect((await at('2.2.2.2')).status).toBe(429);
  });
});
