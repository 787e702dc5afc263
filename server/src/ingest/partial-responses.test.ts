import { describe, expect, it } from 'vitest';
import { useSiteApp } from '../testing/site-app.js';
import { makeResponse } from '../testing/test-app.js';

// A response is sent as the customer goes (complete: false) and again, whole, at the end, under
// one id: each answer is stored and counted once, whatever the order or the concurrency.
const ctx = useSiteApp();

const post = (...responses: object[]) =>
  ctx.t.request('POST', `/v1/sites/${ctx.site.publicKey}/responses`, { responses });
const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const summary = async () =>
  (await ctx.t.admin('GET', `/v1/sites/${ctx.site.id}/reports/summary?from=${day}&to=${day}`)).json;
const rawSummary = async () =>
  // A period cut inside a day reads the answers themselves, not the rollups.
  (
    await ctx.t.admin(
      'GET',
      `/v1/sites/${ctx.site.id}/reports/summary?from=${day}T00:00:00.001Z&to=${day}T23:59:59.999Z`,
    )
  ).json;
const answersOf = (id: string) =>
  ctx.t.db.all<{ question_id: string; value_num: number | null; value_text: string | null }>(
    'SELECT question_id, value_num, value_text FROM answers WHERE response_id = ? ORDER BY question_id',
    [id],
  );

function journey(over: Record<string, unknown> = {}) {
  const base = makeResponse({
    customer: { id: 'cus-1' },
    createdAt: `${day}T10:00:00.000Z`,
    ...over,
  });
  const partial = { ...base, answers: [{ questionId: 'nps', value: 3 }], complete: false };
  const whole = {
    ...base,
    answers: [
      { questionId: 'nps', value: 3 },
      { questionId: 'ces', value: 2 },
      { questionId: 'why', value: 'The checkout kept failing' },
    ],
    complete: true,
  };
  return { id: base.id as string, partial, whole };
}

describe('partial responses', () => {
  it('stores a partial response, then adds what the complete one brings', async () => {
    const { id, partial, whole } = journey();
    expect((await post(partial)).json).toEqual({ accepted: [id], duplicates: [] });
    let s = await summary();
    expect(s.nps.n).toBe(1);
    expect(s.completionRate).toMatchObject({ completed: 0, responses: 1, rate: 0 });
    expect(s.responseRate.responses).toBe(1);

    expect((await post(whole)).json).toEqual({ accepted: [id], duplicates: [] });
    expect(await answersOf(id)).toEqual([
      { question_id: 'ces', value_num: 2, value_text: null },
      { question_id: 'nps', value_num: 3, value_text: null },
      { question_id: 'why', value_num: null, value_text: 'The checkout kept failing' },
    ]);
    s = await summary();
    expect(s.n).toBe(1);
    expect(s.nps.n).toBe(1);
    expect(s.ces).toMatchObject({ n: 1, mean: 2 });
    expect(s.completionRate).toMatchObject({ completed: 1, responses: 1, rate: 1 });
    // A third send adds nothing: a duplicate, counted once.
    expect((await post(whole)).json).toEqual({ accepted: [], duplicates: [id] });
    expect(await summary()).toEqual(s);
    expect(await rawSummary()).toMatchObject({
      n: 1,
      nps: s.nps,
      ces: s.ces,
      completionRate: s.completionRate,
    });
    expect((await ctx.t.countRows()).responses).toBe(1);
  });

  it('keeps the first stored answer to a question and ignores a later different one', async () => {
    const { id, partial, whole } = journey();
    await post(partial);
    const changed = { ...whole, answers: [{ questionId: 'nps', value: 10 }, ...whole.answers.slice(1)] };
    expect((await post(changed)).json.accepted).toEqual([id]);
    expect((await answersOf(id)).find((a) => a.question_id === 'nps')!.value_num).toBe(3);
    const s = await summary();
    expect(s.nps).toMatchObject({ n: 1, detractors: 1, promoters: 0 });
  });

  it('gives the same result when the complete send arrives before the partial one', async () => {
    const { id, partial, whole } = journey();
    expect((await post(whole)).json.accepted).toEqual([id]);
    expect((await post(partial)).json).toEqual({ accepted: [], duplicates: [id] });
    const s = await summary();
    expect(s.nps.n).toBe(1);
    expect(s.ces.n).toBe(1);
    expect(s.completionRate).toMatchObject({ completed: 1, responses: 1 });
    const row = await ctx.t.db.get<{ complete: number }>('SELECT complete FROM responses WHERE id = ?', [id]);
    expect(row!.complete).toBe(1);
  });

  it('counts each answer once under concurrent sends of the same response', async () => {
    const { id, partial, whole } = journey();
    const sends = [partial, whole, partial, whole, whole, partial];
    const results = await Promise.all(sends.map((r) => post(r)));
    expect(results.every((r) => r.status === 202)).toBe(true);
    // Every send is answered; at least one stored something, and together they stored it all once.
    expect(results.some((r) => r.json.accepted.includes(id))).toBe(true);
    expect(await answersOf(id)).toHaveLength(3);
    const s = await summary();
    expect(s.nps.n).toBe(1);
    expect(s.ces.n).toBe(1);
    expect(s.n).toBe(1);
    expect(s.completionRate.completed).toBe(1);
    const raw = await rawSummary();
    expect(raw.nps).toEqual(s.nps);
    expect(raw.ces).toEqual(s.ces);
  });

  it('opens one follow-up, for the answer that meets the rule when it arrives', async () => {
    // NPS 9 first: nothing to follow up. Then a hard CES (2 on CES 2.0): one follow-up, "CES 2".
    const { id, partial, whole } = journey();
    await post({ ...partial, answers: [{ questionId: 'nps', value: 9 }] });
    let list = await ctx.t.admin('GET', '/v1/followups');
    expect(list.json.followups).toHaveLength(0);
    await post({ ...whole, answers: [{ questionId: 'nps', value: 9 }, whole.answers[1]] });
    list = await ctx.t.admin('GET', '/v1/followups');
    expect(
      list.json.followups.map((f: { reason: string; responseId: string }) => [f.reason, f.responseId]),
    ).toEqual([['CES 2', id]]);
    // The same again: still one.
    await post({ ...whole, answers: [{ questionId: 'nps', value: 9 }, whole.answers[1]] });
    expect((await ctx.t.admin('GET', '/v1/followups')).json.followups).toHaveLength(1);
  });

  it("keeps the customer's latest scores and the per-agent rollup equal to the answers", async () => {
    const { partial, whole } = journey({ context: { agent: 'Ada', team: 'Billing' } });
    await post(partial);
    await post(whole);
    const agentRows = await ctx.t.db.all<{ qtype: string; n: number }>(
      'SELECT qtype, SUM(n) AS n FROM agent_daily GROUP BY qtype ORDER BY qtype',
    );
    expect(agentRows.map((r) => [r.qtype, Number(r.n)])).toEqual([
      ['ces', 1],
      ['nps', 1],
    ]);
    const lookup = await ctx.t.admin('GET', '/v1/customers/lookup?id=cus-1');
    expect(lookup.json.latest.nps.value).toBe(3);
    expect(lookup.json.latest.ces.value).toBe(2);
  });

  it('counts a later send under the agent and customer the response was stored with', async () => {
    // The first send names them and answers no score; the second names neither and brings the
    // scores: the agent rollup, the latest scores, the follow-up and its customer are the stored ones.
    const { id, whole } = journey({ context: { agent: 'Ada', team: 'Billing' } });
    await post({ ...whole, answers: [whole.answers[2]], complete: false });
    expect(await ctx.t.db.all('SELECT * FROM agent_daily')).toHaveLength(0);
    const {
      customer: _c,
      context: _x,
      ...bare
    } = whole as typeof whole & { customer?: unknown; context?: unknown };
    expect((await post({ ...bare, answers: whole.answers.slice(0, 2) })).json.accepted).toEqual([id]);
    const agentRows = await ctx.t.db.all<{ agent: string; qtype: string; n: number }>(
      'SELECT agent, qtype, SUM(n) AS n FROM agent_daily GROUP BY agent, qtype ORDER BY qtype',
    );
    expect(agentRows.map((r) => [r.agent, r.qtype, Number(r.n)])).toEqual([
      ['Ada', 'ces', 1],
      ['Ada', 'nps', 1],
    ]);
    const lookup = await ctx.t.admin('GET', '/v1/customers/lookup?id=cus-1');
    expect(lookup.json.latest.nps.value).toBe(3);
    const followups = (await ctx.t.admin('GET', '/v1/followups')).json.followups;
    expect(
      followups.map((f: { responseId: string; customerId: string }) => [f.responseId, f.customerId]),
    ).toEqual([[id, 'cus-1']]);
  });

  it('treats an id reused for another survey as a duplicate that changes nothing', async () => {
    const { id, partial } = journey();
    await post(partial);
    const res = await post({ ...partial, surveyId: 'other', complete: true });
    // "other" is no survey of the site: the whole batch is refused and nothing changes.
    expect(res.status).toBe(400);
    expect(await answersOf(id)).toHaveLength(1);
  });

  it('refuses a complete flag that is not a boolean', async () => {
    const { partial } = journey();
    const res = await post({ ...partial, complete: 'no' });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe('responses.0.complete');
  });
});
