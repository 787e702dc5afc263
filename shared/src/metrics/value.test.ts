import { describe, expect, it } from 'vitest';
import { getLifetimeValue, getMonthlyRetention } from './value.js';

describe('lifetime value', () => {
  it('follows CLV = MRR × margin × r / (1 + d − r)', () => {
    // No discount: 100 × 0.7 × 0.9 / 0.1 = 630.
    expect(
      getLifetimeValue({ mrr: 100, margin: 0.7, monthlyRetention: 0.9, annualDiscountRate: 0 }),
    ).toBeCloseTo(630, 6);
    // 10% a year is 0.797% a month: 100 × 0.7 × 0.9 / (1.00797 − 0.9) = 583.45.
    expect(
      getLifetimeValue({ mrr: 100, margin: 0.7, monthlyRetention: 0.9, annualDiscountRate: 0.1 }),
    ).toBeCloseTo(583.45, 1);
  });
  it('turns churn over a period into monthly retention', () => {
    // Losing 19% over two months is 10% a month.
    expect(getMonthlyRetention(0.19, 2)).toBeCloseTo(0.9, 10);
    expect(getMonthlyRetention(0, 6)).toBe(1);
  });
});
