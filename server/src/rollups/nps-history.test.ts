import { afterEach, beforeEach, expect, it } from 'vitest';
import { NPS_HISTORY_HELD, NPS_HISTORY_ORDER } from '../db/schema.js';
import { createRandom } from '../demo/random.js';
import { createTestApp, makeResponse, type TestApp } from '../testing/test-app.js';

let t: TestApp;
let site: { id: string; publicKey: string };

beforeEach(async () => {
  t = await createTestApp();
  site = await t.createSite();
  await t.createSurvey(site.id);
});
afterEach(() => t.close());

/** Every held answer's neighbours as stored, and as the whole history orders them now. */
async function storedAndOrdered() {
  const rows = await t.db.all<{
    id: string;
    prev: number | null;
    next: number | null;
    p: number | null;
    n: number | null;
  }>(
    `SELECT a.response_id AS id, a.nps_prev AS prev, a.nps_next_at AS next,
       LAG(a.value_num) OVER w AS p, LEAD(a.created_at) OVER w AS n
     FROM answers a WHERE a.site_id = ? AND ${NPS_HISTORY_HELD}
     WINDOW w AS (PARTITION BY a.customer_id ORDER BY ${NPS_HISTORY_ORDER}) ORDER BY a.response_id`,
    [site.id],
  );
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return {
    stored: rows.map((r) => [r.id, num(r.prev), num(r.next)]),
    ordered: rows.map((r) => [r.id, num(r.p), num(r.n)]),
  };
}

it('keeps each NPS answer’s neighbours in its customer’s history, whatever order and grouping they arrive in', async () => {
  const random = createRandom(7);
  const day = Date.UTC(2026, 2, 1);
  // Three customers, answers spread over March with some at the same instant, an anonymous one,
  // and an answer without NPS: sent in shuffled batches, some of them at once.
  const responses = Array.from({ length: 60 }, (_, i) => {
    const customer = i % 7 === 6 ? undefined : `c${i % 3}`;
    const at = day + Math.floor(random.next() * 20) * 3_600_000 * (i % 5 === 0 ? 0 : 1);
    return makeResponse({
      createdAt: new Date(at).toISOString(),
      ...(customer ? { customer: { id: customer } } : {}),
      ...(i % 11 === 10
        ? { answers: [{ questionId: 'csat', value: 4 }], complete: false }
        : { answers: [{ questionId: 'nps', value: Math.floor(random.next() * 11) }] }),
    });
  });
  const shuffled = [...responses].sort(() => random.next() - 0.5);
  const batches: (typeof responses)[] = [];
  for (let i = 0; i < shuffled.length; ) {
    const size = 1 + Math.floor(random.next() * 6);
    batches.push(shuffled.slice(i, i + size));
    i += size;
  }
  for (let i = 0; i < batches.length; i += 3) {
    const sent = await Promise.all(
      batches
        .slice(i, i + 3)
        .map((b) => t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses: b })),
    );
    for (const r of sent) expect(r.status, JSON.stringify(r.json)).toBe(202);
  }
  const { stored, ordered } = await storedAndOrdered();
  expect(stored.length).toBeGreaterThan(40);
  expect(stored.filter(([, prev]) => prev !== null).length).toBeGreaterThan(20);
  expect(stored).toEqual(ordered);
});

it('leaves an answer’s neighbours alone when a resend adds nothing, and sets them when a resend adds the NPS', async () => {
  const at = (h: number) => new Date(Date.UTC(2026, 2, 1, h)).toISOString();
  const first = makeResponse({
    createdAt: at(1),
    customer: { id: 'k' },
    answers: [{ questionId: 'nps', value: 9 }],
  });
  const partial = makeResponse({
    createdAt: at(3),
    customer: { id: 'k' },
    answers: [{ questionId: 'csat', value: 4 }],
    complete: false,
  });
  const post = async (responses: unknown[]) =>
    expect((await t.request('POST', `/v1/sites/${site.publicKey}/responses`, { responses })).status).toBe(
      202,
    );
  await post([first, partial]);
  await post([first]);
  // The later response's NPS arrives in a second send, after a third response in between.
  await post([
    makeResponse({ createdAt: at(2), customer: { id: 'k' }, answers: [{ questionId: 'nps', value: 4 }] }),
  ]);
  await post([{ ...partial, answers: [{ questionId: 'nps', value: 6 }], complete: true }]);
  // The partial's NPS came last but sits last in time: it follows 4, which follows 9.
  const { stored, ordered } = await storedAndOrdered();
  expect(stored).toEqual(ordered);
  expect(stored.map(([, prev]) => prev).sort()).toEqual([4, 9, null]);
});
