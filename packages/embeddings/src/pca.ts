import { EmbeddingError } from './errors';
import { orthonormalizeColumns, symmetricEigen } from './linalg';
import { checkFinite, checkMinRows, checkNumber, checkOneOf, checkShape, type FeatureMatrix } from './matrix';
import { SeededRandom } from '@dlkit/core';

/** How {@link PCA} computes its components. */
export type PCAMethod = 'exact' | 'randomized' | 'auto';

/** Options of {@link PCA}. */
export interface PCAOptions {
  /** Number of components kept (clipped to min(rows, cols) at fit time). Default 50. */
  nComponents?: number;
  /**
   * `'exact'`: eigendecomposition of the covariance matrix (cols×cols, or the rows×rows Gram matrix when
   * there are fewer rows than columns). `'randomized'`: Halko–Martinsson–Tropp randomised SVD with power
   * iterations. `'auto'` (default): exact when min(rows, cols) ≤ 1000, else randomised.
   */
  method?: PCAMethod;
  /** Power iterations of the randomised method. Default 4. */
  nIter?: number;
  /** Extra sketch columns of the randomised method. Default 10. */
  oversamples?: number;
  /** Seed of the randomised sketch. Default 0. */
  seed?: number;
}

/**
 * Principal component analysis, fitted once and reusable: `fit` learns the mean and the components,
 * `transform` projects any matrix with the same number of columns. Equivalent to scikit-learn's
 * `PCA(n_components)` without whitening; component signs are fixed so that the largest-magnitude
 * entry of each component is positive.
 *
 * @example
 * ```ts
 * const pca = new PCA({ nComponents: 50 }).fit(trainFeatures);
 * const reduced = pca.transform(testFeatures); // { data, rows, cols: 50 }
 * console.log(pca.explainedVarianceRatio);
 * ```
 */
export class PCA {
  /** Requested number of components. */
  readonly nComponents: number;
  /** Requested method. */
  readonly method: PCAMethod;
  private readonly nIter: number;
  private readonly oversamples: number;
  private readonly seed: number;
  private fitted: {
    mean: Float64Array;
    components: Float64Array;
    k: number;
    cols: number;
    explainedVariance: Float64Array;
    explainedVarianceRatio: Float64Array;
    methodUsed: 'exact' | 'randomized';
  } | null = null;

  constructor(options: PCAOptions = {}) {
    const { nComponents = 50, method = 'auto', nIter = 4, oversamples = 10, seed = 0 } = options;
    checkNumber(nComponents, 'nComponents', { min: 1, integer: true });
    checkOneOf(method, 'method', ['exact', 'randomized', 'auto'] as const);
    checkNumber(nIter, 'nIter', { min: 0, integer: true });
    checkNumber(oversamples, 'oversamples', { min: 0, integer: true });
    checkNumber(seed, 'seed');
    this.nComponents = nComponents;
    this.method = method;
    this.nIter = nIter;
    this.oversamples = oversamples;
    this.seed = seed;
  }

  /** Learns mean and components from `X` (rows ≥ 2). Returns `this`. */
  fit(X: FeatureMatrix): this {
    checkShape(X, 'X');
    checkMinRows(X, 'X', 2);
    checkFinite(X, 'X');
    const { rows: n, cols: D } = X;
    const k = Math.min(this.nComponents, n, D);
    const mean = columnMeans(X);
    const totalVar = totalVariance(X, mean);
    const useExact = this.method === 'exact' || (this.method === 'auto' && Math.min(n, D) <= 1000);
    const { components, variances } = useExact ? exactPCA(X, mean, k) : this.randomizedPCA(X, mean, k);
    fixSigns(components, k, D);
    const ratio = new Float64Array(k);
    for (let i = 0; i < k; i++) ratio[i] = totalVar > 0 ? variances[i] / totalVar : 0;
    this.fitted = {
      mean,
      components,
      k,
      cols: D,
      explainedVariance: variances,
      explainedVarianceRatio: ratio,
      methodUsed: useExact ? 'exact' : 'randomized',
    };
    return this;
  }

  /**
   * Projects `X` onto the fitted components: `(X - mean) · componentsᵀ`, shape rows × k. Rows with NaN or
   * ±Infinity are refused as by `fit` (`NON_FINITE`), and so are rows whose projection overflows float32.
   */
  transform(X: FeatureMatrix): FeatureMatrix {
    const f = this.requireFitted();
    checkShape(X, 'X');
    if (X.cols !== f.cols) {
      throw new EmbeddingError('INVALID_SHAPE', 'X.cols', String(X.cols), `${f.cols} (the number of columns seen by fit)`);
    }
    // The same rule as fit: a NaN row would otherwise come out as a NaN point, silently.
    checkFinite(X, 'X');
    const { rows: n, cols: D, data } = X;
    const { k, components, mean } = f;
    const out = new Float32Array(n * k);
    const row = new Float64Array(D);
    for (let r = 0; r < n; r++) {
      const o = r * D;
      for (let c = 0; c < D; c++) row[c] = data[o + c] - mean[c];
      for (let j = 0; j < k; j++) {
        const oc = j * D;
        let s = 0;
        for (let c = 0; c < D; c++) s += row[c] * components[oc + c];
        out[r * k + j] = s;
        if (!Number.isFinite(out[r * k + j])) {
          throw new EmbeddingError(
            'NON_FINITE',
            'X.data',
            `row ${r} projecting to ${out[r * k + j]}`,
            'rows whose projections fit in float32',
            'The input data may contain large values and need to be preprocessed (scaled) before PCA',
          );
        }
      }
    }
    return { data: out, rows: n, cols: k };
  }

  /** `fit(X)` then `transform(X)`. */
  fitTransform(X: FeatureMatrix): FeatureMatrix {
    return this.fit(X).transform(X);
  }

  /** Components as rows of a k × cols row-major matrix. */
  get components(): FeatureMatrix {
    const f = this.requireFitted();
    return { data: Float32Array.from(f.components), rows: f.k, cols: f.cols };
  }

  /** Per-column mean learned by `fit`. */
  get mean(): Float64Array {
    return this.requireFitted().mean.slice();
  }

  /** Variance along each component (eigenvalues of the covariance, divisor rows − 1). */
  get explainedVariance(): Float64Array {
    return this.requireFitted().explainedVariance.slice();
  }

  /** Fraction of the total variance along each component. */
  get explainedVarianceRatio(): Float64Array {
    return this.requireFitted().explainedVarianceRatio.slice();
  }

  /** Method actually used by the last `fit` (`'auto'` resolved). */
  get methodUsed(): 'exact' | 'randomized' {
    return this.requireFitted().methodUsed;
  }

  private requireFitted(): NonNullable<PCA['fitted']> {
    if (!this.fitted) throw new EmbeddingError('NOT_FITTED', 'PCA', 'an unfitted PCA', 'a call to fit(X) first');
    return this.fitted;
  }

  private randomizedPCA(X: FeatureMatrix, mean: Float64Array, k: number): { components: Float64Array; variances: Float64Array } {
    const { rows: n, cols: D, data } = X;
    const l = Math.min(k + this.oversamples, n, D);
    const rng = new SeededRandom(this.seed);
    // Omega: D × l row-major.
    let Z = new Float64Array(D * l);
    for (let i = 0; i < Z.length; i++) Z[i] = rng.normalPolar();
    const Q = new Float64Array(n * l); // column-major n × l
    const row = new Float64Array(D);
    const qr = new Float64Array(l);
    const multiplyXZ = (): void => {
      // Q = Xc · Z, Z row-major D × l, Q column-major.
      const acc = new Float64Array(l);
      for (let r = 0; r < n; r++) {
        const o = r * D;
        acc.fill(0);
        for (let c = 0; c < D; c++) {
          const x = data[o + c] - mean[c];
          if (x === 0) continue;
          const oz = c * l;
          for (let j = 0; j < l; j++) acc[j] += x * Z[oz + j];
        }
        for (let j = 0; j < l; j++) Q[j * n + r] = acc[j];
      }
      orthonormalizeColumns(Q, n, l);
    };
    const multiplyXtQ = (): Float64Array => {
      // Returns Xcᵀ · Q as D × l row-major.
      const out = new Float64Array(D * l);
      for (let r = 0; r < n; r++) {
        const o = r * D;
        for (let j = 0; j < l; j++) qr[j] = Q[j * n + r];
        for (let c = 0; c < D; c++) row[c] = data[o + c] - mean[c];
        for (let c = 0; c < D; c++) {
          const x = row[c];
          if (x === 0) continue;
          const oo = c * l;
          for (let j = 0; j < l; j++) out[oo + j] += x * qr[j];
        }
      }
      return out;
    };
    multiplyXZ();
    for (let it = 0; it < this.nIter; it++) {
      const zt = multiplyXtQ();
      // orthonormalise columns of Z (D × l): go through column-major copy.
      const cm = new Float64Array(D * l);
      for (let c = 0; c < D; c++) for (let j = 0; j < l; j++) cm[j * D + c] = zt[c * l + j];
      orthonormalizeColumns(cm, D, l);
      Z = new Float64Array(D * l);
      for (let c = 0; c < D; c++) for (let j = 0; j < l; j++) Z[c * l + j] = cm[j * D + c];
      multiplyXZ();
    }
    // B = Qᵀ Xc (l × D); we hold Bᵀ (D × l row-major).
    const Bt = multiplyXtQ();
    const BBt = new Float64Array(l * l);
    for (let c = 0; c < D; c++) {
      const o = c * l;
      for (let a = 0; a < l; a++) {
        const v = Bt[o + a];
        for (let b = a; b < l; b++) BBt[a * l + b] += v * Bt[o + b];
      }
    }
    for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) BBt[a * l + b] = BBt[b * l + a];
    const { values, vectors } = symmetricEigen(BBt, l);
    const components = new Float64Array(k * D);
    const variances = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      const s2 = Math.max(values[j], 0);
      variances[j] = s2 / (n - 1);
      const inv = s2 > 0 ? 1 / Math.sqrt(s2) : 0;
      // v_j = Bᵀ u_j / s_j
      for (let c = 0; c < D; c++) {
        let s = 0;
        for (let a = 0; a < l; a++) s += Bt[c * l + a] * vectors[j * l + a];
        components[j * D + c] = s * inv;
      }
    }
    return { components, variances };
  }
}

function columnMeans(X: FeatureMatrix): Float64Array {
  const { rows: n, cols: D, data } = X;
  const mean = new Float64Array(D);
  for (let r = 0; r < n; r++) {
    const o = r * D;
    for (let c = 0; c < D; c++) mean[c] += data[o + c];
  }
  for (let c = 0; c < D; c++) mean[c] /= n;
  return mean;
}

function totalVariance(X: FeatureMatrix, mean: Float64Array): number {
  const { rows: n, cols: D, data } = X;
  let s = 0;
  for (let r = 0; r < n; r++) {
    const o = r * D;
    for (let c = 0; c < D; c++) {
      const v = data[o + c] - mean[c];
      s += v * v;
    }
  }
  return s / (n - 1);
}

/** Exact PCA through the covariance (D×D) or Gram (n×n) matrix, whichever is smaller. */
function exactPCA(X: FeatureMatrix, mean: Float64Array, k: number): { components: Float64Array; variances: Float64Array } {
  const { rows: n, cols: D, data } = X;
  const components = new Float64Array(k * D);
  const variances = new Float64Array(k);
  if (D <= n) {
    const C = new Float64Array(D * D);
    const B = 4;
    const blk = new Float64Array(B * D);
    for (let r0 = 0; r0 < n; r0 += B) {
      const m = Math.min(B, n - r0);
      blk.fill(0);
      for (let t = 0; t < m; t++) {
        const o = (r0 + t) * D;
        for (let c = 0; c < D; c++) blk[t * D + c] = data[o + c] - mean[c];
      }
      // Upper triangle, four rows at a time (zero-padded rows contribute nothing).
      for (let i = 0; i < D; i++) {
        const a0 = blk[i];
        const a1 = blk[D + i];
        const a2 = blk[2 * D + i];
        const a3 = blk[3 * D + i];
        if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
        const oi = i * D;
        for (let j = i; j < D; j++) {
          C[oi + j] += a0 * blk[j] + a1 * blk[D + j] + a2 * blk[2 * D + j] + a3 * blk[3 * D + j];
        }
      }
    }
    for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) C[i * D + j] = C[j * D + i];
    const { values, vectors } = symmetricEigen(C, D);
    for (let j = 0; j < k; j++) {
      variances[j] = Math.max(values[j], 0) / (n - 1);
      components.set(vectors.subarray(j * D, (j + 1) * D), j * D);
    }
  } else {
    // Gram matrix G = Xc Xcᵀ; V = Xcᵀ U / s.
    const Xc = new Float64Array(n * D);
    for (let r = 0; r < n; r++) for (let c = 0; c < D; c++) Xc[r * D + c] = data[r * D + c] - mean[c];
    const G = new Float64Array(n * n);
    for (let a = 0; a < n; a++) {
      for (let b = a; b < n; b++) {
        let s = 0;
        for (let c = 0; c < D; c++) s += Xc[a * D + c] * Xc[b * D + c];
        G[a * n + b] = s;
        G[b * n + a] = s;
      }
    }
    const { values, vectors } = symmetricEigen(G, n);
    for (let j = 0; j < k; j++) {
      const s2 = Math.max(values[j], 0);
      variances[j] = s2 / (n - 1);
      const inv = s2 > 0 ? 1 / Math.sqrt(s2) : 0;
      for (let r = 0; r < n; r++) {
        const u = vectors[j * n + r] * inv;
        if (u === 0) continue;
        for (let c = 0; c < D; c++) components[j * D + c] += u * Xc[r * D + c];
      }
    }
  }
  return { components, variances };
}

function fixSigns(components: Float64Array, k: number, D: number): void {
  for (let j = 0; j < k; j++) {
    let best = 0;
    for (let c = 0; c < D; c++) if (Math.abs(components[j * D + c]) > Math.abs(best)) best = components[j * D + c];
    if (best < 0) for (let c = 0; c < D; c++) components[j * D + c] = -components[j * D + c];
  }
}
