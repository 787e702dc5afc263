import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp, testDbKind } from '../testing/test-app.js';

// Node only (the edge project reads inside workerd, where nothing is kept between requests).
let t: TestApp;
afterEach(() => t.close());

it('keeps the site a public key names only where one process owns the database', async () => {
  t = await createTestApp();
  const site = await t.createSite();
  const reads = await t.readsDuring(async () => {
    for (let i = 0; i < 10; i++)
      expect((await t.request('GET', `/v1/sites/${site.publicKey}/config`)).status).toBe(200);
  });
  const siteReads = reads.filter((sql) => sql.includes('FROM sites WHERE public_key')).length;
  // SQLite: one server a file, so its own writes tell when to read again. PostgreSQL: another
  // instance may change the site at any time, so every request reads it.
  expect(siteReads).toBe(testDbKind === 'sqlite' ? 1 : 10);
});
