import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** Rounds to two decimals, the precision every report carries. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Wilson score interval for k successes in n trials, as proportions in [0, 1]. */
export function getWilsonInterval(k: number, n: number, z = Z95): [number, number] | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [clamp(center - half, 0, 1), clamp(center + half, 0, 1)];
}

/** Student-t interval for a mean from n, sum and sum of squares (null below two values). */
export function getMeanInterval(n: number, sum: number, sumSq: number): [number, number] | null {
  if (n < 2) return null;
  const mean = sum / n;
  // Guards a tiny negative from floating-point cancellation when every value is equal.
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  const half = tQuantile(0.975, n - 1) * Math.sqrt(variance / n);
  return [mean - half, mean + half];
}

/** The interval clipped to [lo, hi] and rounded to two decimals. */
export function roundInterval(ci: [number, number] | null, scale = 1, lo = -Infinity, hi = Infinity) {
  if (!ci) return null;
  return [round2(clamp(ci[0] * scale, lo, hi)), round2(clamp(ci[1] * scale, lo, hi))] as [number, number];
}
