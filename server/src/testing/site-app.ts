import { afterEach, beforeEach } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * For a test file: before each test, a fresh app with one site and the NPS survey (`ctx.t`,
 * `ctx.site`); closed after. (Apart from test-app.ts, which scripts outside vitest import too.)
 */
export function useSiteApp(opts: Parameters<typeof createTestApp>[0] = {}) {
  const s = {} as { t: TestApp; site: { id: string; publicKey: string; secret: string } };
  beforeEach(async () => {
    s.t = await createTestApp(opts);
    s.site = await s.t.createSite();
    await s.t.createSurvey(s.site.id);
  });
  afterEach(() => s.t.close());
  return s;
}
