import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, NPS_SURVEY, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string };
beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
});
afterEach(() => t.close());

describe('URL-rule regexes', () => {
  it('refuses a catastrophically backtracking or invalid regex with 400, and keeps a safe one', async () => {
    const bad = await t.admin('POST', `/v1/sites/${site.id}/surveys`, {
      ...NPS_SURVEY,
      trigger: { type: 'pageview', url: { match: 'regex', value: '(x+x+)+y' } },
      targeting: {
        urls: [
          { match: 'contains', value: '/shop' },
          { match: 'regex', value: '^/(a|a)*$' },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues.map((i: { path: string }) => i.path)).toEqual([
      'targeting.urls.1.value',
      'trigger.url.value',
    ]);
    expect(bad.json.error.issues[0].message).toMatch(/exponential time/);
    const invalid = await t.admin('POST', `/v1/sites/${site.id}/surveys`, {
      ...NPS_SURVEY,
      targeting: { urls: [{ match: 'regex', value: '(unclosed' }] },
    });
    expect(invalid.status).toBe(400);
    expect((await t.admin('GET', `/v1/sites/${site.id}/surveys`)).json.surveys).toEqual([]);

    const ok = await t.admin('POST', `/v1/sites/${site.id}/surveys`, {
      ...NPS_SURVEY,
      trigger: { type: 'pageview', url: { match: 'regex', value: '^/checkout/\\d+/done$' } },
    });
    expect(ok.status).toBe(201);
    const put = await t.admin('PUT', `/v1/surveys/${ok.json.id}`, {
      ...NPS_SURVEY,
      id: undefined,
      trigger: { type: 'pageview', url: { match: 'regex', value: '(\\w+\\s?)+$' } },
    });
    expect(put.status).toBe(400);
    expect((await t.admin('GET', `/v1/surveys/${ok.json.id}`)).json.trigger.url.value).toBe(
      '^/checkout/\\d+/done$',
    );
  });
});
