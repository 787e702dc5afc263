import { describe, expect, it } from 'vitest';
import { getBand, isWorstBand, SCALE_RANGES } from './scales.js';
import { getBandSql, summarizeMean } from './scores.js';

describe('CES 2.0: higher is easier', () => {
  it('bands 1-3 hard, 4 neutral, 5-7 easy', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((v) => getBand('ces', v))).toEqual([
      'hard',
      'hard',
      'hard',
      'neutral',
      'easy',
      'easy',
      'easy',
    ]);
    expect(isWorstBand('ces', 3)).toBe(true);
    expect(isWorstBand('ces', 7)).toBe(false);
    expect(SCALE_RANGES.ces).toEqual([1, 7]);
  });
  it('writes the same bands in SQL', () => {
    expect(getBandSql('ces')).toBe(
      "CASE WHEN value_num >= 5 THEN 'easy' WHEN value_num >= 4 THEN 'neutral' ELSE 'hard' END",
    );
  });
  it('bands NPS and CSAT as before', () => {
    expect([0, 6, 7, 8, 9, 10].map((v) => getBand('nps', v))).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    expect([1, 2, 3, 4, 5].map((v) => getBand('csat', v))).toEqual([
      'unsatisfied',
      'unsatisfied',
      'neutral',
      'satisfied',
      'satisfied',
    ]);
  });
});

describe('intervals stay on the scale', () => {
  it('clips a CES interval from two answers to 1..7', () => {
    // Two answers, 1 and 7: mean 4, sd 4.24, t(.975,1)=12.706 -> 4 ± 38.1 unclipped.
    const r = summarizeMean({ n: 2, sum: 8, sumSq: 50 }, SCALE_RANGES.ces);
    expect(r.mean).toBe(4);
    expect(r.ci95).toEqual([1, 7]);
  });
  it('clips a rating interval to 1..N', () => {
    const r = summarizeMean({ n: 2, sum: 6, sumSq: 26 }, [1, 5]);
    expect(r.ci95![0]).toBeGreaterThanOrEqual(1);
    expect(r.ci95![1]).toBeLessThanOrEqual(5);
  });
});
