import { SiteCreateSchema } from '@moments/shared';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { Db } from '../db/index.js';
import { makeToken, sha256Hex } from '../domain/crypto.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { insertSite } from '../sites/queries.js';
import { createTestDb } from '../testing/test-app.js';

let db: Db;
let drop: () => Promise<void>;
beforeEach(async () => {
  ({ db, drop } = await createTestDb());
});
afterEach(() => drop());

it('the demo shop keeps a customer id a visitor sent inside its inline script (no </script> breakout)', async () => {
  await insertSite(db, {
    ...SiteCreateSchema.parse({ name: 'Demo Shop' }),
    id: 'site_demo',
    publicKey: 'pk_demo_shop',
    secret: makeToken('sk_'),
  });
  const app = createApp({
    db,
    adminTokenHash: await sha256Hex('t'),
    rateLimiter: createRateLimiter(1000),
    getClientIp: () => undefined,
    demo: true,
  });
  // Anyone may name a customer on a site that does not require signed identity, and claim a free email.
  const id = '</script><script>alert(document.domain)</script>';
  const sent = await app.request('/v1/sites/pk_demo_shop/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      events: [
        {
          id: 'event-xss-01',
          name: 'signup_completed',
          anonymousId: 'a1',
          customer: { id, email: 'mallory@example.com' },
          createdAt: new Date().toISOString(),
        },
      ],
    }),
  });
  expect(sent.status).toBe(202);
  const page = await (await app.request('/demo/shop?as=mallory@example.com')).text();
  expect(page).toContain('mallory@example.com');
  expect(page).not.toContain('<script>alert');
  expect(page).toContain('\\u003c/script>\\u003cscript>alert(document.domain)\\u003c/script>');
});
