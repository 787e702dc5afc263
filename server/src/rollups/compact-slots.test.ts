import { describe, expect, it } from 'vitest';
import { saveResponses } from '../ingest/save-responses.js';
import { findSiteById } from '../sites/queries.js';
import { useSiteApp } from '../testing/site-app.js';
import { makeResponse, testDbKind } from '../testing/test-app.js';
import { compactRollupSlots } from './compact-slots.js';

const ctx = useSiteApp();

const DAY = 86_400_000;
const yesterday = new Date(Math.floor(Date.now() / DAY) * DAY - DAY / 2).toISOString();

describe("folding past days' rollup slots", () => {
  it('leaves one row a key for past days, today untouched, and every report the same', async () => {
    // Twenty writes for yesterday and five for today, each its own transaction (its own slot).
    for (let i = 0; i < 25; i++) {
      const at = i < 20 ? yesterday : new Date(Date.now() - 60_000).toISOString();
      const r = await ctx.t.request('POST', `/v1/sites/${ctx.site.publicKey}/responses`, {
        responses: [
          makeResponse({ createdAt: at, answers: [{ questionId: 'nps', value: i % 3 === 0 ? 9 : 4 }] }),
        ],
      });
      expect(r.status).toBe(202);
    }
    const summary = () => ctx.t.admin('GET', `/v1/sites/${ctx.site.id}/reports/summary?from=2020-01-01`);
    const before = (await summary()).json;
    const slotRows = async (pastDays: boolean) =>
      Number(
        (await ctx.t.db.get<{ n: number }>(
          `SELECT COUNT(*) AS n FROM score_daily WHERE slot > 0 AND day ${pastDays ? '<' : '>='} ?`,
          [Math.floor(Date.now() / DAY) * DAY],
        ))!.n,
      );
    const todayBefore = await slotRows(false);
    const folded = await compactRollupSlots(ctx.t.db);
    if (ctx.t.db.dialect.rollupSlots === 1) {
      // SQLite: one writer at a time, one slot; nothing to fold.
      expect(folded).toBe(0);
    } else {
      expect(folded).toBeGreaterThan(0);
      expect(await slotRows(true)).toBe(0);
      expect(await slotRows(false)).toBe(todayBefore);
      const perKey = await ctx.t.db.all<{ n: number }>(
        'SELECT COUNT(*) AS n FROM score_daily WHERE day < ? GROUP BY qtype, day, survey_id, moment, team, value_num',
        [Math.floor(Date.now() / DAY) * DAY],
      );
      expect(perKey.every((r) => Number(r.n) === 1)).toBe(true);
    }
    expect((await summary()).json).toEqual(before);
    expect(before.nps.n).toBe(25);
    // A second pass finds nothing more.
    expect(await compactRollupSlots(ctx.t.db)).toBe(0);
  });

  // Late answers for a past day bump its keys (in key order) while the fold deletes their slot rows
  // and adds them to slot 0: both must lock in one order, or PostgreSQL aborts one as a deadlock.
  // Ingest runs in Node here (the edge project runs the app inside workerd).
  if (testDbKind !== 'edge')
    it('folds while late answers for the same past day arrive, without a deadlock or a lost count', async () => {
      const site = (await findSiteById(ctx.t.db, ctx.site.id))!;
      const late = (n: number) =>
        Array.from({ length: n }, (_, i) =>
          makeResponse({
            createdAt: yesterday,
            context: { team: ['a', 'b', 'c'][i % 3]!, agent: `agent-${i % 4}` },
            answers: [
              { questionId: 'nps', value: i % 11 },
              { questionId: 'csat', value: 1 + (i % 5) },
            ],
          }),
        );
      let sent = 0;
      for (let round = 0; round < 15; round++) {
        // Each its own transaction, so past slots fill up before the fold.
        for (let i = 0; i < 4; i++) {
          await saveResponses(ctx.t.db, site, late(12));
          sent += 12;
        }
        const settled = await Promise.allSettled([
          compactRollupSlots(ctx.t.db),
          ...[1, 2, 3, 4].map(() => saveResponses(ctx.t.db, site, late(12))),
        ]);
        sent += 48;
        const failed = settled.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
        expect({ round, failed }).toEqual({ round, failed: [] });
      }
      const summary = await ctx.t.admin('GET', `/v1/sites/${ctx.site.id}/reports/summary?from=2020-01-01`);
      expect(summary.json.nps.n).toBe(sent);
      expect(summary.json.csat.n).toBe(sent);
    }, 120_000);
});
