import { summarizeNps } from '@moments/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };

// Week of Mon 2026-03-02: NPS 10, 9, 8, 3 (team A) -> P2 D1 n4 = 25.
// Week of Mon 2026-03-09: NPS 10, 10, 10, 6, 0 (team B) -> P3 D2 n5 = 20.
const WEEK1 = [10, 9, 8, 3];
const WEEK2 = [10, 10, 10, 6, 0];

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
  await t.admin('PUT', `/v1/sites/${site.id}/customers`, [{ id: 'pro-1', plan: 'pro' }]);
  const responses = [
    ...WEEK1.map((v, i) =>
      makeResponse({
        createdAt: `2026-03-0${3 + i}T10:00:00Z`,
        context: { team: 'A' },
        ...(i === 0 ? { customer: { id: 'pro-1' } } : {}),
        answers: [
          { questionId: 'nps', value: v },
          { questionId: 'csat', value: [5, 4, 3, 1][i] },
          ...(i < 3 ? [{ questionId: 'ces', value: i + 2 }] : []),
        ],
      }),
    ),
    ...WEEK2.map((v, i) =>
      makeResponse({
        createdAt: `2026-03-1${i}T10:00:00Z`,
        context: { team: 'B' },
        answers: [{ questionId: 'nps', value: v }],
      }),
    ),
  ];
  await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses });
  const displays = Array.from({ length: 18 }, (_, i) => ({
    id: `display-${i.toString().padStart(4, '0')}`,
    surveyId: 'checkout-nps',
    anonymousId: `a${i}`,
    createdAt: '2026-03-05T09:00:00Z',
  }));
  await t.request('POST', `/v1/sites/${site.publicKey}/displays`, { displays });
});
afterEach(() => t.close());

const report = (name: string, query: string) =>
  t.admin('GET', `/v1/sites/${site.id}/reports/${name}?${query}`);

describe('reports/summary', () => {
  it('computes NPS, CSAT, CES and response rate known in advance', async () => {
    const r = await report('summary', 'from=2026-03-01&to=2026-03-31');
    expect(r.status).toBe(200);
    expect(r.json.n).toBe(9);
    expect(r.json.nps).toMatchObject({ score: 22.22, n: 9, promoters: 5, passives: 1, detractors: 3 });
    expect(r.json.nps.ci95).toEqual(summarizeNps({ promoters: 5, passives: 1, detractors: 3 }).ci95);
    expect(r.json.csat).toMatchObject({ score: 50, mean: 3.25, n: 4, satisfied: 2 });
    // Student-t gives 0.52 to 5.48; CES is on 1..7, so the interval stops at 1. Three answers are
    // under the site's minimum sample (30 by default): marked, not hidden.
    expect(r.json.ces).toMatchObject({ mean: 3, n: 3, ci95: [1, 5.48], insufficient: true });
    expect(r.json.minN).toBe(30);
    expect(r.json.responseRate).toMatchObject({ responses: 9, displays: 18, rate: 0.5 });
  });

  it('filters by team, plan, survey, moment and period', async () => {
    expect((await report('summary', 'from=2026-03-01&to=2026-03-31&team=A')).json.nps.score).toBe(25);
    // Displays have no team, agent or plan: no rate of a part of the answers over every display.
    for (const filter of ['team=A', 'agent=ada', 'plan=pro']) {
      const rate = (await report('summary', `from=2026-03-01&to=2026-03-31&${filter}`)).json.responseRate;
      expect(rate, filter).toMatchObject({
        rate: null,
        ci95: null,
        unavailable: expect.stringMatching(/team, agent or plan/),
      });
    }
    expect(
      (await report('summary', 'from=2026-03-01&to=2026-03-31&surveyId=checkout-nps')).json.responseRate.rate,
    ).toBeTypeOf('number');
    expect((await report('summary', 'from=2026-03-01&to=2026-03-31&team=B')).json.nps.score).toBe(20);
    expect((await report('summary', 'from=2026-03-01&to=2026-03-31&plan=pro')).json.nps).toMatchObject({
      n: 1,
      score: 100,
    });
    expect((await report('summary', 'from=2026-03-01&to=2026-03-31&moment=cancel_started')).json.n).toBe(0);
    expect((await report('summary', 'from=2026-03-09&to=2026-03-31')).json.nps.n).toBe(5);
    expect((await report('summary', 'from=2026-03-01&to=2026-03-06')).json.nps.n).toBe(4);
  });

  it('gives no response rate over 100%: more answers than displays recorded says why instead', async () => {
    // Fewer answers than displays: a rate, with its interval.
    expect((await report('summary', 'from=2026-03-01&to=2026-03-06')).json.responseRate.rate).toBe(0.22);
    // 19 answers in the week of the 18 displays (some sent without one being recorded).
    const more = Array.from({ length: 15 }, (_, i) =>
      makeResponse({ createdAt: `2026-03-05T1${i % 10}:30:00Z`, answers: [{ questionId: 'nps', value: 9 }] }),
    );
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: more });
    const rate = (await report('summary', 'from=2026-03-01&to=2026-03-08')).json.responseRate;
    expect(rate).toMatchObject({ responses: 19, displays: 18, rate: null, ci95: null });
    expect(rate.unavailable).toMatch(/More answers \(19\) than displays recorded \(18\)/);
    // A week of answers and no display at all says so too, rather than a bare dash.
    const none = (await report('summary', 'from=2026-03-09&to=2026-03-31')).json.responseRate;
    expect(none).toMatchObject({ responses: 5, displays: 0, rate: null });
    expect(none.unavailable).toMatch(/More answers \(5\) than displays recorded \(0\)/);
  });

  it('refuses bad periods and filters', async () => {
    expect((await report('summary', 'from=2026-03-31&to=2026-03-01')).status).toBe(400);
    expect((await report('summary', 'from=yesterday')).status).toBe(400);
    // A date that is no date says what a date looks like, not "Invalid input".
    const bad = await report('summary', 'from=2026-13-45');
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0]).toMatchObject({
      path: 'from',
      message: expect.stringContaining('2026-01-31'),
    });
    expect((await report('summary', 'moment=Not%20A%20Moment')).status).toBe(400);
  });
});

describe('reports/timeseries', () => {
  it('gives weekly NPS with every week present', async () => {
    const r = await report('timeseries', 'metric=nps&interval=week&from=2026-02-23&to=2026-03-22');
    expect(
      r.json.points.map((p: { start: string; n: number; score: number | null }) => [
        p.start.slice(0, 10),
        p.n,
        p.score,
      ]),
    ).toEqual([
      ['2026-02-23', 0, null],
      ['2026-03-02', 4, 25],
      ['2026-03-09', 5, 20],
      ['2026-03-16', 0, null],
    ]);
  });

  it('gives monthly and daily buckets and other metrics', async () => {
    const month = await report('timeseries', 'metric=csat&interval=month&from=2026-02-01&to=2026-03-31');
    expect(
      month.json.points.map((p: { start: string; score: number | null }) => [p.start.slice(0, 10), p.score]),
    ).toEqual([
      ['2026-02-01', null],
      ['2026-03-01', 50],
    ]);
    const day = await report('timeseries', 'metric=ces&interval=day&from=2026-03-03&to=2026-03-05');
    expect(day.json.points.map((p: { score: number | null }) => p.score)).toEqual([2, 3, 4]);
    expect((await report('timeseries', 'metric=foo')).status).toBe(400);
    expect((await report('timeseries', 'interval=day&from=2000-01-01')).status).toBe(400);
  });
});

describe('a period cut inside a day', () => {
  it('counts the answers on its cut edges and its whole days once each', async () => {
    // Mar 3 10:00 (edge, in), Mar 4-6 and 10-11 (whole days), Mar 12 10:00 (edge, in): NPS 10, 9, 8, 3, 10, 10, 10.
    const a = (await report('summary', 'from=2026-03-03T09:00:00Z&to=2026-03-12T11:00:00Z')).json;
    expect(a.nps).toMatchObject({ n: 7, promoters: 5, detractors: 1 });
    expect(a.n).toBe(7);
    expect(a.csat).toMatchObject({ n: 4, satisfied: 2 });
    expect(a.responseRate.displays).toBe(18);
    // Edges that leave out Mar 3 10:00 and Mar 12 10:00: NPS 9, 8, 3, 10, 10.
    const b = (await report('summary', 'from=2026-03-03T11:00:00Z&to=2026-03-12T09:00:00Z')).json;
    expect(b.nps).toMatchObject({ n: 5, promoters: 3, detractors: 1 });
    expect(b.n).toBe(5);
    const series = await report(
      'timeseries',
      'interval=day&from=2026-03-03T11:00:00Z&to=2026-03-06T12:00:00Z',
    );
    expect(series.json.points.map((p: { n: number }) => p.n)).toEqual([0, 1, 1, 1]);
    const ranking = await report(
      'ranking',
      'by=team&minN=1&from=2026-03-03T09:00:00Z&to=2026-03-12T11:00:00Z',
    );
    expect(ranking.json.groups.map((g: { key: string; n: number }) => [g.key, g.n]).sort()).toEqual([
      ['A', 4],
      ['B', 3],
    ]);
  });
});

describe('daily rollups', () => {
  it('are what whole-day periods read; a cut period reads its whole days from them and its edges from the answers', async () => {
    const whole = await t.tablesRead(() => report('summary', 'from=2026-03-01&to=2026-03-31'));
    expect(whole).toContain('score_daily');
    expect(whole).toContain('response_daily');
    expect(whole).toContain('completion_daily');
    expect(whole).toContain('display_daily');
    expect(whole).not.toContain('answers');
    expect(whole).not.toContain('responses');
    const series = await t.tablesRead(() =>
      report('timeseries', 'interval=week&from=2026-02-23&to=2026-03-22'),
    );
    expect(series).toContain('score_daily');
    expect(series).not.toContain('answers');
    const cut = await t.tablesRead(() =>
      report('summary', 'from=2026-03-01T00:00:00Z&to=2026-03-31T23:59:59.999Z'),
    );
    for (const table of [
      'answers',
      'score_daily',
      'responses',
      'response_daily',
      'displays',
      'display_daily',
    ])
      expect(cut).toContain(table);
    // Less than a day: nothing for the rollups to answer.
    const hours = await t.tablesRead(() =>
      report('summary', 'from=2026-03-05T01:00:00Z&to=2026-03-05T05:00:00Z'),
    );
    expect(hours).toContain('answers');
    expect(hours).not.toContain('score_daily');
  });

  it('give the same numbers as the answers themselves', async () => {
    // Whole days read the rollup; a period cut at a second past midnight reads the answers.
    const rollup = await report('summary', 'from=2026-03-01&to=2026-03-31');
    const raw = await report('summary', 'from=2026-03-01T00:00:00Z&to=2026-03-31T23:59:59.999Z');
    expect(raw.json.nps).toEqual(rollup.json.nps);
    expect(raw.json.csat).toEqual(rollup.json.csat);
    expect(raw.json.ces).toEqual(rollup.json.ces);
    expect(raw.json.responseRate).toEqual(rollup.json.responseRate);
    const weekRaw = await report('timeseries', 'interval=week&from=2026-02-23T00:00:01Z&to=2026-03-22');
    const weekRollup = await report('timeseries', 'interval=week&from=2026-02-23&to=2026-03-22');
    expect(weekRaw.json.points.map((p: { n: number; score: number }) => [p.n, p.score])).toEqual(
      weekRollup.json.points.map((p: { n: number; score: number }) => [p.n, p.score]),
    );
  });

  it('forget an erased customer', async () => {
    const before = (await report('summary', 'from=2026-03-01&to=2026-03-31')).json;
    expect((await t.admin('DELETE', `/v1/sites/${site.id}/customers/pro-1`)).status).toBe(204);
    const after = (await report('summary', 'from=2026-03-01&to=2026-03-31')).json;
    expect(after.n).toBe(before.n - 1);
    expect(after.nps.promoters).toBe(before.nps.promoters - 1);
    expect(after.csat.n).toBe(before.csat.n - 1);
  });

  it('are rebuilt from existing rows by the migration', async () => {
    const expected = (await report('summary', 'from=2026-03-01&to=2026-03-31')).json;
    for (const table of ['score_daily', 'response_daily', 'display_daily'])
      await t.db.run(`DELETE FROM ${table}`);
    await t.db.run("DELETE FROM schema_migrations WHERE id = '002_daily_rollups'");
    for (const table of ['score_daily', 'response_daily', 'display_daily'])
      await t.db.run(`DROP TABLE ${table}`);
    await t.db.migrate();
    expect((await report('summary', 'from=2026-03-01&to=2026-03-31')).json).toEqual(expected);
  });
});
