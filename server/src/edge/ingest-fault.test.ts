import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

// On D1 a request's writes commit as one batch(): a statement failing anywhere in it must undo
// every other (the response, its answers, the rollups, the follow-up, the live event), and the
// client's retry of the same request must then count once.

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.db.run('DROP TRIGGER IF EXISTS fail_once');
  await t.close();
});

/** The rollups beside the raw rows they count: equal when nothing drifted. */
async function rollupsAndRows() {
  return t.db.get<Record<string, number>>(
    `SELECT
       (SELECT COUNT(*) FROM responses) AS responses,
       (SELECT COALESCE(SUM(n), 0) FROM response_daily) AS response_daily,
       (SELECT COUNT(*) FROM responses WHERE complete = 1) AS complete,
       (SELECT COALESCE(SUM(n), 0) FROM completion_daily) AS completion_daily,
       (SELECT COUNT(*) FROM answers WHERE qtype IN ('nps', 'csat', 'ces') AND value_num IS NOT NULL) AS scores,
       (SELECT COALESCE(SUM(n), 0) FROM score_daily) AS score_daily,
       (SELECT COUNT(*) FROM followups) AS followups,
       (SELECT COUNT(*) FROM live_events) AS live_events,
       (SELECT COUNT(*) FROM customer_scores) AS customer_scores`,
  );
}

describe('ingest on D1: a failed batch', () => {
  it('leaves no rollup drift, and the retry of the same request counts once', async () => {
    const site = await t.createSite();
    await t.createSurvey(site.id);
    const responses = [
      makeResponse({ customer: { id: 'c-fault' }, answers: [{ questionId: 'nps', value: 3 }] }),
      makeResponse({ answers: [{ questionId: 'nps', value: 10 }] }),
    ];
    const send = () => t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses });
    const before = await rollupsAndRows();
    // A statement of the batch fails (as a constraint or an outage would): the live event, written
    // after the response, its answers and the rollups.
    await t.db.run(
      "CREATE TRIGGER fail_once BEFORE INSERT ON live_events BEGIN SELECT RAISE(ABORT, 'injected fault'); END",
    );
    const failed = await send();
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await rollupsAndRows()).toEqual(before);

    await t.db.run('DROP TRIGGER fail_once');
    const retried = await send();
    expect(retried.status).toBe(202);
    expect(retried.json.accepted.sort()).toEqual(responses.map((r) => r.id).sort());
    const again = await send();
    expect(again.status).toBe(202);
    expect(again.json.duplicates.sort()).toEqual(responses.map((r) => r.id).sort());

    const after = (await rollupsAndRows())!;
    expect(after.responses).toBe(2);
    expect(after.response_daily).toBe(after.responses);
    expect(after.completion_daily).toBe(after.complete);
    expect(after.score_daily).toBe(after.scores);
    expect(after.followups).toBe(1);
    const summary = await t.admin('GET', `/v1/sites/${site.id}/reports/summary`);
    expect(summary.status).toBe(200);
    expect(summary.json.nps.n).toBe(2);
  });
});
