import { describe, expect, it } from 'vitest';
import { compareScores, getScoreWithError } from './compare.js';

const counts = (n: number, promoters: number, detractors: number) => ({
  n,
  sum: 0,
  sumSq: 0,
  promoters,
  detractors,
  satisfied: 0,
});

describe('compareScores', () => {
  it('flags a large NPS drop as significant and a small one as noise', () => {
    // 200 answers each: NPS 40 (100 P, 20 D) against NPS 0 (60 P, 60 D).
    const before = getScoreWithError('nps', counts(200, 100, 20))!;
    const now = getScoreWithError('nps', counts(200, 60, 60))!;
    expect(before.score).toBe(40);
    const drop = compareScores(now, before);
    expect(drop.change).toBe(-40);
    expect(drop.significant).toBe(true);
    expect(drop.ci95[1]).toBeLessThan(0);
    const small = compareScores(
      getScoreWithError('nps', counts(40, 16, 6))!,
      getScoreWithError('nps', counts(40, 18, 6))!,
    );
    expect(small.change).toBe(-5);
    expect(small.significant).toBe(false);
  });
  it('uses the mean and its standard error for CES', () => {
    // 2,3,4: mean 3, s 1, se 1/sqrt(3)
    const r = getScoreWithError('ces', {
      n: 3,
      sum: 9,
      sumSq: 29,
      promoters: 0,
      detractors: 0,
      satisfied: 0,
    })!;
    expect(r.score).toBe(3);
    expect(r.se).toBeCloseTo(1 / Math.sqrt(3), 10);
  });
  it('has no score without answers', () => {
    expect(getScoreWithError('csat', counts(0, 0, 0))).toBeNull();
  });
  it('has no error, and so no change, for a mean of one answer', () => {
    expect(
      getScoreWithError('ces', { n: 1, sum: 5, sumSq: 25, promoters: 0, detractors: 0, satisfied: 0 }),
    ).toBeNull();
  });
});
