import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.js';
import type { Db } from '../db/index.js';
import { sha256Hex } from '../domain/crypto.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { createTestDb } from '../testing/test-app.js';
import { seedDemo } from './seed.js';

let db: Db;
let drop: () => Promise<void>;
beforeEach(async () => {
  ({ db, drop } = await createTestDb());
});
afterEach(() => drop());

describe('the demo seed', () => {
  it('stores a site whose reports answer the questions the demo is for, the same every run', async () => {
    const now = Date.UTC(2026, 10, 22);
    const { counts } = await seedDemo(db, { customers: 400, now });
    expect(counts.customers).toBe(400);
    expect(counts.responses).toBeGreaterThan(500);
    const stored = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM responses');
    expect(stored!.n).toBe(counts.responses);
    const app = createApp({
      db,
      adminTokenHash: await sha256Hex('t'),
      rateLimiter: createRateLimiter(1000),
      getClientIp: () => undefined,
    });
    const get = async (path: string) =>
      (
        await app.request(`/v1/sites/site_demo/reports/${path}`, { headers: { authorization: 'Bearer t' } })
      ).json();
    const drivers = await get('drivers?surveyId=checkout-nps&from=2026-05-01&to=2026-11-21');
    expect(drivers.drivers[0]).toMatchObject({ driver: 'ease', quadrant: 'fix first' });
    const value = await get('value?from=2026-05-01&to=2026-11-21');
    expect(value.revenueAtRisk.monthly).toBeGreaterThan(0);
    const churn = Object.fromEntries(
      value.bands.map((b: { band: string; churnRate: number }) => [b.band, b.churnRate]),
    );
    expect(churn.detractor).toBeGreaterThan(churn.promoter);
    // CES 2.0 in the demo: a complaint about ease comes with a hard answer (1-3), never an easy one.
    const ease = await db.get<{ lo: number; hi: number }>(
      `SELECT MIN(c.value_num) AS lo, MAX(c.value_num) AS hi FROM answers c
       WHERE c.qtype = 'ces' AND c.response_id IN (SELECT response_id FROM answers WHERE question_id = 'comment')`,
    );
    expect(ease!.hi).toBeLessThanOrEqual(3);
    expect(ease!.lo).toBeGreaterThanOrEqual(1);
    // Follow-ups opened as their answers came in over the six months, not all at seeding.
    const ages = await db.get<{ lo: number; hi: number }>(
      'SELECT MIN(opened_at) AS lo, MAX(opened_at) AS hi FROM followups',
    );
    expect(Number(ages!.hi) - Number(ages!.lo)).toBeGreaterThan(90 * 86_400_000);
    // Some customers left after the first question: partial responses, counted in the scores.
    const summary = await get('summary?from=2026-05-01&to=2026-11-21');
    expect(summary.completionRate.rate).toBeGreaterThan(0.8);
    expect(summary.completionRate.rate).toBeLessThan(1);

    // Deterministic: a second database seeded the same way holds the same answers.
    const other = await createTestDb();
    try {
      const again = await seedDemo(other.db, { customers: 400, now });
      expect(again.counts).toEqual(counts);
      const fingerprint = (d: Db) =>
        d.get('SELECT COUNT(*) AS n, SUM(value_num) AS s, SUM(LENGTH(value_text)) AS t FROM answers');
      expect(await fingerprint(other.db)).toEqual(await fingerprint(db));
    } finally {
      await other.drop();
    }
  });

  it('writes at least 300 different comments, at every moment, complaints with low scores and praise with high ones', async () => {
    const now = Date.UTC(2026, 10, 22);
    await seedDemo(db, { customers: 3000, now });
    const distinct = await db.get<{ n: number }>(
      "SELECT COUNT(DISTINCT value_text) AS n FROM answers WHERE qtype = 'text' AND value_text <> ''",
    );
    expect(distinct!.n).toBeGreaterThanOrEqual(300);
    const byMoment = await db.all<{ moment: string; n: number }>(
      "SELECT moment, COUNT(DISTINCT value_text) AS n FROM answers WHERE qtype = 'text' GROUP BY moment ORDER BY moment",
    );
    expect(byMoment.map((m) => m.moment)).toEqual([
      'cancel_started',
      'checkout_completed',
      'signup_completed',
      'ticket_closed',
    ]);
    for (const m of byMoment) expect(m.n, m.moment).toBeGreaterThanOrEqual(10);
    // Complaints come with low scores and praise with high ones.
    const praiseScores = await db.get<{ lo: number }>(
      `SELECT MIN(c.value_num) AS lo FROM answers c JOIN answers t ON t.site_id = c.site_id AND t.response_id = c.response_id
       WHERE c.qtype = 'csat' AND t.qtype = 'text' AND t.value_text LIKE 'Support solved%'`,
    );
    expect(praiseScores!.lo).toBeGreaterThanOrEqual(3);
  });
});
