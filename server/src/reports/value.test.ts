import { getLifetimeValue, getMonthlyRetention } from '@moments/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };

const nps = (customer: string | undefined, value: number, day: string) =>
  makeResponse({
    createdAt: `2026-${day}T12:00:00Z`,
    ...(customer ? { customer: { id: customer } } : {}),
    answers: [{ questionId: 'nps', value }],
  });

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
  await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
    responses: [
      nps('p1', 10, '03-02'),
      nps('p2', 9, '03-03'),
      nps('pa1', 10, '02-10'),
      nps('pa1', 7, '03-04'), // fell by 3: its MRR is at risk
      nps('d1', 2, '03-05'),
      nps('d2', 10, '03-05'),
      nps('d2', 4, '03-20'), // the latest answer counts
      nps('x', 0, '02-01'), // outside the period
      nps(undefined, 0, '03-06'), // anonymous: no revenue to tie to
    ],
  });
  await t.admin('PUT', `/v1/sites/${site.id}/customers`, [
    { id: 'p1', mrr: 100, acquisitionCost: 300, costToServe: 10 },
    { id: 'p2', mrr: 300, acquisitionCost: 500, costToServe: 20, churnedAt: '2026-03-20' },
    { id: 'pa1', mrr: 50 },
    { id: 'd1', mrr: 200, churnedAt: '2026-03-25' },
    { id: 'd2', mrr: 0 },
  ]);
});
afterEach(() => t.close());

describe('reports/value', () => {
  it('ties scores to revenue, churn and lifetime value by band', async () => {
    const r = await t.admin('GET', `/v1/sites/${site.id}/reports/value?from=2026-03-01&to=2026-03-31`);
    expect(r.status).toBe(200);
    expect(r.json.customers).toBe(5);
    expect(r.json.nps).toBe(0);
    // (promoter MRR 400 − detractor MRR 200) / all MRR 650
    expect(r.json.revenueWeightedNps).toBe(30.77);
    expect(r.json.revenueAtRisk).toEqual({ monthly: 250, annual: 3000, detractors: 200, falling: 50 });
    const [promoters, passives, detractors] = r.json.bands;
    expect(promoters).toMatchObject({
      band: 'promoter',
      customers: 2,
      mrr: 400,
      averageMrr: 200,
      churnRate: 0.5,
      acquisitionCost: 400,
      costToServe: 15,
    });
    expect(passives).toMatchObject({ band: 'passive', customers: 1, mrr: 50, churnRate: 0 });
    expect(detractors).toMatchObject({ band: 'detractor', customers: 2, mrr: 200, churnRate: 0.5 });
    const months = (31 * 86_400_000) / (30.4375 * 86_400_000);
    const expected = getLifetimeValue({
      mrr: 200,
      margin: 0.7,
      monthlyRetention: getMonthlyRetention(0.5, months),
      annualDiscountRate: 0.1,
    });
    expect(promoters.lifetimeValue).toBeCloseTo(expected, 1);
  });

  it('uses the margin and discount rate set on the site', async () => {
    await t.admin('PATCH', `/v1/sites/${site.id}`, {
      valueSettings: { margin: 0.35, annualDiscountRate: 0.1 },
    });
    const r = await t.admin('GET', `/v1/sites/${site.id}/reports/value?from=2026-03-01&to=2026-03-31`);
    const before = await t.admin('GET', `/v1/sites/${site.id}`);
    expect(before.json.valueSettings).toEqual({ margin: 0.35, annualDiscountRate: 0.1 });
    expect(r.json.settings.margin).toBe(0.35);
    const months = 31 / 30.4375;
    const expected = getLifetimeValue({
      mrr: 200,
      margin: 0.35,
      monthlyRetention: getMonthlyRetention(0.5, months),
      annualDiscountRate: 0.1,
    });
    expect(r.json.bands[0].lifetimeValue).toBeCloseTo(expected, 1);
  });
});

describe('reports/value up to today', () => {
  it('reads the kept latest scores and agrees with ranking every answer', async () => {
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    const recent = (customer: string, value: number, daysAgo: number) =>
      makeResponse({
        createdAt: day(daysAgo),
        customer: { id: customer },
        answers: [{ questionId: 'nps', value }],
      });
    // Out of order on purpose: r2's older answer arrives after its newer one.
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [recent('r1', 10, 5), recent('r1', 6, 2), recent('r2', 9, 1), recent('r3', 8, 3)],
    });
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [recent('r2', 3, 4), recent('r3', 10, 30)],
    });
    await t.admin('PUT', `/v1/sites/${site.id}/customers`, [
      { id: 'r1', mrr: 40 },
      { id: 'r2', mrr: 60, churnedAt: day(1) },
      { id: 'r3', mrr: 80 },
    ]);
    const { getValueReport } = await import('./value.js');
    const settings = { margin: 0.7, annualDiscountRate: 0.1 };
    const filter = { from: day(10).slice(0, 10) };
    const kept = await getValueReport(t.db, site.id, settings, filter);
    const ranked = await getValueReport(t.db, site.id, settings, filter, { fromAnswers: true });
    expect(kept).toEqual(ranked);
    expect(kept.customers).toBe(3);
    // r1 fell from 10 to 6 (detractor); r3 fell from 10 to 8 (passive, at risk); r2 is a promoter.
    expect(kept.revenueAtRisk).toMatchObject({ detractors: 40, falling: 80 });
  });
});
