import { describe, expect, it } from 'vitest';
import { getNpsBand, summarizeCsat, summarizeMean, summarizeNps, summarizeRate } from './scores.js';

// Expected values worked by hand (see the comments) and checked with a calculator.
describe('summarizeNps', () => {
  it('gives the score and the adjusted-Wald interval', () => {
    // n=100, P=50, D=20: n'=103, p'=50.75/103=.492718, d'=20.75/103=.201456, diff=.291262
    // var=(.492718+.201456-.084834)/103=.0059159, half=1.96*.076915=.150753 -> [14.05, 44.20]
    const r = summarizeNps({ promoters: 50, passives: 30, detractors: 20 });
    expect(r.score).toBe(30);
    expect(r.n).toBe(100);
    expect(r.ci95).toEqual([14.05, 44.2]);
  });
  it('keeps the interval inside -100..100 for tiny samples', () => {
    const r = summarizeNps({ promoters: 2, passives: 0, detractors: 0 });
    expect(r.score).toBe(100);
    expect(r.ci95![1]).toBeLessThanOrEqual(100);
    expect(r.ci95![0]).toBeGreaterThan(-100);
  });
  it('answers null with no answers', () => {
    expect(summarizeNps({ promoters: 0, passives: 0, detractors: 0 })).toMatchObject({
      score: null,
      ci95: null,
    });
  });
  it('bands answers', () => {
    expect([0, 6, 7, 8, 9, 10].map(getNpsBand)).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
  });
});

describe('summarizeCsat', () => {
  it('gives % of 4-5 with a Wilson interval', () => {
    // k=80, n=100, z=1.959964: center=.788917, half=.077746 -> [.71117, .86663]
    const r = summarizeCsat({ n: 100, satisfied: 80, sum: 410 });
    expect(r.score).toBe(80);
    expect(r.mean).toBe(4.1);
    expect(r.ci95).toEqual([71.12, 86.66]);
  });
});

describe('summarizeMean', () => {
  it('gives a Student-t interval', () => {
    // 1..5: mean 3, sd 1.5811, t(.975,4)=2.776445, se=.707107 -> 3 ± 1.963243
    const r = summarizeMean({ n: 5, sum: 15, sumSq: 55 });
    expect(r.mean).toBe(3);
    expect(r.ci95).toEqual([1.04, 4.96]);
  });
  it('has no interval for one value', () => {
    expect(summarizeMean({ n: 1, sum: 4, sumSq: 16 })).toEqual({ mean: 4, n: 1, ci95: null });
  });
  it('has a zero-width interval when all values are equal', () => {
    expect(summarizeMean({ n: 3, sum: 12, sumSq: 48 }).ci95).toEqual([4, 4]);
  });
});

describe('summarizeRate', () => {
  it('gives a proportion and interval', () => {
    expect(summarizeRate(80, 100)).toEqual({ rate: 0.8, ci95: [0.71, 0.87] });
    expect(summarizeRate(0, 0)).toEqual({ rate: null, ci95: null });
  });
});
