/**
 * Exact t-SNE gradient and KL divergence for any embedding dimension (degrees of freedom 1), O(n²):
 * ∂C/∂y_i = 4 Σ_j (p_ij − q_ij) (1 + ‖y_i − y_j‖²)⁻¹ (y_i − y_j), with P dense n×n (row-major).
 * Returns KL(P‖Q) when `computeError`, else NaN. @internal
 */
export function exactGradient(
  Y: Float64Array,
  n: number,
  dim: number,
  P: Float64Array,
  grad: Float64Array,
  num: Float64Array,
  computeError: boolean,
): number {
  let sumQ = 0;
  for (let i = 0; i < n; i++) {
    num[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      let d2 = 0;
      for (let c = 0; c < dim; c++) {
        const diff = Y[i * dim + c] - Y[j * dim + c];
        d2 += diff * diff;
      }
      const q = 1 / (1 + d2);
      num[i * n + j] = q;
      num[j * n + i] = q;
      sumQ += 2 * q;
    }
  }
  const invZ = 1 / Math.max(sumQ, Number.EPSILON);
  let kl = 0;
  grad.fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const q = num[i * n + j];
      const p = P[i * n + j];
      const coef = (p - q * invZ) * q;
      for (let c = 0; c < dim; c++) grad[i * dim + c] += coef * (Y[i * dim + c] - Y[j * dim + c]);
      if (computeError && p > 0) kl += p * Math.log(Math.max(p, 1e-300) / Math.max(q * invZ, 1e-300));
    }
  }
  for (let e = 0; e < n * dim; e++) grad[e] *= 4;
  return computeError ? kl : NaN;
}
