import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CES_RULE_MIGRATION_SQL } from '../db/schema.js';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
let agent: Record<string, string>;
beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
  const token = await t.admin('POST', '/v1/tokens', { role: 'agent', name: 'Ada', siteIds: [site.id] });
  agent = { authorization: `Bearer ${token.json.token}` };
});
afterEach(() => t.close());

const ingest = (...responses: object[]) =>
  t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses });

describe('follow-ups', () => {
  it('opens one for each response the site rule flags, once even if the response is re-sent', async () => {
    const detractor = makeResponse({
      customer: { id: 'c1', email: 'c1@example.com' },
      answers: [
        { questionId: 'nps', value: 3 },
        { questionId: 'csat', value: 1 },
      ],
    });
    // CES 2.0: 2 is hard (opens one), 6 is easy (opens none).
    const hard = makeResponse({
      customer: { id: 'c2' },
      answers: [
        { questionId: 'nps', value: 9 },
        { questionId: 'ces', value: 2 },
      ],
    });
    const easy = makeResponse({
      customer: { id: 'c4' },
      answers: [
        { questionId: 'nps', value: 9 },
        { questionId: 'ces', value: 6 },
      ],
    });
    const happy = makeResponse({ customer: { id: 'c3' }, answers: [{ questionId: 'nps', value: 10 }] });
    await ingest(detractor, hard, easy, happy);
    await ingest(detractor);
    const list = await t.request('GET', '/v1/followups?status=open', undefined, agent);
    expect(list.status).toBe(200);
    const reasons = list.json.followups
      .map((f: { customerId: string; reason: string }) => [f.customerId, f.reason])
      .sort();
    expect(reasons).toEqual([
      ['c1', 'NPS 3, CSAT 1'],
      ['c2', 'CES 2'],
    ]);
    // With how many the filter keeps in all, beyond the page asked for.
    expect(list.json.total).toBe(2);
    const one = await t.request('GET', '/v1/followups?status=open&limit=1', undefined, agent);
    expect([one.json.followups.length, one.json.total]).toEqual([1, 2]);
    expect((await t.request('GET', '/v1/followups?status=resolved', undefined, agent)).json.total).toBe(0);
    // The list names the customer by email where one is known.
    const emails = Object.fromEntries(
      list.json.followups.map((f: { customerId: string; customerEmail: string | null }) => [
        f.customerId,
        f.customerEmail,
      ]),
    );
    expect(emails).toEqual({ c1: 'c1@example.com', c2: null });
    const lookup = await t.request('GET', '/v1/customers/lookup?id=c1', undefined, agent);
    expect(lookup.json.followups).toHaveLength(1);
  });

  it('follows the site rule when it changes', async () => {
    await t.admin('PATCH', `/v1/sites/${site.id}`, { followUpRule: { npsMax: 8, csatMax: 0, cesMax: 0 } });
    await ingest(makeResponse({ customer: { id: 'c1' }, answers: [{ questionId: 'nps', value: 8 }] }));
    await ingest(
      makeResponse({
        customer: { id: 'c2' },
        answers: [
          { questionId: 'nps', value: 9 },
          { questionId: 'csat', value: 1 },
        ],
      }),
    );
    const list = await t.request('GET', '/v1/followups', undefined, agent);
    expect(list.json.followups.map((f: { reason: string }) => f.reason)).toEqual(['NPS 8']);
  });

  it('is assigned, noted and resolved by an agent, each change recorded with who and when', async () => {
    await ingest(makeResponse({ customer: { id: 'c1' }, answers: [{ questionId: 'nps', value: 2 }] }));
    const [f] = (await t.request('GET', '/v1/followups', undefined, agent)).json.followups;
    const assigned = await t.request(
      'PATCH',
      `/v1/followups/${f.id}`,
      { status: 'in_progress', assignee: 'Ada' },
      agent,
    );
    expect(assigned.json).toMatchObject({ status: 'in_progress', assignee: 'Ada' });
    await t.request(
      'PATCH',
      `/v1/followups/${f.id}`,
      { status: 'in_progress', note: 'Left a voicemail' },
      agent,
    );
    // The overlay's lookup carries who has it and the note left on it, for the next agent.
    expect((await t.request('GET', '/v1/customers/lookup?id=c1', undefined, agent)).json.followups).toEqual([
      expect.objectContaining({ id: f.id, status: 'in_progress', assignee: 'Ada', note: 'Left a voicemail' }),
    ]);
    const resolved = await t.request(
      'PATCH',
      `/v1/followups/${f.id}`,
      { status: 'resolved', note: 'Called, refunded shipping' },
      agent,
    );
    expect(resolved.json).toMatchObject({ status: 'resolved', note: 'Called, refunded shipping' });
    expect(resolved.json.history.map((h: { change: object }) => h.change)).toEqual([
      { status: 'in_progress', assignee: 'Ada' },
      { note: 'Left a voicemail' },
      { status: 'resolved', note: 'Called, refunded shipping' },
    ]);
    expect(resolved.json.history[0].actor).toMatch(/^agent:tok_/);
    expect((await t.request('GET', '/v1/followups?status=open', undefined, agent)).json.followups).toEqual(
      [],
    );
    expect(
      (await t.request('GET', '/v1/followups?status=resolved', undefined, agent)).json.followups,
    ).toHaveLength(1);
    expect((await t.admin('GET', '/v1/customers/lookup?id=c1')).json.followups).toEqual([]);
  });

  it('keeps agents to their sites and refuses bad changes', async () => {
    const other = await t.createSite({ name: 'Other' });
    await t.createSurvey(other.id, { id: 'other-nps' });
    await t.request('POST', `/v1/sites/${other.publicKey}/responses`, {
      responses: [
        makeResponse({
          surveyId: 'other-nps',
          customer: { id: 'x1' },
          answers: [{ questionId: 'nps', value: 0 }],
        }),
      ],
    });
    const [theirs] = (await t.admin('GET', `/v1/followups?site=${other.id}`)).json.followups;
    expect((await t.request('GET', '/v1/followups', undefined, agent)).json.followups).toEqual([]);
    expect((await t.request('GET', `/v1/followups/${theirs.id}`, undefined, agent)).status).toBe(404);
    expect(
      (await t.request('PATCH', `/v1/followups/${theirs.id}`, { status: 'resolved' }, agent)).status,
    ).toBe(404);
    expect((await t.request('GET', `/v1/followups?site=${other.id}`, undefined, agent)).status).toBe(403);
    expect((await t.admin('PATCH', `/v1/followups/${theirs.id}`, { status: 'done' })).status).toBe(400);
    expect((await t.admin('PATCH', `/v1/followups/${theirs.id}`, {})).status).toBe(400);
    expect((await t.request('GET', '/v1/followups')).status).toBe(401);
  });
});

describe('follow-up rules stored before CES 2.0', () => {
  it('are migrated so the same answers open follow-ups (CES ≥ 5, lower easier → CES ≤ 3, higher easier)', async () => {
    await t.db.run('UPDATE sites SET follow_up_rule = ? WHERE id = ?', [
      JSON.stringify({ npsMax: 6, csatMax: 2, cesMin: 5 }),
      site.id,
    ]);
    for (const sql of CES_RULE_MIGRATION_SQL.split(';\n')) await t.db.run(sql);
    const r = await t.admin('GET', `/v1/sites/${site.id}`);
    expect(r.json.followUpRule).toEqual({ npsMax: 6, csatMax: 2, cesMax: 3 });
    // "never" (old 8) stays never (new 0).
    await t.db.run('UPDATE sites SET follow_up_rule = ? WHERE id = ?', [
      JSON.stringify({ npsMax: 6, csatMax: 2, cesMin: 8 }),
      site.id,
    ]);
    for (const sql of CES_RULE_MIGRATION_SQL.split(';\n')) await t.db.run(sql);
    expect((await t.admin('GET', `/v1/sites/${site.id}`)).json.followUpRule.cesMax).toBe(0);
  });

  it('default to NPS ≤ 6, CSAT ≤ 2, CES ≤ 3', async () => {
    expect((await t.admin('GET', `/v1/sites/${site.id}`)).json.followUpRule).toEqual({
      npsMax: 6,
      csatMax: 2,
      cesMax: 3,
    });
  });
});
