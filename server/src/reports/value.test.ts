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
    // d1 (a detractor, MRR 200) churned on 25 March, inside the period: that revenue is lost (the
    // band's churn), not at risk; pa1's fall (MRR 50) is.
    expect(r.json.revenueAtRisk).toEqual({ monthly: 50, annual: 600, detractors: 0, falling: 50 });
    const risky = await t.admin(
      'GET',
      `/v1/sites/${site.id}/reports/value/at-risk?from=2026-03-01&to=2026-03-31`,
    );
    expect(risky.json.customers.map((c: { id: string }) => c.id)).toEqual(['pa1', 'd2']);
    // A period that ends before d1 churned had d1's revenue at risk.
    const before = await t.admin('GET', `/v1/sites/${site.id}/reports/value?from=2026-03-01&to=2026-03-24`);
    expect(before.json.revenueAtRisk).toEqual({ monthly: 250, annual: 3000, detractors: 200, falling: 50 });
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

describe('reports/value under the filters every report takes', () => {
  const period = 'from=2026-03-01&to=2026-03-31';
  const value = async (filter: string) => {
    const report = (await t.admin('GET', `/v1/sites/${site.id}/reports/value?${period}${filter}`)).json;
    // The at-risk list under the same filter names the customers whose MRR the report adds up.
    const risky = (await t.admin('GET', `/v1/sites/${site.id}/reports/value/at-risk?${period}${filter}`))
      .json;
    const listed = risky.customers.reduce((n: number, c: { mrr: number | null }) => n + (c.mrr ?? 0), 0);
    expect(listed, filter).toBe(report.revenueAtRisk.monthly);
    return report;
  };

  it('bands only the customers on the plan asked for', async () => {
    await t.admin('PUT', `/v1/sites/${site.id}/customers`, [
      { id: 'p1', plan: 'pro' },
      { id: 'd1', plan: 'pro' },
      { id: 'pa1', plan: 'basic' },
    ]);
    const pro = await value('&plan=pro');
    expect(pro.customers).toBe(2);
    expect(pro.nps).toBe(0);
    // (p1's 100 − d1's 200) / 300
    expect(pro.revenueWeightedNps).toBe(-33.33);
    expect(pro.bands.map((b: { customers: number }) => b.customers)).toEqual([1, 0, 1]);
    const basic = await value('&plan=basic');
    expect(basic.customers).toBe(1);
    expect(basic.revenueAtRisk).toEqual({ monthly: 50, annual: 600, detractors: 0, falling: 50 });
    expect((await value('&plan=none')).customers).toBe(0);
  });

  it("reads each customer's latest NPS among the answers a survey, moment, team or agent filter keeps", async () => {
    await t.createSurvey(site.id, { id: 'support-nps', moment: 'ticket_closed' });
    const support = (customer: string, value: number, day: string, agent: string) =>
      makeResponse({
        surveyId: 'support-nps',
        moment: 'ticket_closed',
        customer: { id: customer },
        context: { team: 'support', agent },
        createdAt: `2026-${day}T12:00:00Z`,
        answers: [{ questionId: 'nps', value }],
      });
    // p1 is a promoter at checkout and a detractor in support, later; d1 fell from 9 to 6 in support.
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: [
        support('p1', 3, '03-10', 'ada'),
        support('d1', 9, '03-01', 'bo'),
        support('d1', 6, '03-08', 'ada'),
      ],
    });
    const all = await value('');
    expect(all.customers).toBe(5);
    // Unfiltered, p1's latest answer (3, in support) makes them a detractor.
    expect(all.bands.map((b: { customers: number }) => b.customers)).toEqual([1, 1, 3]);
    for (const filter of ['&surveyId=support-nps', '&moment=ticket_closed', '&team=support']) {
      const r = await value(filter);
      expect(r.customers, filter).toBe(2);
      expect(r.nps, filter).toBe(-100);
      expect(
        r.bands.map((b: { customers: number }) => b.customers),
        filter,
      ).toEqual([0, 0, 2]);
    }
    const checkout = await value('&surveyId=checkout-nps');
    expect(checkout.customers).toBe(5);
    // At checkout p1 is still the promoter they were (10); d1's latest there is 2.
    expect(checkout.bands.map((b: { customers: number }) => b.customers)).toEqual([2, 1, 2]);
    // pa1's only checkout answer in March (7) fell from the one before the period (10, February).
    expect(checkout.revenueAtRisk.falling).toBe(50);
    const ada = await value('&agent=ada');
    expect(ada.customers).toBe(2);
    // Within ada's answers d1 has no earlier one: no fall to count; d1 churned in the period.
    expect(ada.revenueAtRisk).toEqual({ monthly: 100, annual: 1200, detractors: 100, falling: 0 });
    const bo = await value('&agent=bo');
    expect(bo.customers).toBe(1);
    expect(bo.bands[0].customers).toBe(1);
    expect((await value('&surveyId=nope')).customers).toBe(0);
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

describe('reports/value for a period customers answered again after', () => {
  it('counts each customer by their latest answer before the end, as a brute-force reading says', async () => {
    // Customers answering before, inside and after the periods below, out of order on purpose.
    const history: [string, number, string][] = [
      ['h1', 9, '01-15'],
      ['h1', 3, '03-08'],
      ['h1', 10, '03-25'], // after 03-10: h1 counts as a detractor (3), fallen from 9, until the 25th
      ['h2', 6, '04-02'], // only after the short period
      ['h3', 8, '02-20'],
      ['h3', 10, '03-02'],
      ['h3', 7, '03-03'], // two answers inside: the later counts, fallen by 3
      ['h3', 2, '05-01'],
      ['h4', 10, '03-09'],
      ['h4', 9, '03-09'], // the same day, later in it
      ['h5', 5, '01-20'],
      ['h5', 9, '04-10'], // none inside the March periods: h5 counts in none of them
    ];
    const at = (day: string, i: number) => `2026-${day}T${String(10 + (i % 10)).padStart(2, '0')}:00:00Z`;
    const responses = history.map(([customer, value, day], i) =>
      makeResponse({
        createdAt: at(day, i),
        customer: { id: customer },
        answers: [{ questionId: 'nps', value }],
      }),
    );
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: responses.slice(5) });
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: responses.slice(0, 5) });
    await t.admin('PUT', `/v1/sites/${site.id}/customers`, [
      { id: 'h1', mrr: 70 },
      { id: 'h3', mrr: 90, churnedAt: '2026-04-01' },
      { id: 'h4', mrr: 30 },
    ]);

    // Brute force over every NPS answer with a customer (this suite's and beforeEach's): each
    // customer's latest before `to`, if at or after `from`, and the answer before that one.
    const all = [
      ...history.map(([customer, value, day], i) => ({ customer, value, at: Date.parse(at(day, i)) })),
      ...[
        ['p1', 10, '03-02'],
        ['p2', 9, '03-03'],
        ['pa1', 10, '02-10'],
        ['pa1', 7, '03-04'],
        ['d1', 2, '03-05'],
        ['d2', 10, '03-05'],
        ['d2', 4, '03-20'],
        ['x', 0, '02-01'],
      ].map(([customer, value, day]) => ({
        customer: customer as string,
        value: value as number,
        at: Date.parse(`2026-${day}T12:00:00Z`),
      })),
    ];
    const bruteForce = (from: number, to: number) => {
      const bands = { promoter: 0, passive: 0, detractor: 0 };
      const falling: string[] = [];
      for (const customer of new Set(all.map((a) => a.customer))) {
        const [latest, prev] = all
          .filter((a) => a.customer === customer && a.at < to)
          .sort((a, b) => b.at - a.at);
        if (!latest || latest.at < from) continue;
        bands[latest.value >= 9 ? 'promoter' : latest.value >= 7 ? 'passive' : 'detractor']++;
        if (latest.value >= 7 && prev && latest.value <= prev.value - 2) falling.push(customer);
      }
      return { bands, falling: falling.sort() };
    };

    const { getValueReport } = await import('./value.js');
    const { getValueAtRisk } = await import('./value-at-risk.js');
    const settings = { margin: 0.7, annualDiscountRate: 0.1 };
    const periods = [
      { from: '2026-03-01', to: '2026-03-08' },
      { from: '2026-03-01', to: '2026-03-10' },
      { from: '2026-03-01', to: '2026-03-31' },
      { from: '2026-02-15', to: '2026-03-09T12:00:00Z' },
      { from: '2026-01-01', to: '2026-12-31' },
    ];
    // Each way of reading those who answered again after a period (seeks, or a scan of the
    // answers' kept neighbours), and the one the report picks, against the reference.
    for (const period of periods) {
      for (const via of [undefined, 'seek', 'scan'] as const) {
        const said = `${JSON.stringify(period)} via ${via ?? 'choice'}`;
        const report = await getValueReport(t.db, site.id, settings, period, { via });
        const { from, to } = { from: Date.parse(report.from), to: Date.parse(report.to) };
        const expected = bruteForce(from, to);
        const counts = Object.fromEntries(report.bands.map((b) => [b.band, b.customers]));
        expect(counts, said).toEqual(expected.bands);
        expect(report, said).toEqual(
          await getValueReport(t.db, site.id, settings, period, { fromAnswers: true }),
        );
        const risk = await getValueAtRisk(t.db, site.id, { ...period, limit: 100 }, { via });
        expect(risk, said).toEqual(
          await getValueAtRisk(t.db, site.id, { ...period, limit: 100 }, { fromAnswers: true }),
        );
        expect(
          risk.customers
            .filter((c) => c.reason === 'falling')
            .map((c) => c.id)
            .sort(),
          said,
        ).toEqual(expected.falling);
      }
    }
    // In the short period h1 is a detractor (3); h3 (90) and pa1 (50) are passives fallen by 3.
    const march = await getValueReport(t.db, site.id, settings, periods[1]!);
    expect(march.revenueAtRisk.falling).toBe(140);
  });
});
