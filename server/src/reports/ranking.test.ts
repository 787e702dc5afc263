import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };

// March vs February, NPS by team (known in advance):
//   A: Feb 40 × 3 (−100) -> Mar 30 × 10 + 10 × 8 (75): up 175
//   B: Feb 40 × 10 (100) -> Mar 20 × 10 + 20 × 0 (0): down 100
//   C: Mar 5 answers: under minN, not ranked
function answers(team: string, month: '02' | '03', values: number[]) {
  return values.map((v, i) =>
    makeResponse({
      createdAt: `2026-${month}-${String(10 + (i % 10)).padStart(2, '0')}T12:00:00Z`,
      context: { team, agent: `${team}-agent-${i % 2}` },
      customer: { id: `${team}-${month}-${i}` },
      answers: [{ questionId: 'nps', value: v }],
    }),
  );
}

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
  const all = [
    ...answers('A', '02', Array(40).fill(3)),
    ...answers('A', '03', [...Array(30).fill(10), ...Array(10).fill(8)]),
    ...answers('B', '02', Array(40).fill(10)),
    ...answers('B', '03', [...Array(20).fill(10), ...Array(20).fill(0)]),
    ...answers('C', '03', [10, 9, 2, 5, 7]),
  ];
  for (let i = 0; i < all.length; i += 100) {
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: all.slice(i, i + 100) });
  }
  await t.admin('PUT', `/v1/sites/${site.id}/customers`, [
    ...Array.from({ length: 40 }, (_, i) => ({ id: `A-03-${i}`, plan: 'pro' })),
    ...Array.from({ length: 40 }, (_, i) => ({ id: `B-03-${i}`, plan: 'free' })),
  ]);
});
afterEach(() => t.close());

const get = (path: string) => t.admin('GET', `/v1/sites/${site.id}/reports/${path}`);

describe('reports/ranking', () => {
  it('ranks groups with enough answers, lists the rest as insufficient, and says which changes are real', async () => {
    const r = await get('ranking?metric=nps&by=team&minN=30&from=2026-03-01&to=2026-03-31');
    expect(r.status).toBe(200);
    expect(r.json.previous).toEqual({ from: '2026-01-29T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(
      r.json.groups.map((g: { key: string; rank: number; n: number; score: number }) => [
        g.key,
        g.rank,
        g.n,
        g.score,
      ]),
    ).toEqual([
      ['A', 1, 40, 75],
      ['B', 2, 40, 0],
    ]);
    const [a, b] = r.json.groups;
    expect(a.previous).toEqual({ n: 40, score: -100 });
    expect(a.change).toMatchObject({ change: 175, significant: true });
    expect(b.change).toMatchObject({ change: -100, significant: true });
    expect(a.ci95[0]).toBeLessThan(75);
    expect(r.json.insufficient).toEqual([{ key: 'C', n: 5 }]);
    expect(r.json.note).toMatch(/coach/);
  });

  it('ranks by agent and by plan (reading the answers) and honours minN', async () => {
    const byAgent = await get('ranking?by=agent&minN=20&from=2026-03-01&to=2026-03-31');
    expect(byAgent.json.groups.map((g: { key: string }) => g.key)).toEqual([
      'A-agent-0',
      'A-agent-1',
      'B-agent-0',
      'B-agent-1',
    ]);
    expect(byAgent.json.insufficient.map((g: { key: string }) => g.key).sort()).toEqual([
      'C-agent-0',
      'C-agent-1',
    ]);
    const byPlan = await get('ranking?by=plan&minN=30&from=2026-03-01&to=2026-03-31');
    expect(byPlan.json.groups.map((g: { key: string; score: number }) => [g.key, g.score])).toEqual([
      ['pro', 75],
      ['free', 0],
    ]);
  });

  it('says how many answers of each metric name a group, so a metric no answer of names one is not offered', async () => {
    // Support answers: CSAT, with a team and an agent, from no known customer (so no plan).
    await t.createSurvey(site.id, {
      id: 'support',
      name: 'Support',
      moment: 'ticket_closed',
      questions: [{ id: 'csat', type: 'csat', text: 'How satisfied are you?' }],
    });
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [4, 5, 2].map((v, i) =>
        makeResponse({
          surveyId: 'support',
          moment: 'ticket_closed',
          createdAt: `2026-03-2${i}T12:00:00Z`,
          context: { team: 'S', agent: 'S-agent' },
          answers: [{ questionId: 'csat', value: v }],
        }),
      ),
    });
    const answered = async (by: string, period = 'from=2026-03-01&to=2026-03-31') =>
      (await get(`ranking?by=${by}&metric=csat&${period}`)).json.answered;
    expect(await answered('team')).toEqual({ nps: 85, csat: 3, ces: 0 });
    expect(await answered('agent')).toEqual({ nps: 85, csat: 3, ces: 0 });
    expect(await answered('moment')).toEqual({ nps: 85, csat: 3, ces: 0 });
    // Only the customers with a plan: A's and B's in March; the support answers name no customer.
    expect(await answered('plan')).toEqual({ nps: 80, csat: 0, ces: 0 });
    // A period cut inside a day reads the answers at its edges too; one before any answer has none.
    expect(await answered('team', 'from=2026-03-01T06:00:00Z&to=2026-03-31')).toEqual({
      nps: 85,
      csat: 3,
      ces: 0,
    });
    expect(await answered('team', 'from=2025-01-01&to=2025-01-31')).toEqual({ nps: 0, csat: 0, ces: 0 });
  });

  it('refuses unknown groupings and a bad minimum', async () => {
    expect((await get('ranking?by=shoe')).status).toBe(400);
    expect((await get('ranking?minN=0')).status).toBe(400);
  });
});

describe('reports/movers', () => {
  it('names the most improved and only the real drops as needing attention', async () => {
    const r = await get('movers?metric=nps&by=team&interval=month&to=2026-03-31');
    expect(r.status).toBe(200);
    expect(r.json.improved.map((g: { key: string }) => g.key)).toEqual(['A']);
    expect(
      r.json.attention.map((g: { key: string; change: { change: number } }) => [g.key, g.change.change]),
    ).toEqual([['B', -100]]);
  });

  it('does not flag a drop within the noise', async () => {
    // C in April: a small drop on a few answers is not called real.
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [10, 9, 2, 5].map((v, i) =>
        makeResponse({
          createdAt: `2026-04-1${i}T12:00:00Z`,
          context: { team: 'C' },
          answers: [{ questionId: 'nps', value: v }],
        }),
      ),
    });
    const r = await get('movers?by=team&interval=month&minN=3&to=2026-04-30');
    expect(r.json.attention).toEqual([]);
  });
});

describe('ranking by agent from the per-agent rollup', () => {
  it('gives the same numbers as the answers, and forgets an erased customer', async () => {
    const rolled = await get('ranking?by=agent&minN=1&from=2026-03-01&to=2026-03-31');
    const raw = await get('ranking?by=agent&minN=1&from=2026-03-01T00:00:00Z&to=2026-03-31T23:59:59.999Z');
    const pick = (r: typeof rolled) =>
      r.json.groups.map((g: { key: string; n: number; score: number }) => [g.key, g.n, g.score]);
    expect(pick(rolled)).toEqual(pick(raw));
    const before = rolled.json.groups.find((g: { key: string }) => g.key === 'A-agent-0').n;
    expect((await t.admin('DELETE', `/v1/sites/${site.id}/customers/A-03-0`)).status).toBe(204);
    const after = await get('ranking?by=agent&minN=1&from=2026-03-01&to=2026-03-31');
    expect(after.json.groups.find((g: { key: string }) => g.key === 'A-agent-0').n).toBe(before - 1);
  });
});
