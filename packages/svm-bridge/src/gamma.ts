import { SvmBridgeError, describe } from './errors';
import type { FeatureMatrix } from './matrix';

/** Kernel coefficient: a positive number, or `'scale'` / `'auto'` as in scikit-learn's `SVC`. */
export type GammaOption = number | 'scale' | 'auto';

/**
 * Resolve a {@link GammaOption} against training data as scikit-learn does:
 * `'scale'` → `1 / (cols * X.var())` (variance over all entries; 1 when the variance is 0),
 * `'auto'` → `1 / cols`.
 *
 * @example
 * ```ts
 * resolveGamma('scale', { data: new Float32Array([0, 2, 0, 2]), rows: 2, cols: 2 }); // 1 / (2 * 1) = 0.5
 * ```
 */
export function resolveGamma(gamma: GammaOption, X: FeatureMatrix): number {
  if (gamma === 'auto') return 1 / X.cols;
  if (gamma === 'scale') {
    const n = X.data.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += X.data[i];
    mean /= n;
    let v = 0;
    for (let i = 0; i < n; i++) v += (X.data[i] - mean) ** 2;
    v /= n;
    return v > 0 ? 1 / (X.cols * v) : 1;
  }
  if (typeof gamma !== 'number' || !(gamma > 0) || !Number.isFinite(gamma)) {
    throw new SvmBridgeError('options.gamma', describe(gamma), "a positive number, 'scale' or 'auto'");
  }
  return gamma;
}
