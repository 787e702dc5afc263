import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { buildOpenApiDocument, isApiRoute } from './document.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

describe('the OpenAPI document', () => {
  it('describes exactly the routes the app serves, each with its method', async () => {
    const served = new Set(
      t.app.routes.filter(isApiRoute).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect(buildOpenApiDocument(t.app.routes).undocumented).toEqual([]);
    const doc = (await t.request('GET', '/v1/openapi.json')).json;
    const described = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    expect([...described].sort()).toEqual([...served].sort());
    // The routes the hand-written table had lost are there.
    expect(described).toContain('GET /v1/tokens');
    expect(described).toContain('POST /app/session');
  });

  it('takes request schemas from the validators of the routes themselves', async () => {
    const doc = (await t.request('GET', '/v1/openapi.json')).json;
    expect(doc.openapi).toBe('3.1.0');
    const body =
      doc.paths['/v1/sites/{siteKey}/responses'].post.requestBody.content['application/json'].schema;
    expect(body.properties.responses.maxItems).toBe(100);
    const query = doc.paths['/v1/sites/{id}/reports/timeseries'].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(query).toEqual(expect.arrayContaining(['id', 'metric', 'interval', 'from', 'to']));
    expect(doc.paths['/v1/customers/lookup'].get.security).toEqual([{ admin: [] }, { agent: [] }]);
  });
});
