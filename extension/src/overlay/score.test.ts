import type { Lookup } from '@moments/shared';
import { describe, expect, it } from 'vitest';
import { getHeadline, getTone } from './score.js';

const withLatest = (latest: Partial<Lookup['latest']>) =>
  ({ latest: { nps: null, csat: null, ces: null, ...latest } }) as Lookup;

describe('score tones', () => {
  it('reads CES as CES 2.0: higher is easier (1–3 bad, 4 mid, 5–7 good)', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((v) => getTone('ces', v))).toEqual([
      'bad',
      'bad',
      'bad',
      'mid',
      'good',
      'good',
      'good',
    ]);
    expect(getHeadline(withLatest({ ces: { value: 7, at: '2026-01-01' } }))).toEqual({
      label: 'CES 7',
      tone: 'good',
      band: 'easy',
    });
    expect(getHeadline(withLatest({ ces: { value: 2, at: '2026-01-01' } })).band).toBe('hard');
  });

  it('keeps NPS and CSAT bands, NPS first', () => {
    expect([0, 6, 7, 8, 9, 10].map((v) => getTone('nps', v))).toEqual([
      'bad',
      'bad',
      'mid',
      'mid',
      'good',
      'good',
    ]);
    expect([1, 2, 3, 4, 5].map((v) => getTone('csat', v))).toEqual(['bad', 'bad', 'mid', 'good', 'good']);
    const h = getHeadline(withLatest({ nps: { value: 9, at: 'x' }, ces: { value: 1, at: 'x' } }));
    expect(h.label).toBe('NPS 9');
  });

  it('lets a newer CSAT or CES in a worse band head over the NPS, and says which it came after', () => {
    const nps9 = { value: 9, at: '2026-03-01T10:00:00Z' };
    // A bad ticket after a promoter's NPS: the agent sees it first.
    expect(getHeadline(withLatest({ nps: nps9, csat: { value: 1, at: '2026-06-01T10:00:00Z' } }))).toEqual({
      label: 'CSAT 1',
      tone: 'bad',
      band: 'unsatisfied',
      note: 'after NPS 9',
    });
    // An older bad one, or a newer one no worse, leaves the NPS heading.
    expect(getHeadline(withLatest({ nps: nps9, csat: { value: 1, at: '2026-01-01T10:00:00Z' } })).label).toBe(
      'NPS 9',
    );
    expect(getHeadline(withLatest({ nps: nps9, csat: { value: 5, at: '2026-06-01T10:00:00Z' } }))).toEqual({
      label: 'NPS 9',
      tone: 'good',
      band: 'promoter',
    });
    const nps3 = { value: 3, at: '2026-03-01T10:00:00Z' };
    expect(getHeadline(withLatest({ nps: nps3, ces: { value: 1, at: '2026-06-01T10:00:00Z' } })).label).toBe(
      'NPS 3',
    );
    // Of two newer and worse, the worst heads; without NPS, CSAT is the base and a newer hard CES heads.
    expect(
      getHeadline(
        withLatest({
          nps: nps9,
          csat: { value: 3, at: '2026-05-01T10:00:00Z' },
          ces: { value: 2, at: '2026-04-01T10:00:00Z' },
        }),
      ),
    ).toMatchObject({ label: 'CES 2', tone: 'bad', note: 'after NPS 9' });
    expect(
      getHeadline(withLatest({ csat: { value: 5, at: '2026-03-01' }, ces: { value: 2, at: '2026-04-01' } })),
    ).toMatchObject({ label: 'CES 2', note: 'after CSAT 5' });
  });
});
