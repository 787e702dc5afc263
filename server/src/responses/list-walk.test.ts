import { CursorSchema } from '@moments/shared';
import { describe, expect, it } from 'vitest';
import { saveResponses } from '../ingest/save-responses.js';
import { findSiteById } from '../sites/queries.js';
import { useSiteApp } from '../testing/site-app.js';
import { makeResponse } from '../testing/test-app.js';
import { listResponses } from './list-responses.js';
import type { CheckedResponseFilter } from './response-filter.js';

// A filter on the answers is checked row by row for a walk of rows, then read as a set for the
// rest of the page (list-responses.ts). Here walks of 1 to 1,000 rows must list exactly what a
// plain reading of the data does, page after page.
const ctx = useSiteApp();
const HOUR = 3_600_000;
const start = Date.now() - 60 * HOUR;

type Seeded = { id: string; at: number; nps: number; comment?: string; moment: string };
const seeded: Seeded[] = Array.from({ length: 40 }, (_, i) => ({
  id: `r-${String(i).padStart(2, '0')}`,
  // Two share each time from 30 on, so the cursor's tie on time is crossed too.
  at: start + (i < 30 ? i : 30 + Math.floor((i - 30) / 2)) * HOUR,
  nps: (i * 7) % 11,
  comment:
    i % 3 === 0
      ? i === 4 || i === 33
        ? 'a zeppelin flew by'
        : `comment ${i}`
      : i === 4
        ? 'a zeppelin'
        : undefined,
  moment: i % 4 === 0 ? 'cancel_started' : 'checkout_completed',
}));

async function seed() {
  const site = (await findSiteById(ctx.t.db, ctx.site.id))!;
  await ctx.t.createSurvey(ctx.site.id, { id: 'cancel-nps', moment: 'cancel_started' });
  await saveResponses(
    ctx.t.db,
    site,
    seeded.map((r) =>
      makeResponse({
        id: r.id,
        surveyId: r.moment === 'cancel_started' ? 'cancel-nps' : 'checkout-nps',
        moment: r.moment,
        createdAt: new Date(r.at).toISOString(),
        answers: [
          { questionId: 'nps', value: r.nps },
          ...(r.comment ? [{ questionId: 'why', value: r.comment }] : []),
        ],
      }),
    ),
  );
}

const band = (nps: number) => (nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor');
const FILTERS: [string, CheckedResponseFilter, (r: Seeded) => boolean][] = [
  ['detractors', { band: 'detractor' }, (r) => band(r.nps) === 'detractor'],
  ['with a comment', { hasComment: true }, (r) => !!r.comment],
  ['without a comment', { hasComment: false }, (r) => !r.comment],
  ['a rare word', { q: 'zeppelin' }, (r) => !!r.comment?.includes('zeppelin')],
  ['no match', { q: 'nothing like it' }, () => false],
  [
    'promoters at a moment, with a comment',
    { band: 'promoter', moment: 'checkout_completed', hasComment: true },
    (r) => band(r.nps) === 'promoter' && r.moment === 'checkout_completed' && !!r.comment,
  ],
];

describe('a filtered response list, walked then read as a set', () => {
  it('lists exactly the matching responses, newest first, page after page, whatever the walk', async () => {
    await seed();
    for (const [name, filter, keep] of FILTERS) {
      const expected = seeded
        .filter(keep)
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1))
        .map((r) => r.id);
      for (const walk of [1, 3, 7, 1000]) {
        const listed: string[] = [];
        let cursor: { key: number; id: string } | undefined;
        for (let pages = 0; pages < 50; pages++) {
          const page = await listResponses(ctx.t.db, ctx.site.id, { ...filter, cursor, limit: 4 }, walk);
          listed.push(...page.responses.map((r) => r.id));
          if (!page.nextCursor) break;
          cursor = CursorSchema.parse(page.nextCursor);
        }
        expect(listed, `${name}, a walk of ${walk}`).toEqual(expected);
      }
    }
  });
});
