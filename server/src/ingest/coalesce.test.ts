import { describe, expect, it } from 'vitest';
import { useSiteApp } from '../testing/site-app.js';
import { makeResponse } from '../testing/test-app.js';

// Ingest requests of one site that wait together are written in one transaction (coalesce.ts);
// each must still be answered, refused and counted as if it had been written alone.
const ctx = useSiteApp();

const post = (...responses: object[]) =>
  ctx.t.request('POST', `/v1/sites/${ctx.site.publicKey}/responses`, { responses });

describe('ingest requests written together', () => {
  it('answers each request for its own items, refuses a bad one alone, and merges the rest', async () => {
    const singles = Array.from({ length: 20 }, (_, i) =>
      makeResponse({ answers: [{ questionId: 'nps', value: i % 11 }] }),
    );
    const shared = makeResponse({ complete: false });
    const nps = { ...shared, answers: [{ questionId: 'nps', value: 4 }] };
    const comment = { ...shared, answers: [{ questionId: 'why', value: 'Too slow' }] };
    const bad = makeResponse({ answers: [{ questionId: 'nope', value: 1 }] });
    let results: Awaited<ReturnType<typeof post>>[] = [];
    const reads = await ctx.t.readsDuring(async () => {
      results = await Promise.all([
        ...singles.map((r) => post(r)),
        post(nps),
        post(bad),
        post(comment),
        // The same response twice in one request: the copy is a duplicate of that request.
        post(singles[0]!, singles[0]!),
      ]);
    });
    for (const [i, r] of singles.entries())
      expect(results[i]!.json, `request ${i}`).toEqual({ accepted: [r.id], duplicates: [] });
    // Two sends that each add an answer to one response both add theirs (never merged together).
    expect(results[20]!.json).toEqual({ accepted: [shared.id], duplicates: [] });
    expect(results[22]!.json).toEqual({ accepted: [shared.id], duplicates: [] });
    expect(results[21]!.status).toBe(400);
    expect(results[21]!.json.error.issues[0].path).toBe('responses.0.answers.0.questionId');
    expect(results[23]!.json).toEqual({ accepted: [], duplicates: [singles[0]!.id, singles[0]!.id] });
    const answers = await ctx.t.db.all<{ question_id: string }>(
      'SELECT question_id FROM answers WHERE response_id = ? ORDER BY question_id',
      [shared.id],
    );
    expect(answers.map((a) => a.question_id)).toEqual(['nps', 'why']);
    expect((await ctx.t.countRows()).responses).toBe(21);
    const summary = await ctx.t.admin('GET', `/v1/sites/${ctx.site.id}/reports/summary?from=2020-01-01`);
    expect(summary.json.n).toBe(21);
    expect(summary.json.nps.n).toBe(21);
    // Merged: far fewer reads of the surveys than requests.
    const surveyReads = reads.filter((sql) => /FROM surveys WHERE site_id = \? AND id IN/.test(sql));
    expect(surveyReads.length).toBeGreaterThan(0);
    expect(surveyReads.length).toBeLessThan(results.length / 2);
  });
});
