import { inverse, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { type CrossSums, getRelativeWeights } from './relative-weights.js';

function crossSums(rows: { x: number[]; y: number }[]): CrossSums {
  const k = rows[0]!.x.length;
  const s: CrossSums = {
    n: rows.length,
    sumX: Array(k).fill(0),
    sumY: 0,
    sumYY: 0,
    sumXX: Array.from({ length: k }, () => Array(k).fill(0)),
    sumXY: Array(k).fill(0),
  };
  for (const { x, y } of rows) {
    s.sumY += y;
    s.sumYY += y * y;
    x.forEach((xi, i) => {
      s.sumX[i]! += xi;
      s.sumXY[i]! += xi * y;
      x.forEach((xj, j) => {
        s.sumXX[i]![j]! += xi * xj;
      });
    });
  }
  return s;
}

/** R² of an ordinary least-squares fit, computed independently through the normal equations. */
function olsR2(rows: { x: number[]; y: number }[]): number {
  const X = new Matrix(rows.map((r) => [1, ...r.x]));
  const y = Matrix.columnVector(rows.map((r) => r.y));
  const b = inverse(X.transpose().mmul(X)).mmul(X.transpose()).mmul(y);
  const fit = X.mmul(b).to1DArray();
  const mean = rows.reduce((a, r) => a + r.y, 0) / rows.length;
  const ssTot = rows.reduce((a, r) => a + (r.y - mean) ** 2, 0);
  const ssRes = rows.reduce((a, r, i) => a + (r.y - fit[i]!) ** 2, 0);
  return 1 - ssRes / ssTot;
}

// A deterministic pseudo-random stream for test data.
function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296;
  };
}

describe("Johnson's relative weights", () => {
  it('sum to the R² of an independently computed least-squares fit, with correlated drivers', () => {
    const rnd = lcg(7);
    const rows = Array.from({ length: 400 }, () => {
      const a = rnd() * 4 + 1;
      const b = 0.6 * a + rnd() * 2; // correlated with a
      const c = rnd() * 5;
      return { x: [a, b, c], y: 2 * a + 0.5 * b + 0.1 * c + rnd() * 3 };
    });
    const r = getRelativeWeights(crossSums(rows))!;
    expect(r.r2).toBeCloseTo(olsR2(rows), 10);
    expect(r.weights[0]).toBeGreaterThan(r.weights[1]!);
    expect(r.weights[1]).toBeGreaterThan(r.weights[2]!);
  });

  it('equal the squared correlations when the drivers are uncorrelated', () => {
    // x1 and x2 are orthogonal (and centred) by construction.
    const rows = [
      { x: [1, 1], y: 5 },
      { x: [1, -1], y: 3 },
      { x: [-1, 1], y: 2 },
      { x: [-1, -1], y: -1 },
      { x: [1, 1], y: 4 },
      { x: [1, -1], y: 3 },
      { x: [-1, 1], y: 1 },
      { x: [-1, -1], y: 0 },
    ];
    const r = getRelativeWeights(crossSums(rows))!;
    const corr = (i: number) => {
      const xs = rows.map((row) => row.x[i]!);
      const ys = rows.map((row) => row.y);
      const mx = xs.reduce((a, b) => a + b) / xs.length;
      const my = ys.reduce((a, b) => a + b) / ys.length;
      const sxy = xs.reduce((a, x, j) => a + (x - mx) * (ys[j]! - my), 0);
      const sxx = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
      const syy = ys.reduce((a, y) => a + (y - my) ** 2, 0);
      return sxy / Math.sqrt(sxx * syy);
    };
    expect(r.weights[0]).toBeCloseTo(corr(0) ** 2, 10);
    expect(r.weights[1]).toBeCloseTo(corr(1) ** 2, 10);
  });

  it('has no answer without variance or with too few cases', () => {
    expect(
      getRelativeWeights(
        crossSums([
          { x: [1], y: 1 },
          { x: [2], y: 2 },
        ]),
      ),
    ).toBeNull();
    expect(getRelativeWeights(crossSums(Array.from({ length: 5 }, (_, i) => ({ x: [3], y: i }))))).toBeNull();
  });
});
