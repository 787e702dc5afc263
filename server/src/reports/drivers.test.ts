import { getRelativeWeights } from '@moments/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string; secret: string };
const rows: { speed: number; price: number; ease: number; nps: number }[] = [];

const rating = (id: string) => ({
  id,
  type: 'rating',
  scale: 5,
  driver: id,
  text: `Rate ${id}`,
  required: false,
});

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id, {
    id: 'drivers',
    questions: [
      { id: 'nps', type: 'nps', text: 'Recommend?' },
      rating('speed'),
      rating('price'),
      rating('ease'),
    ],
  });
  // Ease moves NPS most and performs worst; price barely matters and performs best.
  rows.length = 0;
  let s = 11;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  for (let i = 0; i < 300; i++) {
    const ease = 1 + Math.floor(rnd() * 3); // 1..3: low performance
    const speed = 2 + Math.floor(rnd() * 4); // 2..5
    const price = 4 + Math.floor(rnd() * 2); // 4..5: high performance
    const nps = Math.max(0, Math.min(10, Math.round(1 + 2.2 * ease + 0.6 * speed + 0.1 * price + rnd() * 2)));
    rows.push({ speed, price, ease, nps });
  }
  const responses = rows.map((r, i) =>
    makeResponse({
      surveyId: 'drivers',
      createdAt: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}T12:00:00Z`,
      answers: [
        { questionId: 'nps', value: r.nps },
        { questionId: 'speed', value: r.speed },
        { questionId: 'price', value: r.price },
        { questionId: 'ease', value: r.ease },
      ],
    }),
  );
  // A response without the drivers counts for the means it has but not for the model.
  responses.push(
    makeResponse({
      surveyId: 'drivers',
      createdAt: '2026-03-05T12:00:00Z',
      answers: [{ questionId: 'nps', value: 10 }],
    }),
  );
  for (let i = 0; i < responses.length; i += 100) {
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, {
      responses: responses.slice(i, i + 100),
    });
  }
});
afterEach(() => t.close());

describe('reports/drivers', () => {
  it('gives relative weights that sum to R², matching a computation from the raw rows', async () => {
    const r = await t.admin(
      'GET',
      `/v1/sites/${site.id}/reports/drivers?surveyId=drivers&outcome=nps&from=2026-03-01&to=2026-03-31`,
    );
    expect(r.status).toBe(200);
    expect(r.json.n).toBe(300);
    // The same model from the raw rows in JavaScript: an independent path to the same numbers.
    const sums = {
      n: rows.length,
      sumX: [0, 0, 0],
      sumY: 0,
      sumYY: 0,
      sumXX: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      sumXY: [0, 0, 0],
    };
    for (const row of rows) {
      const x = [row.speed, row.price, row.ease];
      sums.sumY += row.nps;
      sums.sumYY += row.nps ** 2;
      x.forEach((xi, i) => {
        sums.sumX[i]! += xi;
        sums.sumXY[i]! += xi * row.nps;
        x.forEach((xj, j) => {
          sums.sumXX[i]![j]! += xi * xj;
        });
      });
    }
    const expected = getRelativeWeights(sums)!;
    expect(r.json.r2).toBeCloseTo(expected.r2, 3);
    const byName = Object.fromEntries(r.json.drivers.map((d: { driver: string }) => [d.driver, d]));
    expect(byName.ease.importance).toBeCloseTo(expected.weights[2]!, 3);
    expect(r.json.drivers.map((d: { driver: string }) => d.driver)).toEqual(['ease', 'speed', 'price']);
    expect(byName.ease.quadrant).toBe('fix first');
    expect(byName.price.quadrant).toBe('over-invested');
    expect(byName.ease.position).toEqual({ importance: 'above', performance: 'below' });
    expect(byName.price.position).toEqual({ importance: 'below', performance: 'above' });
    expect(byName.speed.n).toBe(300);
    const shares = r.json.drivers.reduce((a: number, d: { share: number }) => a + d.share, 0);
    expect(shares).toBeCloseTo(1, 1);
  });

  it('claims no quadrant for a driver on an average line: two drivers that matter and score alike', async () => {
    await t.createSurvey(site.id, {
      id: 'even',
      questions: [{ id: 'nps', type: 'nps', text: 'Recommend?' }, rating('delivery'), rating('support')],
    });
    // Each row twice, the two drivers swapped: each explains half of R² and has the same mean,
    // exactly the average of the two on both axes.
    const pairs = [
      [1, 2],
      [2, 4],
      [3, 3],
      [4, 5],
      [5, 1],
      [2, 2],
      [4, 3],
      [5, 5],
    ];
    const responses = pairs.flatMap(([a, b], i) =>
      [
        [a!, b!],
        [b!, a!],
      ].map(([delivery, support]) =>
        makeResponse({
          surveyId: 'even',
          createdAt: `2026-04-${String(1 + i).padStart(2, '0')}T12:00:00Z`,
          answers: [
            { questionId: 'nps', value: Math.min(10, delivery! + support! + (i % 2)) },
            { questionId: 'delivery', value: delivery },
            { questionId: 'support', value: support },
          ],
        }),
      ),
    );
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses });
    const r = await t.admin(
      'GET',
      `/v1/sites/${site.id}/reports/drivers?surveyId=even&outcome=nps&from=2026-04-01&to=2026-04-30`,
    );
    expect(r.json.n).toBe(16);
    for (const d of r.json.drivers) {
      expect(d.share, d.driver).toBeCloseTo(0.5, 2);
      expect(d, d.driver).toMatchObject({
        position: { importance: 'average', performance: 'average' },
        quadrant: null,
      });
    }
  });

  it('reads only the answers the filters keep, the plan of the customer included', async () => {
    const pro = Array.from({ length: 12 }, (_, i) =>
      makeResponse({
        surveyId: 'drivers',
        customer: { id: `pro-${i}` },
        context: { team: 'billing' },
        createdAt: '2026-03-10T12:00:00Z',
        answers: [
          { questionId: 'nps', value: i % 11 },
          { questionId: 'speed', value: 1 + (i % 5) },
          { questionId: 'price', value: 1 + ((i * 2) % 5) },
          { questionId: 'ease', value: 1 + ((i * 3) % 5) },
        ],
      }),
    );
    await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: pro });
    await t.admin(
      'PUT',
      `/v1/sites/${site.id}/customers`,
      pro.map((_, i) => ({ id: `pro-${i}`, plan: i < 8 ? 'pro' : 'basic' })),
    );
    const drivers = async (filter: string) =>
      (
        await t.admin(
          'GET',
          `/v1/sites/${site.id}/reports/drivers?surveyId=drivers&from=2026-03-01&to=2026-03-31${filter}`,
        )
      ).json;
    expect((await drivers('')).n).toBe(312);
    expect((await drivers('&team=billing')).n).toBe(12);
    const onPro = await drivers('&plan=pro');
    expect(onPro.n).toBe(8);
    expect(onPro.drivers.map((d: { n: number }) => d.n)).toEqual([8, 8, 8]);
    expect((await drivers('&plan=none')).n).toBe(0);
  });

  it('refuses a survey without the outcome or drivers, and an unknown survey', async () => {
    await t.createSurvey(site.id, {
      id: 'plain',
      questions: [{ id: 'nps', type: 'nps', text: 'Recommend?' }],
    });
    expect((await t.admin('GET', `/v1/sites/${site.id}/reports/drivers?surveyId=plain`)).status).toBe(400);
    expect(
      (await t.admin('GET', `/v1/sites/${site.id}/reports/drivers?surveyId=drivers&outcome=csat`)).status,
    ).toBe(400);
    expect((await t.admin('GET', `/v1/sites/${site.id}/reports/drivers?surveyId=nope`)).status).toBe(404);
    expect((await t.admin('GET', `/v1/sites/${site.id}/reports/drivers`)).status).toBe(400);
  });
});
