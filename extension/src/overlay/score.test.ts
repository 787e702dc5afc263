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
});
