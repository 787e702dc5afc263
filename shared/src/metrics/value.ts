/**
 * Customer lifetime value: monthly margin times the discounted expected lifetime,
 * CLV = MRR × margin × r / (1 + d − r), r the monthly retention, d the monthly discount rate.
 */
export function getLifetimeValue(o: {
  mrr: number;
  margin: number;
  monthlyRetention: number;
  annualDiscountRate: number;
}): number {
  const d = (1 + o.annualDiscountRate) ** (1 / 12) - 1;
  const r = Math.min(Math.max(o.monthlyRetention, 0), 0.999);
  return (o.mrr * o.margin * r) / (1 + d - r);
}

/** Monthly retention from the share of customers lost over a period of `months` months. */
export function getMonthlyRetention(churnRate: number, months: number): number {
  return (1 - Math.min(Math.max(churnRate, 0), 1)) ** (1 / Math.max(months, 1));
}
