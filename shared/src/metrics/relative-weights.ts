import { EigenvalueDecomposition, inverse, Matrix } from 'ml-matrix';

/**
 * Sums over complete cases, as SQL aggregates them: n, and for predictors x and outcome y the
 * sums Σx, Σy, Σy², Σx·xᵀ (k×k) and Σx·y.
 */
export interface CrossSums {
  n: number;
  sumX: number[];
  sumY: number;
  sumYY: number;
  sumXX: number[][];
  sumXY: number[];
}

/** Correlations among the predictors and with the outcome, from cross sums. */
function toCorrelations(s: CrossSums) {
  const k = s.sumX.length;
  const cov = (sxy: number, sx: number, sy: number) => (sxy - (sx * sy) / s.n) / (s.n - 1);
  const sdX = s.sumX.map((sx, i) => Math.sqrt(cov(s.sumXX[i]![i]!, sx, sx)));
  const sdY = Math.sqrt(cov(s.sumYY, s.sumY, s.sumY));
  const rxx = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => cov(s.sumXX[i]![j]!, s.sumX[i]!, s.sumX[j]!) / (sdX[i]! * sdX[j]!)),
  );
  const rxy = s.sumXY.map((sxy, i) => cov(sxy, s.sumX[i]!, s.sumY) / (sdX[i]! * sdY));
  return { rxx, rxy, sdX, sdY };
}

/**
 * Johnson's (2000) relative weights: each predictor's share of the explained variance R², from
 * the predictors' orthogonal counterparts, so correlated drivers share credit fairly. The weights
 * sum to the model's R². Null when a predictor or the outcome does not vary, or n ≤ k + 1.
 */
export function getRelativeWeights(s: CrossSums): { weights: number[]; r2: number } | null {
  const k = s.sumX.length;
  if (k === 0 || s.n <= k + 1) return null;
  const { rxx, rxy, sdX, sdY } = toCorrelations(s);
  if (!(sdY > 0) || sdX.some((sd) => !(sd > 0))) return null;
  const evd = new EigenvalueDecomposition(new Matrix(rxx), { assumeSymmetric: true });
  const q = evd.eigenvectorMatrix;
  const values = evd.realEigenvalues.map((v) => Math.sqrt(Math.max(v, 0)));
  // Λ = Q D^½ Qᵀ: the correlations between the predictors and their closest orthogonal set Z.
  const lambda = q.mmul(Matrix.diag(values)).mmul(q.transpose());
  // Regress y on Z: β = Λ⁻¹ r_xy (Z's columns are uncorrelated with unit variance).
  const beta = inverse(lambda).mmul(Matrix.columnVector(rxy)).to1DArray();
  const weights = Array.from({ length: k }, (_, j) =>
    beta.reduce((sum, b, i) => sum + lambda.get(j, i) ** 2 * b ** 2, 0),
  );
  return { weights, r2: weights.reduce((a, b) => a + b, 0) };
}
