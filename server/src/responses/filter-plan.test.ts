import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';
import { type AnswerCheck, buildResponseWhere, type CheckedResponseFilter } from './response-filter.js';

// A database the server made has no ANALYZE statistics. Checking a response's answers one response
// at a time must then still seek its own few answers by primary key: through answers_metric
// (site, type) it read every answer of that type of the site for each response, so a page of
// detractors with a comment took 7.6 s on the demo's 5,400 responses, the event loop held throughout.
// SQLite's plan: the sqlite project runs this file alone (vitest.config.ts).
describe('answer filters checked response by response (SQLite plan)', () => {
  let t: TestApp;
  let siteId: string;
  beforeAll(async () => {
    t = await createTestApp({ inbox: false });
    const site = await t.createSite();
    siteId = site.id;
    await t.createSurvey(site.id);
    const responses = Array.from({ length: 50 }, (_, i) =>
      makeResponse({ id: `plan-resp-${String(i).padStart(3, '0')}` }),
    );
    expect((await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses })).status).toBe(
      202,
    );
  });
  afterAll(() => t.close());

  const filters: [string, CheckedResponseFilter][] = [
    ['a band', { band: 'detractor', metric: 'nps' }],
    ['with a comment', { hasComment: true }],
    ['without a comment', { hasComment: false }],
    ['words', { q: 'zeppelin' }],
  ];
  for (const check of ['seek', 'exists'] as AnswerCheck[])
    for (const [name, f] of filters)
      it(`${name}, ${check}: by the answers' primary key, not answers_metric`, async () => {
        const { where, params } = buildResponseWhere(t.rawDb.dialect, siteId, f, check);
        const plan = await t.rawDb.all<{ detail: string }>(
          `EXPLAIN QUERY PLAN SELECT r.id FROM responses r WHERE ${where}`,
          params,
        );
        const answers = plan.map((p) => p.detail).filter((d) => /\bSEARCH a\b|\bSCAN a\b/.test(d));
        expect(answers).toHaveLength(1);
        expect(answers[0]).toMatch(/sqlite_autoindex_answers_1 \(site_id=\? AND response_id=\?/);
      });

  it('the set form still reads the matching answers from answers_metric', async () => {
    const { where, params } = buildResponseWhere(t.rawDb.dialect, siteId, { hasComment: true }, 'set');
    const plan = await t.rawDb.all<{ detail: string }>(
      `EXPLAIN QUERY PLAN SELECT r.id FROM responses r WHERE ${where}`,
      params,
    );
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/answers_metric/);
  });
});
